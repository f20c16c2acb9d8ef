import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmFactory } from './alarm-factory';
import { ResidencyAlerting } from './residency-alerting';
import { ALARM_PERIOD, alarmNameBase, assertKeyInRegion } from './workload-props';
import { isCanadianRegion, REGIONAL_ENDPOINT_HOST } from '../lib/policy/regions';

/**
 * Protocols that deliver over TLS to an endpoint whose place can be judged: HTTPS, queues and functions
 * (by their ARN's region) and email to people. Plain http, SMS, mobile push and Firehose are refused.
 */
export const RESIDENT_TOPIC_PROTOCOLS: readonly string[] = ['https', 'sqs', 'lambda', 'email', 'email-json'];

export interface ResidentTopicProps {
  /** The region's alert routing: failed deliveries warn on-call. */
  readonly alerting: ResidencyAlerting;
  /**
   * Customer-managed KMS key of the topic's own region. Its policy must let this account use it through SNS
   * (e.g. `ResidencyKey` with `usableVia: ['sns']`).
   */
  readonly encryptionKey: kms.IKey;
  /** @default - generated */
  readonly topicName?: string;
  /** @default - none */
  readonly displayName?: string;
  /** @default false */
  readonly fifo?: boolean;
}

/**
 * An SNS topic for health data: SSE-KMS with a customer-managed key of its region, a topic policy denying any
 * request without TLS, and subscriptions limited (checked at synth, whoever adds them) to HTTPS, SQS, Lambda
 * and email endpoints in Canadian regions. Alarm: any failed delivery (warning).
 */
export class ResidentTopic extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResidentTopicProps) {
    super(scope, id);
    assertKeyInRegion(this, 'ResidentTopic', 'encryptionKey', props.encryptionKey);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName,
      fifo: props.fifo,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    const name = props.topicName ?? alarmNameBase(this);
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: name });
    this.alarms = [
      alarms.addAlarm({
        id: 'DeliveryFailed',
        nameSuffix: 'delivery-failed',
        description: `SNS could not deliver messages of ${name} to a subscriber (after its retries)`,
        runbook: 'messaging',
        tier: 'warning',
        metric: this.topic.metricNumberOfNotificationsFailed({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
      }),
    ];
    // Subscriptions may be added later, by anyone holding the topic: judge them when the app is synthesized.
    this.node.addValidation({ validate: () => this.judgeSubscriptions() });
  }

  /** Adds a subscription (the same as `topic.addSubscription`; both are checked at synth). */
  addSubscription(subscription: sns.ITopicSubscription): sns.Subscription {
    return this.topic.addSubscription(subscription);
  }

  private judgeSubscriptions(): string[] {
    const stack = Stack.of(this);
    const topicArn = stack.resolve(this.topic.topicArn);
    const problems: string[] = [];
    for (const child of stack.node.findAll()) {
      if (!(child instanceof sns.CfnSubscription)) continue;
      if (JSON.stringify(stack.resolve(child.topicArn)) !== JSON.stringify(topicArn)) continue;
      const what = `ResidentTopic: subscription ${child.node.path}`;
      const protocol = child.protocol;
      if (!RESIDENT_TOPIC_PROTOCOLS.includes(protocol)) {
        problems.push(`${what} uses protocol "${protocol}"; only ${RESIDENT_TOPIC_PROTOCOLS.join(', ')} are allowed`);
        continue;
      }
      if (child.region !== undefined && !Token.isUnresolved(child.region) && !isCanadianRegion(child.region)) {
        problems.push(`${what} delivers to region ${child.region}, outside Canada`);
      }
      const endpoint = child.endpoint;
      if (endpoint === undefined || Token.isUnresolved(endpoint)) continue;
      const place = endpointRegion(protocol, endpoint);
      if (place !== undefined && !isCanadianRegion(place))
        problems.push(`${what} delivers to ${endpoint}, in ${place}, outside Canada`);
    }
    return problems;
  }
}

/** Region named by a queue or function ARN, or by the AWS host of an HTTPS endpoint; undefined when none is named. */
function endpointRegion(protocol: string, endpoint: string): string | undefined {
  if (protocol === 'sqs' || protocol === 'lambda') return endpoint.split(':')[3] || undefined;
  if (protocol === 'https') {
    const match = new RegExp(REGIONAL_ENDPOINT_HOST.source).exec(endpoint);
    return match?.[1];
  }
  return undefined;
}
