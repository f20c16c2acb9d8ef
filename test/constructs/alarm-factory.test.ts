import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmFactory, boundedName, describeWithRunbook } from '../../constructs/alarm-factory';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { resourcesOfType } from '../support/template-queries';

const metric = new cloudwatch.Metric({
  namespace: 'Team/App',
  metricName: 'Failures',
  statistic: 'Sum',
  period: Duration.minutes(5),
});

function factoryIn(prefix: string) {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'ca-central-1' } });
  const alerting = new ResidencyAlerting(stack, 'Alerting', { keyAlias: 'alerts', namePrefix: 'team-alerts' });
  return { stack, alerting, factory: new AlarmFactory(stack, { alerting, namePrefix: prefix }) };
}

test('an alarm is named <prefix>-<suffix>, describes its runbook and goes to its tier topic on alarm and on OK', () => {
  const { stack, alerting, factory } = factoryIn('team-prod');
  factory.addAlarm({
    id: 'AppFailures',
    description: 'The app failed',
    runbook: 'backup-failures',
    tier: 'warning',
    metric,
    threshold: 3,
  });
  const [[, alarm]] = resourcesOfType(Template.fromStack(stack).toJSON() as any, 'AWS::CloudWatch::Alarm');
  const warningTopic = stack.resolve(alerting.topics.warning.topicArn);
  expect(alarm.Properties).toMatchObject({
    AlarmName: 'team-prod-AppFailures',
    AlarmDescription: 'The app failed. Runbook: docs/runbooks/backup-failures.md',
    Threshold: 3,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: 1,
    TreatMissingData: 'notBreaching',
    AlarmActions: [warningTopic],
    OKActions: [warningTopic],
  });
  expect(alerting.alarms).toEqual(factory.alarms);
});

test('a critical alarm goes to the critical topic, never the warning one', () => {
  const { stack, alerting, factory } = factoryIn('p');
  const alarm = factory.addAlarm({
    id: 'A',
    description: 'd',
    runbook: 'guardduty',
    tier: 'critical',
    metric,
    threshold: 1,
  });
  const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
  expect(stack.resolve(cfn.alarmActions)).toEqual([stack.resolve(alerting.topics.critical.topicArn)]);
});

test('a name over the limit keeps its beginning and ends with a hash of the whole, so long names stay distinct', () => {
  const long = 'p-' + 'x'.repeat(300);
  const a = boundedName(`${long}-a`, 255);
  const b = boundedName(`${long}-b`, 255);
  expect(a).toHaveLength(255);
  expect(b).toHaveLength(255);
  expect(a).not.toBe(b);
  expect(a.startsWith('p-xxxx')).toBe(true);
  // Same input, same name: synth stays deterministic.
  expect(boundedName(`${long}-a`, 255)).toBe(a);
  expect(boundedName('short-name', 255)).toBe('short-name');
});

test('a long alarm name from the factory fits CloudWatch and a long description keeps its runbook link', () => {
  const { factory } = factoryIn('team-prod');
  const alarm = factory.addAlarm({
    id: 'A',
    nameSuffix: 'n'.repeat(400),
    description: 'd'.repeat(2000),
    runbook: 'replication',
    tier: 'warning',
    metric,
    threshold: 1,
  });
  const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
  expect(cfn.alarmName).toHaveLength(255);
  expect(cfn.alarmDescription).toHaveLength(1024);
  expect(cfn.alarmDescription!.endsWith('. Runbook: docs/runbooks/replication.md')).toBe(true);
  expect(describeWithRunbook('short', 'replication', 512)).toBe('short. Runbook: docs/runbooks/replication.md');
});
