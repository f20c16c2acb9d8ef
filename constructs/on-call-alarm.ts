import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlertTier, ResidencyAlerting, runbookPath } from './residency-alerting';

/**
 * What a workload construct needs to say about one alarm. Interim: the workload constructs create their
 * alarms through this one function until the project's shared alarm factory lands; then only this file changes.
 */
export interface OnCallAlarmSpec {
  /** Construct id of the alarm. */
  readonly id: string;
  /** Full alarm name (truncated to CloudWatch's 255 characters). */
  readonly alarmName: string;
  /** What happened, for the person paged; the runbook path is appended. */
  readonly description: string;
  /** Runbook family: `docs/runbooks/<runbook>.md`. */
  readonly runbook: string;
  readonly tier: AlertTier;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default NOT_BREACHING: these service metrics are published only while there is activity */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/** Creates the alarm, names its runbook in the description and routes it to the tier's topic. */
export function onCallAlarm(scope: Construct, alerting: ResidencyAlerting, spec: OnCallAlarmSpec): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, spec.id, {
    alarmName: spec.alarmName.slice(0, 255),
    alarmDescription: `${spec.description} Runbook: ${runbookPath(spec.runbook)}`.slice(0, 1024),
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    treatMissingData: spec.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return alerting.route(alarm, spec.tier);
}

/** Five minutes: the period of every workload alarm (CloudWatch's standard resolution for these services). */
export const ALARM_PERIOD = Duration.minutes(5);
