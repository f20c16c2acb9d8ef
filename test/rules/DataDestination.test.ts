import { CfnParameter, Duration, SecretValue } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dlm from 'aws-cdk-lib/aws-dlm';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluateTemplates } from '../../lib/rules';
import { CENTRAL, conditionsLeftToDeploy, evaluateApp, newApp, stack, tut, US_EAST } from './support';

const RULE = 'CaResidency-DataDestination';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const virginia = stack(app, 'Virginia', US_EAST);
const usQueue = sqs.Queue.fromQueueArn(s, 'UsQueue', 'arn:aws:sqs:us-east-1:111111111111:q');
const localQueue = new sqs.Queue(s, 'LocalQueue');
new s3.Bucket(virginia, 'UsBucket', { bucketName: 'records-us-east-1' });

// Logs: subscription filters.
const group = new logs.LogGroup(s, 'Group');
new logs.SubscriptionFilter(s, 'L2LogsToUs', {
  logGroup: group,
  filterPattern: logs.FilterPattern.allEvents(),
  // A function imported from another region.
  destination: new destinations.LambdaDestination(
    lambda.Function.fromFunctionArn(s, 'UsFn', 'arn:aws:lambda:us-west-2:111111111111:function:f'),
    { addPermissions: false },
  ),
});
new logs.CfnSubscriptionFilter(s, 'L1LogsToUs', {
  logGroupName: group.logGroupName,
  filterPattern: '',
  destinationArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/s',
});
const hatchFilter = new logs.CfnSubscriptionFilter(s, 'HatchLogs', {
  logGroupName: group.logGroupName,
  filterPattern: '',
  destinationArn: localQueue.queueArn,
});
hatchFilter.addPropertyOverride('DestinationArn', 'arn:aws:kinesis:eu-west-1:111111111111:stream/s');

// Events: rule targets.
// (CDK itself refuses a rule targeting an imported foreign queue; an API destination to a foreign host it allows.)
const connection = new events.Connection(s, 'Connection', {
  authorization: events.Authorization.apiKey('x-key', SecretValue.unsafePlainText('k')),
});
const usApi = new events.ApiDestination(s, 'L2EventsToUsApi', {
  connection,
  endpoint: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/ingest',
});
new events.Rule(s, 'EventsViaApi', {
  schedule: events.Schedule.rate(Duration.hours(1)),
  targets: [new targets.ApiDestination(usApi)],
});
new events.CfnRule(s, 'L1EventsToUs', {
  scheduleExpression: 'rate(1 hour)',
  targets: [{ id: 't', arn: 'arn:aws:sns:us-east-2:111111111111:t' }],
});
const hatchRule = new events.Rule(s, 'HatchEvents', {
  schedule: events.Schedule.rate(Duration.hours(1)),
  targets: [new targets.SqsQueue(localQueue)],
});
(hatchRule.node.defaultChild as events.CfnRule).addPropertyOverride(
  'Targets.0.Arn',
  'arn:aws:sqs:us-east-1:111111111111:q',
);

// Subscriptions: SNS.
new sns.Topic(s, 'L2SubToUs').addSubscription(new subs.SqsSubscription(usQueue));
new sns.CfnSubscription(s, 'L1SubToThirdParty', {
  topicArn: new sns.Topic(s, 'T1').topicArn,
  protocol: 'https',
  endpoint: 'https://collector.example.com/hook',
});
const hatchSub = new sns.CfnSubscription(s, 'HatchSub', {
  topicArn: new sns.Topic(s, 'T2').topicArn,
  protocol: 'sqs',
  endpoint: localQueue.queueArn,
});
hatchSub.addPropertyOverride('Endpoint', 'arn:aws:sqs:us-east-1:111111111111:q');

// Delivery streams: Firehose to S3.
const role = new iam.Role(s, 'FirehoseRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
new firehose.DeliveryStream(s, 'L2StreamToUs', {
  destination: new firehose.S3Bucket(s3.Bucket.fromBucketName(s, 'UsDest', 'records-us-east-1')),
});
new firehose.CfnDeliveryStream(s, 'L1StreamToUnknown', {
  extendedS3DestinationConfiguration: {
    bucketArn: new CfnParameter(s, 'DestinationBucketArn').valueAsString,
    roleArn: role.roleArn,
  },
});
const localBucket = new s3.Bucket(s, 'LocalBucket');
const hatchStream = new firehose.CfnDeliveryStream(s, 'HatchStream', {
  extendedS3DestinationConfiguration: { bucketArn: localBucket.bucketArn, roleArn: role.roleArn },
});
hatchStream.addPropertyOverride('ExtendedS3DestinationConfiguration.BucketARN', 'arn:aws:s3:::records-us-east-1');

// Trails: CloudTrail delivery bucket.
new cloudtrail.Trail(s, 'L2TrailToUs', {
  bucket: s3.Bucket.fromBucketName(s, 'UsTrailBucket', 'records-us-east-1'),
  sendToCloudWatchLogs: false,
});
new cloudtrail.CfnTrail(s, 'L1TrailToUnknown', { isLogging: true, s3BucketName: 'someone-elses-trail-bucket' });
const hatchTrail = new cloudtrail.CfnTrail(s, 'HatchTrail', { isLogging: true, s3BucketName: localBucket.bucketName });
hatchTrail.addPropertyOverride('S3BucketName', 'records-us-east-1');

// Compliant: local destinations of every family.
new logs.SubscriptionFilter(s, 'OkLogs', {
  logGroup: group,
  filterPattern: logs.FilterPattern.allEvents(),
  destination: new destinations.KinesisDestination(new kinesis.Stream(s, 'LocalStream')),
});
new events.Rule(s, 'OkEvents', {
  schedule: events.Schedule.rate(Duration.hours(1)),
  targets: [new targets.SqsQueue(localQueue)],
});
new sns.Topic(s, 'OkSub').addSubscription(new subs.SqsSubscription(localQueue));
new firehose.DeliveryStream(s, 'OkStream', { destination: new firehose.S3Bucket(localBucket) });
new cloudtrail.Trail(s, 'OkTrail', { bucket: localBucket, sendToCloudWatchLogs: true });

// Clean look-alikes: region strings that are not data paths.
const lookAlikes = stack(app, 'LookAlikes', CENTRAL);
const tagged = new sqs.Queue(lookAlikes, 'Tagged', { queueName: 'tagged' });
(tagged.node.defaultChild as sqs.CfnQueue).tags.setTag('MirrorOf', 'arn:aws:sqs:us-east-1:111111111111:legacy');
new s3.CfnBucketPolicy(lookAlikes, 'DenyPolicy', {
  bucket: 'look-alike-bucket',
  policyDocument: {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::look-alike-bucket/*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:RequestedRegion': 'us-east-1' } },
      },
      { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111111111111:q' },
    ],
  },
});
new cloudwatch.CfnDashboard(lookAlikes, 'Dashboard', {
  dashboardBody: JSON.stringify({
    widgets: [{ type: 'metric', properties: { region: 'us-east-1', metrics: [['AWS/Billing', 'EstimatedCharges']] } }],
  }),
});
new route53.CfnHealthCheck(lookAlikes, 'Probe', {
  healthCheckConfig: {
    type: 'HTTPS',
    fullyQualifiedDomainName: 'example.ca',
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
  },
});
new sqs.CfnQueue(lookAlikes, 'Described', { queueName: 'described' }).addPropertyOverride(
  'Description',
  'was in us-east-1 (arn:aws:sqs:us-east-1:111111111111:old)',
);
const drRegion = new CfnParameter(lookAlikes, 'DrRegion', {
  type: 'String',
  allowedValues: ['ca-central-1', 'ca-west-1'],
});
new dlm.CfnLifecyclePolicy(lookAlikes, 'Dlm', {
  description: 'copies to us-east-1? no: to the chosen Canadian region',
  state: 'ENABLED',
  executionRoleArn: 'arn:aws:iam::111111111111:role/dlm',
  policyDetails: {
    resourceTypes: ['VOLUME'],
    targetTags: [{ key: 'k', value: 'v' }],
    schedules: [
      {
        name: 's',
        createRule: { interval: 24, intervalUnit: 'HOURS' },
        crossRegionCopyRules: [{ targetRegion: drRegion.valueAsString, encrypted: true }],
      },
    ],
  },
});

const result = evaluateApp(app);
const residency = result.findings.filter((f) => f.category === 'residency');
// L2 constructs may nest the resource under another scope (an SQS subscription sits under the queue).
const byId = (id: string) => residency.filter((f) => f.logicalId.includes(id));

describe.each([
  ['logs (subscription filters)', 'L2LogsToUs', 'L1LogsToUs', 'HatchLogs', 'OkLogs', /us-west-2/],
  ['events (rule targets, API destinations)', 'L2EventsToUs', 'L1EventsToUs', 'HatchEvents', 'OkEvents', /us-east-1/],
  ['subscriptions (SNS)', 'L2SubToUs', 'L1SubToThirdParty', 'HatchSub', 'OkSub', /us-east-1/],
  ['delivery streams (Firehose)', 'L2StreamToUs', 'L1StreamToUnknown', 'HatchStream', 'OkStream', /us-east-1/],
  ['trails (CloudTrail)', 'L2TrailToUs', 'L1TrailToUnknown', 'HatchTrail', 'OkTrail', /us-east-1/],
])('%s', (_family, l2, l1, hatch, ok, region) => {
  test('Noncompliance (L2): a foreign destination is a fatal residency finding naming the region', () => {
    const f = byId(l2).filter((x) => x.ruleId === RULE);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('fatal');
    expect(f[0].message).toMatch(region);
  });
  test('Noncompliance (L1): a foreign or unprovable destination is a finding', () => {
    expect(byId(l1).filter((x) => x.ruleId === RULE)).toHaveLength(1);
  });
  test('Noncompliance (escape hatch): an override to a foreign destination is caught', () => {
    expect(byId(hatch).filter((x) => x.ruleId === RULE)).toHaveLength(1);
  });
  test('Compliance: a destination of this stack', () => {
    expect(byId(ok)).toEqual([]);
  });
});

describe('unprovable destinations fail closed', () => {
  test('a bucket from a parameter, a bucket no stack defines, a third-party URL', () => {
    expect(byId('L1StreamToUnknown')[0].message).toMatch(/parameter 'DestinationBucketArn'/);
    expect(byId('L1TrailToUnknown')[0].message).toMatch(/someone-elses-trail-bucket.*not defined in any stack/);
    expect(byId('L1SubToThirdParty')[0].message).toMatch(/collector\.example\.com.*outside AWS/);
  });
});

describe('region strings that are not data paths', () => {
  test('tags, descriptions, Deny statements and conditions, dashboards, health-check probes, Canadian AllowedValues: no finding', () => {
    expect(residency.filter((f) => f.stackName === 'LookAlikes')).toEqual([]);
  });
});

describe('a destination chosen by Fn::If: either branch may be deployed, so each is judged', () => {
  const subscriptionTo = (endpoint: unknown) =>
    evaluateTemplates([
      tut(
        'Conditional',
        'ca-central-1',
        {
          Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
          Sub: {
            Type: 'AWS::SNS::Subscription',
            Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: endpoint },
          },
        },
        conditionsLeftToDeploy('IsProd'),
      ),
    ]).filter((f) => f.ruleId === RULE);
  const central = 'arn:aws:sqs:ca-central-1:111111111111:records';
  const west = 'arn:aws:sqs:ca-west-1:111111111111:records';

  test('Compliance: both branches name queues in Canadian regions', () => {
    expect(subscriptionTo({ 'Fn::If': ['IsProd', central, west] })).toEqual([]);
  });
  test('Noncompliance: the foreign branch is the finding, naming the condition that deploys it', () => {
    const findings = subscriptionTo({ 'Fn::If': ['IsProd', central, 'arn:aws:sqs:us-east-1:111111111111:records'] });
    expect(findings.map((f) => [f.path, /us-east-1.*\(when condition IsProd is false\)$/.test(f.message)])).toEqual([
      ['Properties.Endpoint', true],
    ]);
  });
});

describe('a list chosen by Fn::If or removed by AWS::NoValue: every element that may be deployed is judged', () => {
  const central = 'arn:aws:firehose:ca-central-1:111111111111:deliverystream/aws-waf-logs-records';
  const virginia = 'arn:aws:firehose:us-east-1:111111111111:deliverystream/aws-waf-logs-records';
  const wafLogsTo = (destinations: unknown, rules: 'this rule' | 'every rule' = 'this rule') =>
    evaluateTemplates([
      tut(
        'Waf',
        'ca-central-1',
        {
          Logging: {
            Type: 'AWS::WAFv2::LoggingConfiguration',
            Properties: {
              ResourceArn: 'arn:aws:wafv2:ca-central-1:111111111111:regional/webacl/records/1',
              LogDestinationConfigs: destinations,
            },
          },
        },
        conditionsLeftToDeploy('LogsOn', 'Prod'),
      ),
    ]).filter((f) => rules === 'every rule' || f.ruleId === RULE);
  const lbLogsTo = (attributes: unknown) =>
    evaluateTemplates([
      tut(
        'Balancer',
        'ca-central-1',
        {
          Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { LoadBalancerAttributes: attributes } },
        },
        conditionsLeftToDeploy('LogsOn'),
      ),
      tut('Virginia', 'us-east-1', {
        UsLogs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'lb-logs-us-east-1' } },
      }),
    ]).filter((f) => f.ruleId === RULE && f.stackName === 'Balancer');

  test('Compliance: the list or nothing (AWS::NoValue), or nothing at all', () => {
    expect(wafLogsTo({ 'Fn::If': ['LogsOn', [central], { Ref: 'AWS::NoValue' }] })).toEqual([]);
    expect(wafLogsTo({ Ref: 'AWS::NoValue' })).toEqual([]);
  });
  test('Noncompliance: a foreign element of either branch is the finding, at its own path, and the only one', () => {
    const findings = wafLogsTo({ 'Fn::If': ['Prod', [central], [central, virginia]] }, 'every rule');
    expect(
      findings.map((f) => [f.ruleId, f.path, /us-east-1.*\(when condition Prod is false\)$/.test(f.message)]),
    ).toEqual([[RULE, 'Properties.LogDestinationConfigs[1]', true]]);
  });
  test('Noncompliance: a list that cannot be walked (a parameter) is still a finding', () => {
    expect(wafLogsTo({ Ref: 'Destinations' }).map((f) => f.message)).toEqual([
      expect.stringContaining('is not a literal list or object'),
    ]);
  });
  test('[Key=k] entries inside a conditional list: only the keyed entry is a destination', () => {
    const attributes = (bucket: string) => ({
      'Fn::If': [
        'LogsOn',
        [
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: bucket },
        ],
        { Ref: 'AWS::NoValue' },
      ],
    });
    const foreign = lbLogsTo(attributes('lb-logs-us-east-1'));
    expect(foreign.map((f) => [f.path, /us-east-1.*\(when condition LogsOn is true\)$/.test(f.message)])).toEqual([
      ['Properties.LoadBalancerAttributes[1].Value', true],
    ]);
    // The same list without the keyed entry sends nothing anywhere.
    expect(
      lbLogsTo({
        'Fn::If': ['LogsOn', [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }], { Ref: 'AWS::NoValue' }],
      }),
    ).toEqual([]);
  });
});

describe('a region property names only the region', () => {
  test('container logs sent to us-east-1: the finding names the region once, and the fix', () => {
    const [finding] = evaluateTemplates([
      tut('Logs', 'ca-central-1', {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              {
                Name: 'app',
                Image: 'public.ecr.aws/x/y:1',
                LogConfiguration: {
                  LogDriver: 'awslogs',
                  Options: { 'awslogs-group': '/app', 'awslogs-region': 'us-east-1' },
                },
              },
            ],
          },
        },
      }),
    ]).filter((f) => f.ruleId === RULE);
    expect(finding.path).toBe('Properties.ContainerDefinitions[0].LogConfiguration.Options.awslogs-region');
    expect(finding.message).toMatch(/to region 'us-east-1', outside Canada\. Send it to a destination in ca-central-1/);
    expect(finding.message.match(/us-east-1/g)).toHaveLength(1);
  });
});

describe('Glue connections: where jobs and crawlers read and write', () => {
  const connection = (properties: Record<string, unknown>, type = 'JDBC') => ({
    Type: 'AWS::Glue::Connection',
    Properties: {
      CatalogId: '111111111111',
      ConnectionInput: { ConnectionType: type, ConnectionProperties: properties },
    },
  });
  const findings = evaluateTemplates([
    tut('Glue', 'ca-central-1', {
      Db: {
        Type: 'AWS::RDS::DBCluster',
        Properties: {
          Engine: 'aurora-postgresql',
          StorageEncrypted: true,
          KmsKeyId: 'arn:aws:kms:ca-central-1:111111111111:key/k',
        },
      },
      Partner: connection({ JDBC_CONNECTION_URL: 'jdbc:postgresql://warehouse.partner.example:5432/db' }),
      SplitBrokers: connection(
        {
          KAFKA_BOOTSTRAP_SERVERS:
            'b-1.c.abc.c2.kafka.ca-central-1.amazonaws.com:9094,b-2.c.abc.c2.kafka.us-east-1.amazonaws.com:9094',
        },
        'KAFKA',
      ),
      OkRdsHost: connection({
        JDBC_CONNECTION_URL: 'jdbc:postgresql://records.cluster-abc.ca-central-1.rds.amazonaws.com:5432/records',
      }),
      OkOwnCluster: connection({
        JDBC_CONNECTION_URL: { 'Fn::Sub': 'jdbc:postgresql://${Db.Endpoint.Address}:${Db.Endpoint.Port}/records' },
      }),
      OkBrokers: connection(
        {
          KAFKA_BOOTSTRAP_SERVERS:
            'b-1.c.abc.c2.kafka.ca-central-1.amazonaws.com:9094,b-2.c.abc.c2.kafka.ca-central-1.amazonaws.com:9094',
        },
        'KAFKA',
      ),
      OkNetwork: {
        Type: 'AWS::Glue::Connection',
        Properties: {
          CatalogId: '111111111111',
          ConnectionInput: { ConnectionType: 'NETWORK', PhysicalConnectionRequirements: { SubnetId: 'subnet-1' } },
        },
      },
    }),
  ]).filter((f) => f.ruleId === RULE);

  test('Noncompliance: a database outside AWS, and a broker list with one broker in us-east-1', () => {
    expect(findings.map((f) => f.logicalId).sort()).toEqual(['Partner', 'SplitBrokers']);
    expect(findings.find((f) => f.logicalId === 'Partner')!.message).toMatch(
      /warehouse\.partner\.example.*outside AWS/,
    );
    expect(findings.find((f) => f.logicalId === 'SplitBrokers')!.message).toMatch(/us-east-1/);
  });
});

describe('data-path types are judged by their paths, not stopped as unclassified', () => {
  const judgeAll = (resources: Parameters<typeof tut>[2]) =>
    evaluateTemplates([tut('Paths', 'ca-central-1', resources)]).map((f) => `${f.logicalId} ${f.ruleId}`);
  const dataSync = (bucketArn: string) => ({
    Source: {
      Type: 'AWS::DataSync::LocationS3',
      Properties: { S3BucketArn: bucketArn, S3Config: { BucketAccessRoleArn: 'arn:aws:iam::111111111111:role/ds' } },
    },
  });

  test('Compliance: a DataSync location of a bucket of this stack, an IoT rule to a queue of this region', () => {
    expect(
      judgeAll({
        ...dataSync('arn:aws:s3:::records-ca'),
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: { BucketName: 'records-ca' },
        },
        Rule: {
          Type: 'AWS::IoT::TopicRule',
          Properties: {
            TopicRulePayload: {
              Sql: "SELECT * FROM 'devices/+'",
              Actions: [
                {
                  Sqs: {
                    QueueUrl: 'https://sqs.ca-central-1.amazonaws.com/111111111111/readings',
                    RoleArn: 'arn:aws:iam::111111111111:role/iot',
                  },
                },
              ],
            },
          },
        },
      }).filter((f) => !f.startsWith('Bucket ')),
    ).toEqual([]);
  });
  test('Noncompliance: a pipe without a customer-managed key is an at-rest finding, not an unclassified type', () => {
    const pipe = (extra: Record<string, unknown>) => ({
      Pipe: {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          RoleArn: 'arn:aws:iam::111111111111:role/p',
          Source: 'arn:aws:sqs:ca-central-1:111111111111:in',
          Target: 'arn:aws:sqs:ca-central-1:111111111111:out',
          ...extra,
        },
      },
    });
    expect(judgeAll(pipe({}))).toEqual(['Pipe CaResidency-EncryptedAtRest']);
    expect(judgeAll(pipe({ KmsKeyIdentifier: 'arn:aws:kms:ca-central-1:111111111111:key/k' }))).toEqual([]);
  });
});
