import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { WatchedReplication } from './data-protection-alarms';

export interface MonitoringDashboardProps {
  readonly dashboardName: string;
  /** Alarms whose state the on-call person sees first. */
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** @default - no replication widgets */
  readonly replications?: WatchedReplication[];
}

const backupMetric = (metricName: string, label: string) =>
  new cloudwatch.Metric({
    namespace: 'AWS/Backup',
    metricName,
    statistic: cloudwatch.Stats.SUM,
    period: Duration.hours(1),
    label,
  });

/** One dashboard per region for on-call: alarm states, backup and restore job outcomes, replication. */
export class MonitoringDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarm states', alarms: [...props.alarms], width: 24, height: 6 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Backup jobs',
        width: 12,
        left: [
          backupMetric('NumberOfBackupJobsCompleted', 'completed'),
          backupMetric('NumberOfBackupJobsFailed', 'failed'),
          backupMetric('NumberOfBackupJobsAborted', 'aborted'),
          backupMetric('NumberOfBackupJobsExpired', 'expired'),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'Copy and restore jobs',
        width: 12,
        left: [
          backupMetric('NumberOfCopyJobsCompleted', 'copies completed'),
          backupMetric('NumberOfCopyJobsFailed', 'copies failed'),
          backupMetric('NumberOfRestoreJobsCompleted', 'restores completed'),
          backupMetric('NumberOfRestoreJobsFailed', 'restores failed'),
        ],
      }),
    );
    for (const replication of props.replications ?? []) {
      const dimensionsMap = {
        SourceBucket: replication.sourceBucketName,
        DestinationBucket: replication.destinationBucketName,
        RuleId: replication.ruleId,
      };
      const s3Metric = (metricName: string, statistic: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/S3',
          metricName,
          dimensionsMap,
          statistic,
          period: Duration.minutes(5),
        });
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `Replication latency (s): ${replication.sourceBucketName}`,
          width: 12,
          left: [s3Metric('ReplicationLatency', cloudwatch.Stats.MAXIMUM)],
        }),
        new cloudwatch.GraphWidget({
          title: `Replication failures and backlog: ${replication.sourceBucketName}`,
          width: 12,
          left: [s3Metric('OperationsFailedReplication', cloudwatch.Stats.SUM)],
          right: [s3Metric('OperationsPendingReplication', cloudwatch.Stats.MAXIMUM)],
        }),
      );
    }
  }
}
