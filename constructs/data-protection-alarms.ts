import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { AlarmFactory, describeWithRunbook } from './alarm-factory';
import { AlertTier, ResidencyAlerting } from './residency-alerting';

/** EventBridge limits on a rule: 64 characters of name, 512 of description. */
export const EVENT_RULE_NAME_MAX_LENGTH = 64;
export const EVENT_RULE_DESCRIPTION_MAX_LENGTH = 512;

/** EventBridge's count of matches of a rule it could not deliver to a target (published only when one fails). */
export function ruleDeliveryFailures(ruleName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/Events',
    metricName: 'FailedInvocations',
    dimensionsMap: { RuleName: ruleName },
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(5),
  });
}

/** An S3 replication rule to watch (CloudWatch publishes its metrics in the source bucket's region). */
export interface WatchedReplication {
  readonly sourceBucketName: string;
  readonly destinationBucketName: string;
  /** The replication rule id, e.g. `replicate-to-ca-west-1`. */
  readonly ruleId: string;
}

export interface DataProtectionAlarmsProps {
  readonly alerting: ResidencyAlerting;
  /** Prefix of alarm and rule names, e.g. `cacr-prod`. */
  readonly namePrefix: string;
  /** Replication rules of this region's buckets. @default - none */
  readonly replications?: WatchedReplication[];
  /**
   * Latency above which replication is late. Replication Time Control targets 15 minutes.
   * @default Duration.minutes(15)
   */
  readonly replicationLatencyThreshold?: Duration;
  /**
   * GuardDuty: `off` adds nothing; `existing-detector` alerts on high-severity findings of a detector
   * managed elsewhere; `create-detector` also creates the detector (only one may exist per account
   * and region, so this must be asked for).
   * @default 'off'
   */
  readonly guardDuty?: 'off' | 'existing-detector' | 'create-detector';
}

/**
 * Alarms on what protects the data, in the region where the event happens: AWS Backup jobs, copy
 * jobs and restore tests that fail, S3 replication failures and latency, KMS keys disabled or
 * scheduled for deletion, and (when enabled) high-severity GuardDuty findings.
 */
export class DataProtectionAlarms extends Construct {
  readonly rules: events.Rule[] = [];
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly detector?: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: DataProtectionAlarmsProps) {
    super(scope, id);
    const { alerting } = props;
    const alarms = new AlarmFactory(this, { alerting, namePrefix: props.namePrefix });
    const ruleNames = new Map<events.Rule, string>();
    const rule = (
      ruleId: string,
      description: string,
      runbook: string,
      tier: AlertTier,
      pattern: events.EventPattern,
    ) => {
      const ruleName = alarms.name(ruleId, EVENT_RULE_NAME_MAX_LENGTH);
      const r = new events.Rule(this, ruleId, {
        ruleName,
        description: describeWithRunbook(description, runbook, EVENT_RULE_DESCRIPTION_MAX_LENGTH),
        eventPattern: pattern,
      });
      r.addTarget(alerting.ruleTarget(tier));
      this.rules.push(r);
      ruleNames.set(r, ruleName);
      return r;
    };

    rule(
      'BackupJobFailed',
      'An AWS Backup job failed, was aborted or expired before it ran',
      'backup-failures',
      'critical',
      {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
    );
    rule('CopyJobFailed', 'An AWS Backup copy to the other Canadian region failed', 'backup-failures', 'critical', {
      source: ['aws.backup'],
      detailType: ['Copy Job State Change'],
      detail: { state: ['FAILED'] },
    });
    rule(
      'RestoreJobFailed',
      'An AWS Backup restore (including a scheduled restore test) failed',
      'backup-failures',
      'critical',
      {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: { status: ['FAILED'] },
      },
    );
    // KMS management calls reach EventBridge through the multi-region trail, in the key's own region.
    rule('KmsKeyDisabledOrDeleted', 'A KMS key was disabled or scheduled for deletion', 'key-management', 'critical', {
      source: ['aws.kms'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['DisableKey', 'ScheduleKeyDeletion'] },
    });

    const guardDutyMode = props.guardDuty ?? 'off';
    if (guardDutyMode === 'create-detector') {
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
      });
    }
    if (guardDutyMode !== 'off') {
      rule(
        'GuardDutyHighSeverity',
        'GuardDuty reported a high-severity finding (7.0 or above)',
        'guardduty',
        'critical',
        {
          source: ['aws.guardduty'],
          detailType: ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', 7] }] },
        },
      );
    }

    // An alert EventBridge could not deliver (key policy, topic policy, throttling) is an alert lost.
    // The metric is published only when the rule matched and a delivery failed: silence is the healthy state.
    for (const r of this.rules) {
      const ruleName = ruleNames.get(r)!;
      alarms.addAlarm({
        id: `${r.node.id}DeliveryFailed`,
        nameSuffix: `${r.node.id}-delivery-failed`,
        description: `EventBridge could not deliver a match of rule ${r.node.id} to its alert topic`,
        runbook: 'alert-delivery',
        tier: 'warning',
        metric: ruleDeliveryFailures(ruleName),
        threshold: 1,
      });
    }

    // S3 publishes replication metrics only while there is replication traffic: no data means nothing failed
    // and nothing is waiting (the factory's default for missing data).
    const latency = props.replicationLatencyThreshold ?? Duration.minutes(15);
    for (const [index, replication] of (props.replications ?? []).entries()) {
      const dimensionsMap = {
        SourceBucket: replication.sourceBucketName,
        DestinationBucket: replication.destinationBucketName,
        RuleId: replication.ruleId,
      };
      const suffix = index === 0 ? '' : `${index + 1}`;
      alarms.addAlarm({
        id: `ReplicationFailed${suffix}`,
        nameSuffix: `replication-failed-${replication.sourceBucketName}`,
        description: `Objects of ${replication.sourceBucketName} failed to replicate to ${replication.destinationBucketName}`,
        runbook: 'replication',
        tier: 'critical',
        metric: new cloudwatch.Metric({
          namespace: 'AWS/S3',
          metricName: 'OperationsFailedReplication',
          dimensionsMap,
          statistic: cloudwatch.Stats.SUM,
          period: Duration.minutes(5),
        }),
        threshold: 1,
      });
      alarms.addAlarm({
        id: `ReplicationLatency${suffix}`,
        nameSuffix: `replication-latency-${replication.sourceBucketName}`,
        description: `Replication of ${replication.sourceBucketName} is later than ${latency.toSeconds()} s (the Replication Time Control target)`,
        runbook: 'replication',
        tier: 'warning',
        metric: new cloudwatch.Metric({
          namespace: 'AWS/S3',
          metricName: 'ReplicationLatency',
          dimensionsMap,
          statistic: cloudwatch.Stats.MAXIMUM,
          period: Duration.minutes(5),
        }),
        threshold: latency.toSeconds(),
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // Three periods: one slow batch is not an incident, fifteen minutes of lateness is.
        evaluationPeriods: 3,
      });
    }
    this.alarms.push(...alarms.alarms);
  }
}
