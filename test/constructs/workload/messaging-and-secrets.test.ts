import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ResidencyAlerting } from '../../../constructs/residency-alerting';
import { ResidencyKey } from '../../../constructs/residency-key';
import { ResidentQueue } from '../../../constructs/resident-queue';
import { ResidentSecret } from '../../../constructs/resident-secret';
import { ResidentTopic } from '../../../constructs/resident-topic';
import { CfnTemplate, resourcesOfType } from '../../support/template-queries';
import {
  acknowledgementsUnder,
  newWorkloadApp,
  regionBase,
  runbookOf,
  unacknowledgedFindingsOfThreePacks,
} from '../../support/workload-stack';

// One app for the file: the constructs as a platform team would use them, in the primary region.
const app = newWorkloadApp();
const base = regionBase(app, 'Messaging', 'ca-central-1', ['sqs', 'sns', 'secretsmanager']);
const queue = new ResidentQueue(base.stack, 'Referrals', {
  alerting: base.alerting,
  encryptionKey: base.dataKey.key,
  queueName: 'referrals',
});
// A topic and the queue it delivers to use different keys: the queue's key policy names the topic, which needs its key.
const topicKey = new ResidencyKey(base.stack, 'TopicKey', {
  alias: 'messaging-topics',
  description: 'topics',
  usableVia: ['sns'],
});
const topic = new ResidentTopic(base.stack, 'LabResults', {
  alerting: base.alerting,
  encryptionKey: topicKey.key,
  topicName: 'lab-results',
});
topic.addSubscription(new subs.SqsSubscription(queue.queue, { rawMessageDelivery: true }));
const rotator = lambda.Function.fromFunctionArn(
  base.stack,
  'Rotator',
  'arn:aws:lambda:ca-central-1:111122223333:function:rotate-partner-key',
);
const secret = new ResidentSecret(base.stack, 'PartnerKey', {
  alerting: base.alerting,
  encryptionKey: base.dataKey.key,
  secretName: 'partner-api-key',
  rotation: { rotationLambda: rotator },
  replicas: [{ region: 'ca-west-1', keyAlias: 'alias/messaging-data' }],
});
const template = app.synth().getStackByName(base.stack.stackName).template as CfnTemplate;
const dataKeyId = base.stack.getLogicalId(base.dataKey.key.node.defaultChild as kms.CfnKey);
const only = (type: string) => resourcesOfType(template, type);

describe('ResidentQueue, ResidentTopic and ResidentSecret, built with their defaults', () => {
  test('pass AwsSolutions, HIPAA.Security and CaResidency with no finding and no acknowledgement', () => {
    expect(unacknowledgedFindingsOfThreePacks(app)).toEqual([]);
    expect([queue, topic, secret].flatMap(acknowledgementsUnder)).toEqual([]);
  });

  test('are encrypted with the customer-managed key of their own region', () => {
    for (const [, q] of only('AWS::SQS::Queue'))
      expect(q.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
    const [, lab] = only('AWS::SNS::Topic').find(([, t]) => t.Properties?.TopicName === 'lab-results')!;
    expect(lab.Properties?.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [base.stack.getLogicalId(topicKey.key.node.defaultChild as kms.CfnKey), 'Arn'],
    });
    const [[, s]] = only('AWS::SecretsManager::Secret');
    expect(s.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [dataKeyId, 'Arn'] });
  });

  test('queues and topic deny every request made without TLS', () => {
    const denies = (policyType: string, target: string) =>
      only(policyType).flatMap(([, p]) =>
        (p.Properties?.PolicyDocument.Statement as any[])
          .filter(
            (s) =>
              s.Effect === 'Deny' &&
              s.Condition?.Bool?.['aws:SecureTransport'] === 'false' &&
              (s.Principal === '*' || s.Principal?.AWS === '*'),
          )
          .map(() => JSON.stringify(p.Properties?.[target])),
      );
    const queueIds = only('AWS::SQS::Queue').map(([id]) => id);
    const deniedQueues = denies('AWS::SQS::QueuePolicy', 'Queues').join();
    for (const id of queueIds) expect(deniedQueues).toContain(id);
    expect(denies('AWS::SNS::TopicPolicy', 'Topics').join()).toContain(
      base.stack.getLogicalId(topic.topic.node.defaultChild as sns.CfnTopic),
    );
  });

  test('the queue and its dead-letter queue are retained, and failed messages are kept the 14-day maximum', () => {
    const dlqId = base.stack.getLogicalId(queue.deadLetterQueue.node.defaultChild as sqs.CfnQueue);
    for (const [, q] of only('AWS::SQS::Queue')) expect(q.DeletionPolicy).toBe('Retain');
    expect(template.Resources[dlqId].Properties?.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    const main = template.Resources[base.stack.getLogicalId(queue.queue.node.defaultChild as sqs.CfnQueue)];
    expect(main.Properties?.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
  });

  test('the secret rotates on a schedule and replicates only to ca-west-1 with a ca-west-1 key', () => {
    const [[, schedule]] = only('AWS::SecretsManager::RotationSchedule');
    expect(schedule.Properties?.RotationRules.ScheduleExpression).toBe('rate(30 days)');
    const [[, s]] = only('AWS::SecretsManager::Secret');
    expect(s.DeletionPolicy).toBe('Retain');
    expect(s.Properties?.ReplicaRegions).toEqual([
      { Region: 'ca-west-1', KmsKeyId: expect.stringContaining(':kms:ca-west-1:111122223333:alias/messaging-data') },
    ]);
  });

  test('every alarm reaches an alert topic and names a runbook that exists', () => {
    const alarms = [...queue.alarms, ...topic.alarms, ...secret.alarms];
    expect(alarms.map((a) => a.node.id).sort()).toEqual([
      'DeadLetterMessages',
      'DeliveryFailed',
      'OldestMessageAge',
      'RotationAlertDeliveryFailed',
    ]);
    for (const alarm of alarms) {
      expect(runbookOf(alarm)).toEqual({ path: expect.any(String), exists: true });
      expect(base.alerting.alarms).toContain(alarm);
    }
    const [[, rule]] = only('AWS::Events::Rule').filter(
      ([, r]) => r.Properties?.EventPattern?.detail?.eventName?.[0] === 'RotationFailed',
    );
    expect(rule.Properties?.Targets[0].Arn).toEqual({
      Ref: base.stack.getLogicalId(base.alerting.topics.critical.node.defaultChild as sns.CfnTopic),
    });
  });
});

describe('refusals', () => {
  const stacks = () => {
    const a = new App();
    return {
      central: new Stack(a, 'C', { env: { account: '111122223333', region: 'ca-central-1' } }),
      west: new Stack(a, 'W', { env: { account: '111122223333', region: 'ca-west-1' } }),
    };
  };
  const alertingOf = (stack: Stack) => regionBaseAlerting(stack);

  test('a queue with a key from another region', () => {
    const { central, west } = stacks();
    expect(
      () => new ResidentQueue(central, 'Q', { alerting: alertingOf(central), encryptionKey: new kms.Key(west, 'K') }),
    ).toThrow(/C\/Q: ResidentQueue: encryptionKey is in ca-west-1, the ResidentQueue is in ca-central-1/);
  });

  test('a queue keeping messages longer than SQS can', () => {
    const { central } = stacks();
    expect(
      () =>
        new ResidentQueue(central, 'Q', {
          alerting: alertingOf(central),
          encryptionKey: new kms.Key(central, 'K'),
          retentionPeriod: Duration.days(15),
        }),
    ).toThrow(/retentionPeriod is 15 days/);
  });

  test('a topic with a key from another region', () => {
    const { central, west } = stacks();
    expect(
      () => new ResidentTopic(central, 'T', { alerting: alertingOf(central), encryptionKey: new kms.Key(west, 'K') }),
    ).toThrow(/ResidentTopic: encryptionKey is in ca-west-1/);
  });

  test('topic subscriptions by SMS, plain http, or to a queue outside Canada', () => {
    const { central } = stacks();
    const t = new ResidentTopic(central, 'T', {
      alerting: alertingOf(central),
      encryptionKey: new kms.Key(central, 'K'),
    });
    t.addSubscription(new subs.SmsSubscription('+15555550100'));
    t.topic.addSubscription(new subs.UrlSubscription('http://intake.example.ca/hook'));
    new sns.Subscription(central, 'Foreign', {
      topic: t.topic,
      protocol: sns.SubscriptionProtocol.SQS,
      endpoint: 'arn:aws:sqs:us-east-1:111122223333:intake',
    });
    const errors = t.node.validate().join('\n');
    expect(errors).toMatch(/protocol "sms"/);
    expect(errors).toMatch(/protocol "http"/);
    expect(errors).toMatch(/arn:aws:sqs:us-east-1:111122223333:intake, in us-east-1, outside Canada/);
  });

  test('a topic subscription by HTTPS or email in Canada is accepted', () => {
    const { central } = stacks();
    const t = new ResidentTopic(central, 'T', {
      alerting: alertingOf(central),
      encryptionKey: new kms.Key(central, 'K'),
    });
    t.addSubscription(new subs.UrlSubscription('https://intake.example.ca/hook'));
    t.addSubscription(new subs.EmailSubscription('records@example.ca'));
    expect(t.node.validate()).toEqual([]);
  });

  const secretIn = (
    stack: Stack,
    extra: Partial<ConstructorParameters<typeof ResidentSecret>[2]>,
    key = new kms.Key(stack, 'K'),
  ) =>
    new ResidentSecret(stack, 'S', {
      alerting: alertingOf(stack),
      encryptionKey: key,
      rotation: { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() },
      ...extra,
    });

  test('a secret replica outside Canada, or in its own region', () => {
    expect(() => secretIn(stacks().central, { replicas: [{ region: 'us-east-1', keyAlias: 'alias/x' }] })).toThrow(
      /replicas contains us-east-1, which is outside Canada/,
    );
    expect(() => secretIn(stacks().central, { replicas: [{ region: 'ca-central-1', keyAlias: 'alias/x' }] })).toThrow(
      /replicas contains ca-central-1, the ResidentSecret's own region/,
    );
  });

  test('a secret with a key from another region', () => {
    const { central, west } = stacks();
    expect(() => secretIn(central, {}, new kms.Key(west, 'K'))).toThrow(
      /ResidentSecret: encryptionKey is in ca-west-1/,
    );
  });

  test('a secret with no rotation function, or two', () => {
    const { central } = stacks();
    const fn = lambda.Function.fromFunctionArn(central, 'F', 'arn:aws:lambda:ca-central-1:111122223333:function:f');
    expect(() => secretIn(central, { rotation: {} })).toThrow(
      /rotation needs exactly one of rotationLambda and hostedRotation/,
    );
    expect(() =>
      secretIn(stacks().central, {
        rotation: { rotationLambda: fn, hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() },
      }),
    ).toThrow(/exactly one/);
  });
});

function regionBaseAlerting(stack: Stack): ResidencyAlerting {
  return new ResidencyAlerting(stack, `Alerting${stack.node.children.length}`, { keyAlias: 'a', namePrefix: 'a' });
}
