import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { ResidencyKey } from './residency-key';

/** Severity tiers: critical pages someone now; warning is looked at within the working day. */
export type AlertTier = 'critical' | 'warning';

export interface AlertSubscribers {
  /** @default - none */
  readonly emails?: string[];
  /** HTTPS endpoints only: plain http would carry alert contents in clear text. @default - none */
  readonly httpsEndpoints?: string[];
}

export interface ResidencyAlertingProps {
  /** Alias of the customer-managed key that encrypts both topics. */
  readonly keyAlias: string;
  /** Prefix of the topic names (`<prefix>-critical`, `<prefix>-warning`). */
  readonly namePrefix: string;
  /** @default - no subscribers (a deployment should have at least one critical subscriber) */
  readonly critical?: AlertSubscribers;
  /** @default - no subscribers */
  readonly warning?: AlertSubscribers;
}

/**
 * Per-region alert routing: a critical and a warning SNS topic, encrypted with a customer-managed key
 * that CloudWatch alarms and EventBridge rules of this account may use, TLS-only topic policies, and
 * subscriptions. `route()` sends an alarm to a tier (alarm and OK actions) and `ruleTarget()` an EventBridge rule;
 * constructs create their alarms through an `AlarmFactory`, which sets naming, description and routing once.
 */
export class ResidencyAlerting extends Construct {
  readonly key: ResidencyKey;
  readonly topics: Record<AlertTier, sns.Topic>;
  private readonly registered: cloudwatch.Alarm[] = [];
  private readonly eventsAllowed = new Set<AlertTier>();

  constructor(scope: Construct, id: string, props: ResidencyAlertingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new ResidencyKey(this, 'Key', {
      alias: props.keyAlias,
      description: `Encrypts alert topics in ${stack.region}`,
      // Principals of the account publish and read through SNS only.
      usableVia: ['sns'],
    });
    // CloudWatch alarms and EventBridge publish as service principals: they need the key to encrypt the message.
    this.key.allowServicePrincipal('cloudwatch.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], {
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    });
    this.key.allowServicePrincipal('events.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], {
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) },
    });

    const topic = (tier: AlertTier, subscribers: AlertSubscribers | undefined) => {
      const t = new sns.Topic(this, tier === 'critical' ? 'Critical' : 'Warning', {
        topicName: `${props.namePrefix}-${tier}`,
        displayName: `${props.namePrefix} ${tier} alerts`,
        masterKey: this.key.key,
        enforceSSL: true,
      });
      // A topic policy replaces the default one: CloudWatch alarms of this account must still publish.
      t.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudWatchAlarmsOfThisAccount',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [t.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
      for (const email of subscribers?.emails ?? []) t.addSubscription(new subs.EmailSubscription(email));
      for (const url of subscribers?.httpsEndpoints ?? []) {
        if (!url.startsWith('https://'))
          throw new InvalidPropError(this, `httpsEndpoints must be https:// URLs (got "${url}")`);
        t.addSubscription(new subs.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }));
      }
      return t;
    };
    this.topics = { critical: topic('critical', props.critical), warning: topic('warning', props.warning) };
  }

  /** Every alarm routed through this construct, for dashboards and tests. */
  get alarms(): readonly cloudwatch.Alarm[] {
    return this.registered;
  }

  /**
   * Routes an alarm to a tier: the alarm action tells on-call it started, the OK action that it ended.
   */
  route(alarm: cloudwatch.Alarm, tier: AlertTier): cloudwatch.Alarm {
    const action = new actions.SnsAction(this.topics[tier]);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.registered.push(alarm);
    return alarm;
  }

  /**
   * An EventBridge target delivering the matched event to a tier's topic. Not the L2 SnsTopic target:
   * it would grant events.amazonaws.com the key without any source condition.
   */
  ruleTarget(tier: AlertTier): events.IRuleTarget {
    const topic = this.topics[tier];
    if (!this.eventsAllowed.has(tier)) {
      this.eventsAllowed.add(tier);
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'EventBridgeRulesOfThisAccount',
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      );
    }
    return { bind: () => ({ arn: topic.topicArn, id: '' }) };
  }
}

/** The runbook path every alarm description names. */
export function runbookPath(family: string): string {
  return `docs/runbooks/${family}.md`;
}
