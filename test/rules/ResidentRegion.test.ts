import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { CENTRAL, evaluateApp, newApp, stack } from './support';

const RULE = 'CaResidency-ResidentRegion';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const code = lambda.Code.fromInline('exports.handler = async () => {};');

// L2: SNS → SQS subscription to a queue imported by ARN.
new sns.Topic(s, 'L2TopicUs').addSubscription(
  new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'UsQueue', 'arn:aws:sqs:us-east-1:111111111111:q')),
);
new sns.Topic(s, 'L2TopicWest').addSubscription(
  new subs.SqsSubscription(sqs.Queue.fromQueueArn(s, 'WestQueue', 'arn:aws:sqs:ca-west-1:111111111111:q')),
);
// L1: a log subscription filter to a foreign Firehose, and to a Canadian one built with ${AWS::Region}.
const group = new logs.LogGroup(s, 'Group');
new logs.CfnSubscriptionFilter(s, 'L1FilterUs', {
  logGroupName: group.logGroupName,
  filterPattern: '',
  destinationArn: 'arn:aws:firehose:eu-west-1:111111111111:deliverystream/x',
});
new logs.CfnSubscriptionFilter(s, 'L1FilterHere', {
  logGroupName: group.logGroupName,
  filterPattern: '',
  destinationArn: Fn.sub('arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/x'),
});
// Escape hatch: a compliant function whose environment is overridden with a foreign endpoint.
const fn = new lambda.Function(s, 'HatchFn', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code,
  environment: { QUEUE_URL: 'https://sqs.ca-central-1.amazonaws.com/111111111111/q' },
});
(fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride(
  'Environment.Variables.QUEUE_URL',
  'https://sqs.us-east-1.amazonaws.com/111111111111/q',
);
new lambda.Function(s, 'GoodFn', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code,
  environment: { QUEUE_URL: 'https://sqs.ca-central-1.amazonaws.com/111111111111/q' },
});
// Region-valued properties: ECR replication.
new ecr.CfnReplicationConfiguration(s, 'EcrUs', {
  replicationConfiguration: { rules: [{ destinations: [{ region: 'us-west-2', registryId: '111111111111' }] }] },
});
new ecr.CfnReplicationConfiguration(s, 'EcrWest', {
  replicationConfiguration: { rules: [{ destinations: [{ region: 'ca-west-1', registryId: '111111111111' }] }] },
});
// Fail closed: a region from a parameter; an import nobody exports; Fn::If with a foreign branch.
const p = new CfnParameter(s, 'TargetRegion', { type: 'String', default: 'ca-west-1' });
new ecr.CfnReplicationConfiguration(s, 'EcrParam', {
  replicationConfiguration: { rules: [{ destinations: [{ region: p.valueAsString, registryId: '111111111111' }] }] },
});
new events.CfnRule(s, 'RuleImport', {
  scheduleExpression: 'rate(1 hour)',
  targets: [{ id: 't', arn: Fn.importValue('SomeoneElsesBusArn') }],
});
// A condition left to deploy time (a parameter with a default can be overridden): both branches can be deployed.
const stage = new CfnParameter(s, 'Stage', { type: 'String', default: 'prod' });
const cond = new CfnCondition(s, 'IsProd', { expression: Fn.conditionEquals(stage.valueAsString, 'prod') });
new events.CfnRule(s, 'RuleIf', {
  scheduleExpression: 'rate(1 hour)',
  targets: [
    {
      id: 't',
      arn: Fn.conditionIf(
        cond.logicalId,
        'arn:aws:sns:ca-west-1:111111111111:t',
        'arn:aws:sns:us-east-2:111111111111:t',
      ).toString(),
    },
  ],
});
new events.CfnRule(s, 'RuleIfOk', {
  scheduleExpression: 'rate(1 hour)',
  targets: [
    {
      id: 't',
      arn: Fn.conditionIf(
        cond.logicalId,
        'arn:aws:sns:ca-west-1:111111111111:t',
        'arn:aws:sns:ca-central-1:111111111111:t',
      ).toString(),
    },
  ],
});
// Not data locations: IAM condition keys and event pattern filters.
new iam.ManagedPolicy(s, 'DenyOutside', {
  statements: [
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['*'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'aws:RequestedRegion': ['ca-central-1', 'us-east-1'] } },
    }),
  ],
});
new events.Rule(s, 'GlobalEvents', { eventPattern: { source: ['aws.signin'], region: ['us-east-1'] } });
// A custom resource calling an SDK in another region.
new AwsCustomResource(s, 'ReadUsParam', {
  onUpdate: {
    service: 'SSM',
    action: 'getParameter',
    parameters: { Name: '/x' },
    region: 'us-east-1',
    physicalResourceId: PhysicalResourceId.of('x'),
  },
  policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
  installLatestAwsSdk: false,
});

// Data paths of the catalogue (subscriptions, filters, targets) are located by CaResidency-DataDestination.
const found = evaluateApp(app).findings.filter((f) => f.ruleId === RULE || f.ruleId === 'CaResidency-DataDestination');
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-ResidentRegion', () => {
  test('Noncompliance 1 (L2): an SNS subscription to a us-east-1 queue fails, naming the ARN', () => {
    const f = found.filter((x) => x.resourceType === 'AWS::SNS::Subscription' && x.message.includes('us-east-1'));
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe('Properties.Endpoint');
    expect(f[0].message).toMatch(/arn:aws:sqs:us-east-1:111111111111:q/);
  });
  test('Noncompliance 2 (L1): a subscription filter to an eu-west-1 stream fails', () => {
    expect(byId('L1FilterUs')[0].path).toBe('Properties.DestinationArn');
  });
  test('Noncompliance 3 (escape hatch): a foreign endpoint host put in by override is caught', () => {
    const [f] = byId('HatchFn');
    expect(f.path).toBe('Properties.Environment.Variables.QUEUE_URL');
    expect(f.message).toMatch(/sqs\.us-east-1\.amazonaws\.com/);
  });
  test('Noncompliance 4: a region-valued property naming a foreign region', () => {
    expect(byId('EcrUs')[0].path).toBe('Properties.ReplicationConfiguration.Rules[0].Destinations[0].Region');
  });
  test('Noncompliance 5: a parameter-driven region fails closed, even with a Canadian default', () => {
    expect(byId('EcrParam')[0].message).toMatch(/parameter 'TargetRegion'/);
  });
  test('Noncompliance 6: an ARN from an import no stack of the app exports fails closed', () => {
    expect(byId('RuleImport')[0].message).toMatch(/SomeoneElsesBusArn/);
  });
  test('Noncompliance 7: Fn::If is judged branch by branch; the finding names the condition of its branch', () => {
    expect(byId('RuleIf').map((f) => [f.path, /us-east-2.*\(when condition \w+ is false\)$/.test(f.message)])).toEqual([
      ['Properties.Targets[0].Arn', true],
    ]);
    expect(byId('RuleIfOk')).toEqual([]);
  });
  test('Noncompliance 8: a custom resource SDK call to us-east-1 fails', () => {
    expect(byId('ReadUsParam').length).toBeGreaterThan(0);
  });
  test('Compliance: Canadian ARNs, ${AWS::Region}, Canadian endpoints and replication regions', () => {
    for (const id of ['L2TopicWest', 'L1FilterHere', 'GoodFn', 'EcrWest']) expect(byId(id)).toEqual([]);
    expect(found.filter((x) => x.resourceType === 'AWS::SNS::Subscription')).toHaveLength(1);
  });
  test('Compliance: IAM condition keys and event pattern filters are not data locations', () => {
    expect(byId('DenyOutside')).toEqual([]);
    expect(byId('GlobalEvents')).toEqual([]);
  });
});
