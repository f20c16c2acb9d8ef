import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { AlarmFactory } from './alarm-factory';
import { ResidencyAlerting } from './residency-alerting';
import { ALARM_PERIOD, alarmNameBase, assertKeyInRegion } from './workload-props';

/** SQS keeps a message at most 14 days. */
const MAX_RETENTION = Duration.days(14);

export interface ResidentQueueProps {
  /** The region's alert routing: the dead-letter depth and message age alarms go to its topics. */
  readonly alerting: ResidencyAlerting;
  /**
   * Customer-managed KMS key of the queue's own region, encrypting both queues. Its policy must let this
   * account use it through SQS (e.g. `ResidencyKey` with `usableVia: ['sqs']`).
   */
  readonly encryptionKey: kms.IKey;
  /** @default - generated; the dead-letter queue is named `<queueName>-dlq` */
  readonly queueName?: string;
  /** A FIFO queue (exactly-once, ordered); the name gets the `.fifo` suffix SQS requires. @default false */
  readonly fifo?: boolean;
  /** @default Duration.seconds(30) */
  readonly visibilityTimeout?: Duration;
  /** How long a message waits to be processed. @default Duration.days(4) */
  readonly retentionPeriod?: Duration;
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /** Age of the oldest message above which on-call is warned that consumers fall behind. @default Duration.minutes(15) */
  readonly oldestMessageAlarmAge?: Duration;
  /** @default RemovalPolicy.RETAIN: messages may hold health data */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An SQS queue for health data: SSE-KMS with a customer-managed key of its region, a queue policy denying
 * any request without TLS, and a dead-letter queue with the same guarantees that keeps failed messages for
 * the 14-day maximum. Alarms: any message in the dead-letter queue (critical), the oldest message older
 * than `oldestMessageAlarmAge` (warning).
 */
export class ResidentQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResidentQueueProps) {
    super(scope, id);
    assertKeyInRegion(this, 'ResidentQueue', 'encryptionKey', props.encryptionKey);
    const retention = props.retentionPeriod ?? Duration.days(4);
    if (!retention.isUnresolved() && retention.toSeconds() > MAX_RETENTION.toSeconds()) {
      throw new InvalidPropError(
        this,
        `ResidentQueue: retentionPeriod is ${retention.toDays()} days; SQS keeps messages at most 14 days`,
      );
    }
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1) {
      throw new InvalidPropError(
        this,
        `ResidentQueue: maxReceiveCount is ${maxReceiveCount}; it must be a positive integer`,
      );
    }
    const fifo = props.fifo ?? false;
    const suffix = fifo ? '.fifo' : '';
    const base = props.queueName?.replace(/\.fifo$/, '');
    const common: sqs.QueueProps = {
      fifo: fifo || undefined,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    };

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...common,
      queueName: base && `${base}-dlq${suffix}`,
      // The longest SQS allows: time for someone to look at what failed.
      retentionPeriod: MAX_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      queueName: base && `${base}${suffix}`,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: retention,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });

    const name = base ?? alarmNameBase(this);
    const oldest = props.oldestMessageAlarmAge ?? Duration.minutes(15);
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: name });
    this.alarms = [
      alarms.addAlarm({
        id: 'DeadLetterMessages',
        nameSuffix: 'dead-letter-messages',
        description: `Messages of ${name} failed ${maxReceiveCount} times and wait in its dead-letter queue (kept 14 days)`,
        runbook: 'messaging',
        tier: 'critical',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: ALARM_PERIOD,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
      }),
      alarms.addAlarm({
        id: 'OldestMessageAge',
        nameSuffix: 'oldest-message-age',
        description: `The oldest message of ${name} has waited more than ${oldest.toMinutes()} minutes: consumers are failing or falling behind`,
        runbook: 'messaging',
        tier: 'warning',
        metric: this.queue.metricApproximateAgeOfOldestMessage({
          period: ALARM_PERIOD,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: oldest.toSeconds(),
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      }),
    ];
  }
}
