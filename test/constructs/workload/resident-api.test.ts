import { App, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { acknowledgeFinding } from '../../../constructs/acknowledge-finding';
import { ResidentApi, ResidentApiProps } from '../../../constructs/resident-api';
import { ResidentBucket } from '../../../constructs/resident-bucket';
import { CfnTemplate, referencedLogicalId, resourcesOfType } from '../../support/template-queries';
import {
  acknowledgementsUnder,
  ACCOUNT,
  newWorkloadApp,
  regionBase,
  runbookOf,
  unacknowledgedFindingsOfThreePacks,
} from '../../support/workload-stack';

// One app for the file: a partner-facing FHIR front door with mutual TLS, as a platform team would build it.
const app = newWorkloadApp();
const base = regionBase(app, 'Interop', 'ca-central-1', ['s3']);
let certificates = 0;
const certificate = (stack: Stack, region = 'ca-central-1') =>
  acm.Certificate.fromCertificateArn(
    stack,
    `Cert${certificates++}`,
    `arn:aws:acm:${region}:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
  );
const accessLogs = new ResidentBucket(base.stack, 'AccessLogBucket', {
  encryptionKey: base.dataKey.key,
  receivesAccessLogs: true,
});
const truststore = new ResidentBucket(base.stack, 'Truststore', {
  encryptionKey: base.dataKey.key,
  serverAccessLogsBucket: accessLogs.bucket,
});
// The truststore holds CA certificates rebuilt from the PKI, not health data: the app chooses not to replicate it.
for (const b of [accessLogs, truststore]) {
  acknowledgeFinding(
    b,
    'HIPAA.Security',
    'HIPAA.Security-S3BucketReplicationEnabled',
    'Partner CA certificates and their access logs, rebuilt from the PKI; no health data to replicate',
  );
}
const fhir = new ResidentApi(base.stack, 'Fhir', {
  alerting: base.alerting,
  logKey: base.dataKey,
  apiName: 'fhir-partners',
  domain: {
    domainName: 'fhir.example.ca',
    certificate: certificate(base.stack),
    mutualTls: { truststore, key: 'truststore/partners.pem', version: 'v1' },
  },
});
const patient = fhir.api.root.addResource('Patient');
patient.addMethod('POST', new apigw.MockIntegration());
patient.addResource('{id}').addMethod('GET', new apigw.MockIntegration());

const template = app.synth().getStackByName(base.stack.stackName).template as CfnTemplate;
const only = (type: string) => resourcesOfType(template, type);
const one = (type: string) => {
  const all = only(type);
  expect([type, all.length]).toEqual([type, 1]);
  return all[0][1];
};
const dataKeyId = base.stack.getLogicalId(base.dataKey.key.node.defaultChild as kms.CfnKey);
const logGroupById = (id: string | undefined) => (id ? template.Resources[id] : undefined);

describe('ResidentApi, built with mutual TLS', () => {
  test('passes AwsSolutions, HIPAA.Security and CaResidency; its only acknowledgements are the documented choices', () => {
    expect(unacknowledgedFindingsOfThreePacks(app)).toEqual([]);
    expect(acknowledgementsUnder(fhir).sort()).toEqual([
      'AwsSolutions::AwsSolutions-COG4 at Interop/Fhir',
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs] at Interop/Fhir/Api/CloudWatchRole',
      'HIPAA.Security::HIPAA.Security-APIGWCacheEnabledAndEncrypted at Interop/Fhir',
      'HIPAA.Security::HIPAA.Security-APIGWSSLEnabled at Interop/Fhir',
    ]);
  });

  test('is REGIONAL, with its default execute-api endpoint disabled', () => {
    const api = one('AWS::ApiGateway::RestApi');
    expect(api.Properties?.EndpointConfiguration.Types).toEqual(['REGIONAL']);
    expect(api.Properties?.DisableExecuteApiEndpoint).toBe(true);
  });

  test('its custom domain is REGIONAL with the TLS_1_2 policy and mutual TLS on a pinned truststore version', () => {
    const domain = one('AWS::ApiGateway::DomainName');
    expect(domain.Properties?.EndpointConfiguration.Types).toEqual(['REGIONAL']);
    expect(domain.Properties?.SecurityPolicy).toBe('TLS_1_2');
    expect(JSON.stringify(domain.Properties?.MutualTlsAuthentication.TruststoreUri)).toContain(
      base.stack.getLogicalId(truststore.bucket.node.defaultChild as any),
    );
    expect(domain.Properties?.MutualTlsAuthentication.TruststoreVersion).toBe('v1');
    expect(only('AWS::ApiGateway::BasePathMapping')).toHaveLength(1);
  });

  test('a WAF web ACL with the AWS common and known-bad-inputs rule sets and a rate limit protects the stage', () => {
    const [[aclId, acl]] = only('AWS::WAFv2::WebACL');
    expect(acl.Properties?.Scope).toBe('REGIONAL');
    const rules = acl.Properties?.Rules as any[];
    expect(rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    expect(rules.find((r) => r.Statement.RateBasedStatement)?.Action).toEqual({ Block: {} });
    const assoc = one('AWS::WAFv2::WebACLAssociation');
    expect(referencedLogicalId(assoc.Properties?.WebACLArn)).toBe(aclId);
    expect(JSON.stringify(assoc.Properties?.ResourceArn)).toContain(
      base.stack.getLogicalId(fhir.api.deploymentStage.node.defaultChild as apigw.CfnStage),
    );
  });

  test('WAF logs go to an aws-waf-logs- log group of the same region, encrypted with the customer key, credentials and paths redacted', () => {
    const logging = one('AWS::WAFv2::LoggingConfiguration');
    const [destination] = logging.Properties?.LogDestinationConfigs as string[];
    const [, , service, region, account, kind, name] = destination.split(':');
    expect([service, region, account, kind]).toEqual(['logs', 'ca-central-1', ACCOUNT, 'log-group']);
    expect(name).toMatch(/^aws-waf-logs-/);
    const [, group] = only('AWS::Logs::LogGroup').find(([, g]) => g.Properties?.LogGroupName === name)!;
    expect(group.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    expect(logging.Properties?.RedactedFields).toEqual(
      expect.arrayContaining([{ SingleHeader: { Name: 'authorization' } }, { UriPath: {} }, { QueryString: {} }]),
    );
  });

  test('access logs are JSON without bodies or concrete paths, in a log group encrypted with the customer key', () => {
    const stage = one('AWS::ApiGateway::Stage');
    // The destination ARN is built from the group's name (`Fn::Join` of its `Ref`).
    const group = logGroupById(
      /"Ref":"([^"]+)"/.exec(JSON.stringify(stage.Properties?.AccessLogSetting.DestinationArn))?.[1],
    );
    expect(group?.Type).toBe('AWS::Logs::LogGroup');
    expect(group?.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    const format = JSON.parse(stage.Properties?.AccessLogSetting.Format);
    expect(format).toEqual(
      expect.objectContaining({
        requestId: '$context.requestId',
        resourcePath: '$context.resourcePath',
        status: '$context.status',
      }),
    );
    expect(
      Object.values(format).filter((v) => /\$context\.(path|requestBody|responseBody)\b|\$input/.test(String(v))),
    ).toEqual([]);
  });

  test('data trace is off, execution logs hold errors only in a pre-created encrypted group, no cache, throttled', () => {
    const [[stageId, stage]] = only('AWS::ApiGateway::Stage');
    for (const s of stage.Properties?.MethodSettings as any[]) {
      expect(s.DataTraceEnabled).toBe(false);
      expect(s.LoggingLevel).toBe('ERROR');
      expect(s.ThrottlingRateLimit).toBe(100);
      expect(s.ThrottlingBurstLimit).toBe(200);
    }
    expect(stage.Properties?.CacheClusterEnabled).toBeFalsy();
    const [execId, exec] = only('AWS::Logs::LogGroup').find(([, g]) =>
      JSON.stringify(g.Properties?.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    )!;
    expect(exec.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    expect((template.Resources[stageId] as any).DependsOn).toContain(execId);
  });

  test('every method requires IAM authorization and validates its requests', () => {
    const methods = only('AWS::ApiGateway::Method');
    expect(methods).toHaveLength(2);
    const [[validatorId, validator]] = only('AWS::ApiGateway::RequestValidator');
    expect(validator.Properties).toEqual(
      expect.objectContaining({ ValidateRequestBody: true, ValidateRequestParameters: true }),
    );
    for (const [, m] of methods) {
      expect(m.Properties?.AuthorizationType).toBe('AWS_IAM');
      expect(referencedLogicalId(m.Properties?.RequestValidatorId)).toBe(validatorId);
    }
  });

  test('every alarm (5XX, latency, 4XX, WAF blocks) reaches an alert topic and names a runbook that exists', () => {
    expect(fhir.alarms.map((a) => a.node.id)).toEqual(['ServerErrors', 'Latency', 'ClientErrors', 'WafBlocks']);
    for (const alarm of fhir.alarms) {
      expect([alarm.node.path, runbookOf(alarm)]).toEqual([
        alarm.node.path,
        { path: 'docs/runbooks/api-front-door.md', exists: true },
      ]);
      expect(JSON.stringify(base.stack.resolve((alarm.node.defaultChild as any).alarmActions))).toMatch(/Alerting/);
    }
    // The WAF alarm watches the metric of this web ACL (its name), in this region.
    const waf = template.Resources[base.stack.getLogicalId(fhir.alarms[3].node.defaultChild as any)];
    expect(waf.Properties?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'WebACL', Value: fhir.webAcl.name },
        { Name: 'Region', Value: 'ca-central-1' },
      ]),
    );
  });
});

describe('ResidentApi refuses what would expose data, naming the construct path and the value', () => {
  const refusal = (props: Partial<ResidentApiProps>, id = 'Api'): string => {
    const a = new App();
    const b = regionBase(a, 'Refusals', 'ca-central-1', []);
    try {
      new ResidentApi(b.stack, id, {
        alerting: b.alerting,
        logKey: b.dataKey,
        apiName: 'partners',
        domain: { domainName: 'api.example.ca', certificate: certificate(b.stack) },
        ...props,
      });
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('an EDGE endpoint', () => {
    expect(refusal({ endpointType: apigw.EndpointType.EDGE }, 'EdgeApi')).toMatch(
      /^Refusals\/EdgeApi: ResidentApi: endpointType is EDGE: .*CloudFront/,
    );
  });
  test('data trace turned on', () => {
    expect(refusal({ dataTraceEnabled: true })).toMatch(/Refusals\/Api: .*dataTraceEnabled is true/);
  });
  test('a TLS 1.0 policy, an edge policy, or an enhanced policy with mutual TLS', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'ca-central-1' } });
    const store = { truststore: {} as ResidentBucket, key: 'k' };
    expect(
      refusal({
        domain: {
          domainName: 'a.example.ca',
          certificate: certificate(stack),
          securityPolicy: apigw.SecurityPolicy.TLS_1_0,
        },
      }),
    ).toMatch(/securityPolicy is TLS_1_0: its minimum TLS version is 1/);
    expect(
      refusal({
        domain: {
          domainName: 'a.example.ca',
          certificate: certificate(stack),
          securityPolicy: apigw.SecurityPolicy.TLS12_2018_EDGE,
        },
      }),
    ).toMatch(/edge-optimized/);
    expect(
      refusal({
        domain: {
          domainName: 'a.example.ca',
          certificate: certificate(stack),
          securityPolicy: apigw.SecurityPolicy.TLS13_1_3_2025_09,
          mutualTls: store,
        },
      }),
    ).toMatch(/mutual TLS only with the TLS_1_2 policy/);
  });
  test('a certificate of another region; a REGIONAL API without a domain', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const message = refusal({ domain: { domainName: 'a.example.ca', certificate: certificate(stack, 'us-east-1') } });
    expect(message).toMatch(/certificate is in us-east-1/);
    expect(refusal({ domain: undefined })).toMatch(/domain is missing/);
  });
  test('a PRIVATE API without VPC endpoints or with a public domain', () => {
    expect(refusal({ endpointType: apigw.EndpointType.PRIVATE })).toMatch(
      /domain is api\.example\.ca: a PRIVATE.*vpcEndpoints is empty/,
    );
  });
  test('a method without authorization fails synth', () => {
    const a = new App();
    const b = regionBase(a, 'Open', 'ca-central-1', []);
    const api = new ResidentApi(b.stack, 'Api', {
      alerting: b.alerting,
      logKey: b.dataKey,
      apiName: 'open',
      domain: { domainName: 'o.example.ca', certificate: certificate(b.stack) },
    });
    api.api.root.addMethod('GET', new apigw.MockIntegration(), { authorizationType: apigw.AuthorizationType.NONE });
    expect(() => a.synth()).toThrow(
      /^Open\/Api\/Api\/Default\/GET\/Resource: ResidentApi: method GET has authorizationType NONE/,
    );
  });
  test('a correct PRIVATE API is accepted', () => {
    const a = new App();
    const b = regionBase(a, 'Private', 'ca-central-1', []);
    const vpc = new ec2.Vpc(b.stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    const api = new ResidentApi(b.stack, 'Api', {
      alerting: b.alerting,
      logKey: b.dataKey,
      apiName: 'internal',
      endpointType: apigw.EndpointType.PRIVATE,
      vpcEndpoints: [endpoint],
    });
    expect(b.stack.resolve((api.api.node.defaultChild as apigw.CfnRestApi).securityPolicy)).toBe('TLS_1_2');
  });
});
