import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AlarmFactory } from './alarm-factory';
import { InvalidPropError } from './invalid-prop-error';
import { ResidencyAlerting } from './residency-alerting';
import { ResidencyBackupPlan } from './residency-backup-plan';
import { ResidencyKey } from './residency-key';
import {
  ALARM_PERIOD,
  alarmNameBase,
  assertKeyInRegion,
  assertReplicaRegions,
  selectForBackup,
} from './workload-props';

/** The data operations watched for system errors (a CloudWatch alarm takes at most 10 metrics). */
const WATCHED_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.SCAN,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
  dynamodb.Operation.TRANSACT_GET_ITEMS,
];

/** A replica of the table in another Canadian region, encrypted with a customer-managed key of that region. */
export interface ResidentTableReplica {
  readonly region: string;
  /** Alias of a customer-managed key in `region` that DynamoDB may use, e.g. `alias/acme-prod-tables`. */
  readonly keyAlias: string;
}

export interface ResidentTableProps {
  /** The region's alert routing. */
  readonly alerting: ResidencyAlerting;
  /**
   * Customer-managed KMS key of the table's own region. Its policy must let this account use it through
   * DynamoDB (e.g. `ResidencyKey` with `usableVia: ['dynamodb']`).
   */
  readonly encryptionKey: kms.IKey;
  /**
   * The region's residency backup plan: the table is selected by ARN, so every rule of the plan backs it up and
   * copies the recovery point to the plan's other Canadian region. Cross-region copies of DynamoDB backups need
   * AWS Backup's advanced features for DynamoDB turned on in the account (a Backup setting, not a template
   * resource; see the README).
   */
  readonly backupPlan: ResidencyBackupPlan;
  readonly partitionKey: dynamodb.Attribute;
  /** @default - none */
  readonly sortKey?: dynamodb.Attribute;
  /** @default - generated */
  readonly tableName?: string;
  /** @default - none */
  readonly globalSecondaryIndexes?: dynamodb.GlobalSecondaryIndexPropsV2[];
  /** @default - none */
  readonly timeToLiveAttribute?: string;
  /** @default - no stream */
  readonly dynamoStream?: dynamodb.StreamViewType;
  /** @default dynamodb.Billing.onDemand() */
  readonly billing?: dynamodb.Billing;
  /** Replicas (a global table) in other Canadian regions only. @default - none */
  readonly replicas?: ResidentTableReplica[];
  /** Point-in-time recovery window, 1 to 35 days. @default Duration.days(35) */
  readonly pointInTimeRecoveryPeriod?: Duration;
  /** CloudWatch Contributor Insights (most accessed and most throttled keys), charged per event. @default false */
  readonly contributorInsights?: boolean;
  /** Replication latency above which on-call is warned, per replica. @default Duration.minutes(1) */
  readonly replicationLatencyThreshold?: Duration;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A DynamoDB table (TableV2, a global table when it has replicas) for health data: encrypted with a
 * customer-managed key of each replica's region, point-in-time recovery, deletion protection, retained, replicas
 * only in other Canadian regions, and selected by ARN in the region's residency backup plan. Alarms: system errors
 * (critical), throttled requests and replication latency per replica (warning).
 */
export class ResidentTable extends Construct {
  readonly table: dynamodb.TableV2;
  readonly backupSelection: backup.BackupSelection;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResidentTableProps) {
    super(scope, id);
    const stack = Stack.of(this);
    assertKeyInRegion(this, 'ResidentTable', 'encryptionKey', props.encryptionKey);
    const replicas = props.replicas ?? [];
    assertReplicaRegions(
      this,
      'ResidentTable',
      'replicas',
      replicas.map((r) => r.region),
    );
    const pitr = props.pointInTimeRecoveryPeriod ?? Duration.days(35);
    const pitrDays = pitr.toDays({ integral: false });
    if (!pitr.isUnresolved() && (!Number.isInteger(pitrDays) || pitrDays < 1 || pitrDays > 35)) {
      throw new InvalidPropError(
        this,
        `ResidentTable: pointInTimeRecoveryPeriod is ${pitr.toHumanString()}; DynamoDB keeps 1 to 35 whole days`,
      );
    }

    const replicaKeyArns = Object.fromEntries(
      replicas.map((r) => [r.region, ResidencyKey.aliasArn(this, r.keyAlias, r.region, stack.account)]),
    );
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      globalSecondaryIndexes: props.globalSecondaryIndexes,
      timeToLiveAttribute: props.timeToLiveAttribute,
      dynamoStream: props.dynamoStream,
      billing: props.billing ?? dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(props.encryptionKey, replicaKeyArns),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: pitrDays },
      deletionProtection: true,
      contributorInsightsSpecification: props.contributorInsights ? { enabled: true } : undefined,
      replicas: replicas.map((r) => ({ region: r.region })),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    const name = props.tableName ?? alarmNameBase(this);
    this.backupSelection = selectForBackup(this, props.backupPlan, this.table.tableArn, `${name}-table`);

    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: name });
    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: this.table.tableName },
        statistic: cloudwatch.Stats.SUM,
        period: ALARM_PERIOD,
      });
    alarms.addAlarm({
      id: 'SystemErrors',
      nameSuffix: 'system-errors',
      description: `DynamoDB returned HTTP 500 errors for table ${name}: requests of the application failed on the service side`,
      runbook: 'tables',
      tier: 'critical',
      metric: this.table.metricSystemErrorsForOperations({ period: ALARM_PERIOD, operations: WATCHED_OPERATIONS }),
      threshold: 1,
      evaluationPeriods: 2,
    });
    alarms.addAlarm({
      id: 'Throttled',
      nameSuffix: 'throttled-requests',
      description: `Reads or writes of table ${name} were throttled: requests were refused for capacity`,
      runbook: 'tables',
      tier: 'warning',
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
        period: ALARM_PERIOD,
        label: 'Throttle events',
      }),
      threshold: 1,
      evaluationPeriods: 3,
    });
    const latency = props.replicationLatencyThreshold ?? Duration.minutes(1);
    for (const replica of replicas) {
      alarms.addAlarm({
        id: `ReplicationLatency${replica.region.replace(/-/g, '')}`,
        nameSuffix: `replication-latency-${replica.region}`,
        description: `Writes of table ${name} take more than ${latency.toSeconds()} s to reach its replica in ${replica.region}`,
        runbook: 'tables',
        tier: 'warning',
        metric: new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ReplicationLatency',
          dimensionsMap: { TableName: this.table.tableName, ReceivingRegion: replica.region },
          statistic: cloudwatch.Stats.AVERAGE,
          period: ALARM_PERIOD,
        }),
        threshold: latency.toMilliseconds(),
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    }
    this.alarms = [...alarms.alarms];
  }
}
