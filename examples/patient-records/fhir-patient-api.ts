import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeFinding, ResidencyAlerting, ResidencyKey, ResidentApi, ResidentTable } from '../../index';
import { PATIENTS_TABLE_ENV } from './fhir/dynamodb-patient-store';
import { PATIENT_MODEL_SCHEMA } from './fhir/patient-handler';

export interface FhirPatientApiProps {
  readonly alerting: ResidencyAlerting;
  /** The hosting VPC of the region: the function runs in its isolated subnets. */
  readonly vpc: ec2.IVpc;
  /** Where patients are kept; the function may only get and put items in it. */
  readonly patients: ResidentTable;
  /** The key of the patients table, also encrypting the function's environment. Usable via DynamoDB and Lambda. */
  readonly dataKey: ResidencyKey;
  /** Encrypts the function's log group and the API's access, execution and WAF log groups. */
  readonly logsKey: ResidencyKey;
  /** Host name of the API's custom domain (the only way in: the default execute-api endpoint is disabled). */
  readonly domainName: string;
  /** ACM certificate of the domain, in the stack's region. */
  readonly certificate: acm.ICertificate;
}

/** Names the API, its web ACL and logs, and its function (one FHIR API per environment). */
const API_NAME = 'patient-records-fhir';

/** Gateway-refused bodies answer as the function does: a FHIR OperationOutcome (the message lists the schema errors). */
const INVALID_BODY_OUTCOME = JSON.stringify({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'invalid', diagnostics: '$context.error.validationErrorString' }],
});

/**
 * The FHIR R4 Patient endpoint of the patient-records example: a REGIONAL `ResidentApi` on the custom domain with
 * `GET /Patient/{id}` and `POST /Patient` (the body validated at the gateway against the Patient model), integrated
 * with a Lambda function attached to the hosting VPC's isolated subnets that reads and writes the patients table
 * through the VPC's DynamoDB gateway endpoint. The function's role holds only what it uses, in a customer-managed
 * policy; its environment and log group are encrypted with the workload's keys.
 */
export class FhirPatientApi extends Construct {
  readonly api: ResidentApi;
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FhirPatientApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const apiName = API_NAME;
    const functionName = `${apiName}-patient`;

    this.logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      logGroupName: `/aws/lambda/${functionName}`,
      encryptionKey: props.logsKey.key,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The VPC has no internet route: HTTPS leaves the function only towards the DynamoDB gateway endpoint's routes
    // (and any interface endpoint of the VPC). The endpoint's prefix list id is not known at synth time.
    this.securityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: props.vpc,
      description: 'FHIR Patient function: HTTPS out to the DynamoDB gateway endpoint only (no internet route)',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to AWS endpoints of the VPC; the VPC has no internet gateway or NAT',
    );

    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'FHIR Patient function: get and put patients, its own logs, its network interfaces',
    });
    const table = props.patients.table;
    const viaServices = ['dynamodb', 'lambda'].map((s) => `${s}.${stack.region}.amazonaws.com`);
    const policy = new iam.ManagedPolicy(this, 'FunctionPolicy', {
      description: 'FHIR Patient function: GetItem and PutItem on the patients table, its log group, VPC interfaces',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadAndCreatePatients',
          // No Query, Scan, UpdateItem, DeleteItem or batch calls: the API reads one patient and creates one.
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          resources: [table.tableArn],
        }),
        new iam.PolicyStatement({
          sid: 'UseDataKeyThroughDynamoDbAndLambda',
          // DynamoDB uses the table's key with the caller's permissions; Lambda decrypts the environment with them.
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.dataKey.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': viaServices } },
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'NetworkInterfacesInTheVpc',
          // What Lambda needs to attach a function to a VPC (Lambda Developer Guide, "Giving Lambda functions
          // access to resources in an Amazon VPC"); these EC2 actions take no resource narrower than '*'.
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      ],
    });
    acknowledgeFinding(
      policy,
      'AwsSolutions',
      'AwsSolutions-IAM5[Resource::*]',
      'The EC2 network-interface actions Lambda needs to attach the function to the hosting VPC accept no resource narrower than *; table, key and log permissions are on their ARNs.',
    );

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: 'FHIR R4 Patient endpoint (GET /Patient/{id}, POST /Patient) over the patients table',
      entry: path.join(__dirname, 'fhir', 'lambda-entry.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      // Everything the function may do is in the managed policy above: CDK adds no inline policy.
      role: role.withoutPolicyUpdates(),
      memorySize: 256,
      timeout: Duration.seconds(10),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      environmentEncryption: props.dataKey.key,
      environment: { [PATIENTS_TABLE_ENV]: table.tableName },
      logGroup: this.logGroup,
      bundling: {
        // Local esbuild (a pinned dev dependency): synth needs neither Docker nor the network.
        forceDockerBundling: false,
        // The SDK is bundled, not taken from the runtime: the version tested here is the one that runs.
        externalModules: [],
        format: OutputFormat.CJS,
        minify: true,
        sourceMap: false,
        target: 'node24',
      },
    });
    this.function.node.addDependency(policy);
    acknowledgeFinding(
      this.function,
      'HIPAA.Security',
      'HIPAA.Security-LambdaConcurrency',
      'A reservation leaves less than the 10 unreserved executions Lambda requires in a new account and fails the deploy; the API stage throttles requests (100/s, burst 200) before they reach the function.',
    );
    acknowledgeFinding(
      this.function,
      'HIPAA.Security',
      'HIPAA.Security-LambdaDLQ',
      'API Gateway invokes the function synchronously and returns its errors to the caller; a dead-letter queue only receives failed asynchronous invocations, which this function never gets.',
    );

    this.api = new ResidentApi(this, 'Api', {
      alerting: props.alerting,
      logKey: props.logsKey,
      apiName,
      endpointType: apigw.EndpointType.REGIONAL,
      domain: { domainName: props.domainName, certificate: props.certificate },
    });
    const api = this.api.api;
    const model = api.addModel('PatientModel', {
      modelName: 'FhirPatient',
      description: 'FHIR R4 Patient: the elements this endpoint keeps',
      contentType: 'application/json',
      schema: gatewaySchema(PATIENT_MODEL_SCHEMA),
    });
    api.addGatewayResponse('InvalidPatient', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      responseHeaders: { 'Content-Type': "'application/fhir+json'" },
      templates: { 'application/json': INVALID_BODY_OUTCOME },
    });
    const integration = new apigw.LambdaIntegration(this.function, { proxy: true, allowTestInvoke: false });
    const patient = api.root.addResource('Patient');
    // `$default`: the model validates the body whatever the Content-Type (FHIR clients send application/fhir+json);
    // a content type without a model would not be validated at all (API Gateway Developer Guide, "Request
    // validation for REST APIs in API Gateway").
    patient.addMethod('POST', integration, { requestModels: { $default: model } });
    patient
      .addResource('{id}')
      .addMethod('GET', integration, { requestParameters: { 'method.request.path.id': true } });
  }
}

/** The handler's JSON Schema as an API Gateway model schema (draft 4): same rules, the CDK type. */
function gatewaySchema(schema: object): apigw.JsonSchema {
  return { schema: apigw.JsonSchemaVersion.DRAFT4, ...(schema as apigw.JsonSchema) };
}
