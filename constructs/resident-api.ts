import { ArnFormat, Aspects, IAspect, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct, IConstruct } from 'constructs';
import { API_GATEWAY_POLICIES } from '../lib/policy/tls-security-policies';
import { acknowledgeFinding } from './acknowledge-finding';
import { AlarmFactory } from './alarm-factory';
import { InvalidPropError } from './invalid-prop-error';
import { allowCloudWatchLogs } from './log-group-encryption';
import { ResidencyAlerting } from './residency-alerting';
import { ResidencyKey } from './residency-key';
import { ResidentBucket } from './resident-bucket';
import { ALARM_PERIOD, assertKeyInRegion } from './workload-props';

/** Mutual TLS: partners present a client certificate issued by a CA of the truststore. */
export interface ResidentApiMutualTls {
  /** The versioned, encrypted bucket holding the truststore (a PEM bundle of the partner CAs). */
  readonly truststore: ResidentBucket;
  /** Object key of the truststore, e.g. `truststore/partners.pem`. */
  readonly key: string;
  /**
   * Object version to use. Pin it so that a truststore change is a reviewed deployment, not an upload.
   * @default - the latest version when the domain is created or updated
   */
  readonly version?: string;
}

/** The API's custom domain: the only way in when the default endpoint is disabled. */
export interface ResidentApiDomain {
  /** Lower-case host name, e.g. `fhir.example.ca`. */
  readonly domainName: string;
  /** ACM certificate of the API's own region (a regional custom domain). */
  readonly certificate: acm.ICertificate;
  /**
   * Security policy of the domain. Only policies whose minimum is TLS 1.2 or above are accepted, and with mutual TLS
   * only `TLS_1_2` (API Gateway does not offer mutual TLS with the enhanced `SecurityPolicy_*` policies).
   * @default SecurityPolicy.TLS_1_2: TLS 1.2 and 1.3, every mainstream partner stack, and mutual TLS
   */
  readonly securityPolicy?: apigw.SecurityPolicy;
  /** @default - no mutual TLS (the authorizer alone authenticates callers) */
  readonly mutualTls?: ResidentApiMutualTls;
}

export interface ResidentApiProps {
  /** The region's alert routing: the API's alarms go to its topics. */
  readonly alerting: ResidencyAlerting;
  /** Customer-managed key of the API's region encrypting the access, execution and WAF log groups. */
  readonly logKey: ResidencyKey;
  /** API name; also the prefix of its alarm, web ACL and log group names. */
  readonly apiName: string;
  /**
   * `REGIONAL` (served from the region, behind the custom domain) or `PRIVATE` (reachable only through the VPC
   * endpoints in `vpcEndpoints`). `EDGE` is refused: edge-optimized APIs are served through CloudFront worldwide.
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: apigw.EndpointType;
  /** Required for a REGIONAL API, refused for a PRIVATE one. */
  readonly domain?: ResidentApiDomain;
  /** Interface VPC endpoints (execute-api) a PRIVATE API accepts requests from. Required for PRIVATE. */
  readonly vpcEndpoints?: ec2.IInterfaceVpcEndpoint[];
  /**
   * Principals that may call the API (IAM SigV4): partner accounts or roles. Each still needs an identity policy
   * allowing execute-api:Invoke on the API.
   * @default - principals of this account only
   */
  readonly callers?: iam.IPrincipal[];
  /** @default 'prod' */
  readonly stageName?: string;
  /** Data-trace (full request/response) logging: refused if true, it would write patient data to logs. @default false */
  readonly dataTraceEnabled?: boolean;
  /** Steady-state requests per second across the stage. @default 100 */
  readonly throttlingRateLimit?: number;
  /** @default 200 */
  readonly throttlingBurstLimit?: number;
  /** Requests per source IP in any 5-minute window before WAF blocks it. @default 1000 */
  readonly wafRateLimit?: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** 5XX responses in 5 minutes that page on-call. @default 5 */
  readonly serverErrorThreshold?: number;
  /** p99 latency (ms) over 15 minutes that warns. @default 3000 */
  readonly latencyThresholdMs?: number;
  /** 4XX responses (including 403 from IAM and mutual TLS refusals) in 5 minutes that warn. @default 100 */
  readonly clientErrorThreshold?: number;
  /** Requests blocked by WAF in 5 minutes that warn. @default 100 */
  readonly wafBlockedThreshold?: number;
  /**
   * Create the region's API Gateway account role that lets API Gateway write logs (one per account and region:
   * turn off when the platform already set it).
   * @default true
   */
  readonly createAccountLoggingRole?: boolean;
  /** @default RemovalPolicy.RETAIN: the logs are audit evidence */
  readonly removalPolicy?: RemovalPolicy;
}

/** Fields of the JSON access log. The template path (`/Patient/{id}`) is logged, never the actual path or body. */
const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  accountId: '$context.identity.accountId',
  clientCertSerialNumber: '$context.identity.clientCert.serialNumber',
  clientCertSubject: '$context.identity.clientCert.subjectDN',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  wafResponseCode: '$context.wafResponseCode',
  errorType: '$context.error.responseType',
};

/** What WAF logs must not keep: credentials and the request path and query (they carry patient identifiers). */
const WAF_REDACTED_FIELDS = [
  { singleHeader: { Name: 'authorization' } },
  { singleHeader: { Name: 'x-amz-security-token' } },
  { uriPath: {} },
  { queryString: {} },
];

/**
 * An API Gateway REST API that is a resident, authenticated front door for health data exchange (FHIR, partner
 * integrations): REGIONAL or PRIVATE only, a custom domain with a TLS 1.2+ policy and optional mutual TLS (truststore
 * in a versioned ResidentBucket), the default execute-api endpoint disabled, IAM (SigV4) authorization and request
 * validation on every method, stage throttling, a regional WAF web ACL (AWS common and known-bad-inputs rule sets,
 * per-IP rate limit) logging to a CMK-encrypted `aws-waf-logs-*` group, JSON access logs and ERROR execution logs in
 * CMK-encrypted groups, data trace off, no cache, X-Ray tracing, and alarms (5XX, latency, 4XX, WAF blocks).
 * Add resources and methods on `api`; they inherit the authorization and validation defaults.
 */
export class ResidentApi extends Construct {
  readonly api: apigw.RestApi;
  readonly webAcl: wafv2.CfnWebACL;
  readonly accessLogs: logs.LogGroup;
  readonly executionLogs: logs.LogGroup;
  readonly wafLogs: logs.LogGroup;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResidentApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const endpointType = props.endpointType ?? apigw.EndpointType.REGIONAL;
    validate(this, props, endpointType);
    assertKeyInRegion(this, 'ResidentApi', 'logKey', props.logKey.key);
    allowCloudWatchLogs(props.logKey);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const stageName = props.stageName ?? 'prod';
    const logGroup = (lgId: string, logGroupName?: string) =>
      new logs.LogGroup(this, lgId, { logGroupName, encryptionKey: props.logKey.key, retention, removalPolicy });

    this.accessLogs = logGroup('AccessLogs');
    const privateApi = endpointType === apigw.EndpointType.PRIVATE;
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.apiName,
      description: `${props.apiName}: resident ${endpointType} API (IAM authorization, WAF, TLS 1.2+)`,
      endpointConfiguration: { types: [endpointType], vpcEndpoints: props.vpcEndpoints },
      // A private API is reached through its VPC endpoints on execute-api; a regional one only on its custom domain.
      disableExecuteApiEndpoint: !privateApi,
      domainName: props.domain && domainOptions(props.domain),
      policy: resourcePolicy(props),
      cloudWatchRole: props.createAccountLoggingRole ?? true,
      cloudWatchRoleRemovalPolicy: removalPolicy,
      deploy: true,
      deployOptions: {
        stageName,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        // Errors only, and never payloads: data trace stays off (validated above).
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        cachingEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit ?? 100,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    // The default execute-api endpoint of a private API accepts TLS 1.0 unless told otherwise.
    (this.api.node.defaultChild as apigw.CfnRestApi).securityPolicy = apigw.SecurityPolicy.TLS_1_2;
    const validator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // CDK applies defaultMethodOptions' authorization but not a request validator: set it on every method at synth.
    Aspects.of(this.api).add(new EveryMethodValidatedAndAuthorized(validator));

    // API Gateway would create the execution log group itself, unencrypted with a customer key: create it first.
    this.executionLogs = logGroup('ExecutionLogs', `API-Gateway-Execution-Logs_${this.api.restApiId}/${stageName}`);
    this.api.deploymentStage.node.addDependency(this.executionLogs);

    this.wafLogs = logGroup('WafLogs', `aws-waf-logs-${props.apiName}`);
    this.webAcl = this.createWebAcl(props);
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    const wafLogging = new wafv2.CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the trailing `:*` of LogGroup.logGroupArn.
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: `aws-waf-logs-${props.apiName}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: WAF_REDACTED_FIELDS,
    });
    wafLogging.node.addDependency(this.wafLogs);

    acknowledgeFinding(
      this,
      'AwsSolutions',
      'AwsSolutions-COG4',
      'Partners are machines: every method requires IAM (SigV4) authorization with short-lived role credentials, and the resource policy names the callers; a Cognito user pool authorizer is for people',
    );
    acknowledgeFinding(
      this,
      'HIPAA.Security',
      'HIPAA.Security-APIGWCacheEnabledAndEncrypted',
      'No response cache on purpose: responses carry patient data for one caller, and a cache keyed without the caller identity could serve them to another partner',
    );
    acknowledgeFinding(
      this,
      'HIPAA.Security',
      'HIPAA.Security-APIGWSSLEnabled',
      'Integrations stay inside the hosting VPC (Lambda functions, VPC links) and trust API Gateway through IAM; a backend client certificate only helps public HTTP backends, which a ResidentApi does not use',
    );
    const loggingRole = this.api.node.tryFindChild('CloudWatchRole');
    if (loggingRole) {
      acknowledgeFinding(
        loggingRole,
        'AwsSolutions',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the API Gateway account logging role; only apigateway.amazonaws.com can assume the role',
      );
    }
    this.alarms = this.createAlarms(props);
  }

  private createWebAcl(props: ResidentApiProps): wafv2.CfnWebACL {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: false,
      metricName,
    });
    const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
      name: `AWS-${name}`,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    return new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${props.apiName}-waf`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      // Sampled requests would keep request headers and paths in the WAF console: off.
      visibilityConfig: visibility(`${props.apiName}-waf`),
      rules: [
        managed('AWSManagedRulesCommonRuleSet', 0),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        {
          name: 'RateLimitPerSourceIp',
          priority: 2,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.wafRateLimit ?? 1000, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerSourceIp'),
        },
      ],
    });
  }

  private createAlarms(props: ResidentApiProps): cloudwatch.Alarm[] {
    const stage = this.api.deploymentStage;
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: props.apiName });
    const runbook = 'api-front-door';
    const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };
    return [
      alarms.addAlarm({
        id: 'ServerErrors',
        nameSuffix: 'server-errors',
        description: `${props.apiName} returned 5XX responses: partners cannot exchange data`,
        runbook,
        tier: 'critical',
        metric: stage.metricServerError(sum),
        threshold: props.serverErrorThreshold ?? 5,
      }),
      alarms.addAlarm({
        id: 'Latency',
        nameSuffix: 'latency-p99',
        description: `${props.apiName} p99 latency above ${props.latencyThresholdMs ?? 3000} ms for 15 minutes`,
        runbook,
        tier: 'warning',
        metric: stage.metricLatency({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.p(99) }),
        threshold: props.latencyThresholdMs ?? 3000,
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      }),
      alarms.addAlarm({
        id: 'ClientErrors',
        nameSuffix: 'client-errors',
        description: `${props.apiName} returned many 4XX responses: refused signatures or certificates, invalid requests, or probing`,
        runbook,
        tier: 'warning',
        metric: stage.metricClientError(sum),
        threshold: props.clientErrorThreshold ?? 100,
      }),
      alarms.addAlarm({
        id: 'WafBlocks',
        nameSuffix: 'waf-blocked-requests',
        description: `The web ACL of ${props.apiName} blocked many requests: an attack, a misbehaving partner, or a rule blocking legitimate traffic`,
        runbook,
        tier: 'warning',
        metric: new cloudwatch.Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensionsMap: { WebACL: this.webAcl.name!, Region: Stack.of(this).region, Rule: 'ALL' },
          ...sum,
        }),
        threshold: props.wafBlockedThreshold ?? 100,
      }),
    ];
  }
}

/** Every method of the API gets the request validator, and a method without authorization fails synth. */
class EveryMethodValidatedAndAuthorized implements IAspect {
  constructor(private readonly validator: apigw.IRequestValidator) {}

  visit(node: IConstruct): void {
    if (!(node instanceof apigw.CfnMethod)) return;
    if (node.requestValidatorId === undefined) node.requestValidatorId = this.validator.requestValidatorId;
    const auth = node.authorizationType;
    if (auth === undefined || auth === String(apigw.AuthorizationType.NONE)) {
      throw new InvalidPropError(
        node,
        `ResidentApi: method ${node.httpMethod} has authorizationType ${auth ?? 'NONE'}; every method of a ResidentApi requires an authorizer (IAM by default)`,
      );
    }
  }
}

/** The options of the REST API's custom domain: regional, TLS 1.2+, mutual TLS when asked. */
function domainOptions(domain: ResidentApiDomain): apigw.DomainNameOptions {
  const securityPolicy = domain.securityPolicy ?? apigw.SecurityPolicy.TLS_1_2;
  const enhanced = securityPolicy.startsWith('SecurityPolicy_');
  const mtls = domain.mutualTls;
  return {
    domainName: domain.domainName,
    certificate: domain.certificate,
    endpointType: apigw.EndpointType.REGIONAL,
    securityPolicy,
    // Enhanced policies need an access mode; STRICT refuses clients that do not meet the policy.
    endpointAccessMode: enhanced ? apigw.EndpointAccessMode.STRICT : undefined,
    mtls: mtls && { bucket: mtls.truststore.bucket, key: mtls.key, version: mtls.version },
  };
}

/** Who may call: the listed principals (default: this account), and for a private API only through its endpoints. */
function resourcePolicy(props: ResidentApiProps): iam.PolicyDocument {
  const invoke = 'execute-api:Invoke';
  const everything = 'execute-api:/*';
  const doc = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'InvokeByNamedCallers',
        principals: props.callers && props.callers.length > 0 ? props.callers : [new iam.AccountRootPrincipal()],
        actions: [invoke],
        resources: [everything],
      }),
    ],
  });
  if (props.endpointType === apigw.EndpointType.PRIVATE) {
    doc.addStatements(
      new iam.PolicyStatement({
        sid: 'OnlyThroughTheVpcEndpoints',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [invoke],
        resources: [everything],
        conditions: { StringNotEquals: { 'aws:SourceVpce': (props.vpcEndpoints ?? []).map((e) => e.vpcEndpointId) } },
      }),
    );
  }
  return doc;
}

/** Every problem with the props at once, naming the construct path, the prop and its value. */
function validate(scope: Construct, props: ResidentApiProps, endpointType: apigw.EndpointType): void {
  const problems: string[] = [];
  const region = Stack.of(scope).region;
  if (endpointType === apigw.EndpointType.EDGE) {
    problems.push(
      `endpointType is ${endpointType}: edge-optimized APIs are served through CloudFront edge locations outside Canada; use REGIONAL or PRIVATE`,
    );
  }
  if (props.dataTraceEnabled === true) {
    problems.push(
      'dataTraceEnabled is true: full request and response logging writes patient data to the execution logs; it must stay off (use the JSON access logs)',
    );
  }
  if (endpointType === apigw.EndpointType.REGIONAL && !props.domain) {
    problems.push(
      'domain is missing: a REGIONAL ResidentApi is served only on its custom domain (the default execute-api endpoint is disabled)',
    );
  }
  if (endpointType === apigw.EndpointType.PRIVATE) {
    if (props.domain)
      problems.push(
        `domain is ${props.domain.domainName}: a PRIVATE ResidentApi is reached through its VPC endpoints, not a public custom domain`,
      );
    if (!props.vpcEndpoints || props.vpcEndpoints.length === 0)
      problems.push(
        'vpcEndpoints is empty: a PRIVATE ResidentApi needs the execute-api interface endpoints it accepts requests from',
      );
  }
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(props.apiName)) {
    problems.push(
      `apiName is '${props.apiName}': use 1-100 letters, digits, '-' or '_' (it names the web ACL and the aws-waf-logs- log group)`,
    );
  }
  const domain = props.domain;
  if (domain) {
    const policy = domain.securityPolicy ?? apigw.SecurityPolicy.TLS_1_2;
    const minimum = API_GATEWAY_POLICIES.minimumTls[policy];
    if (minimum === undefined || minimum < 1.2) {
      problems.push(
        `domain.securityPolicy is ${policy}: its minimum TLS version is ${minimum ?? 'unknown'}; use TLS_1_2 or an enhanced SecurityPolicy_TLS13_* policy`,
      );
    } else if (policy.endsWith('_EDGE')) {
      problems.push(
        `domain.securityPolicy is ${policy}, a policy for edge-optimized domains; a ResidentApi domain is REGIONAL`,
      );
    } else if (domain.mutualTls && policy !== apigw.SecurityPolicy.TLS_1_2) {
      problems.push(
        `domain.securityPolicy is ${policy} with mutualTls: API Gateway offers mutual TLS only with the TLS_1_2 policy`,
      );
    }
    const certRegion = Token.isUnresolved(domain.certificate.certificateArn)
      ? undefined
      : domain.certificate.certificateArn.split(':')[3];
    if (certRegion !== undefined && !Token.isUnresolved(region) && certRegion !== region) {
      problems.push(
        `domain.certificate is in ${certRegion}: a regional custom domain needs an ACM certificate of ${region}`,
      );
    }
  }
  if (problems.length > 0) throw new InvalidPropError(scope, `ResidentApi: ${problems.join('; ')}`);
}
