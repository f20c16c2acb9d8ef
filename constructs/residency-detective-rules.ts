import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { DetectiveRule, detectiveGapsIn, detectiveRulesFor } from '../lib/policy/detective-rules';
import { AlarmFactory, boundedName, describeWithRunbook } from './alarm-factory';
import {
  EVENT_RULE_DESCRIPTION_MAX_LENGTH,
  EVENT_RULE_NAME_MAX_LENGTH,
  ruleDeliveryFailures,
} from './data-protection-alarms';
import { InvalidPropError } from './invalid-prop-error';
import { ResidencyAlerting } from './residency-alerting';

/** AWS Config limits: 128 characters of rule name, 256 of description. */
const CONFIG_RULE_NAME_MAX_LENGTH = 128;
const CONFIG_RULE_DESCRIPTION_MAX_LENGTH = 256;

export interface ResidencyDetectiveRulesProps {
  /** The region's alerting: non-compliance is paged on its critical topic. */
  readonly alerting: ResidencyAlerting;
  /** Prefix of the Config rule and EventBridge rule names. */
  readonly namePrefix: string;
  /** Shortest retention (days) a backup plan and a recovery point may have. */
  readonly minimumRetentionDays: number;
  /**
   * Only buckets with this tag are expected to be in a backup plan (access-log and audit buckets
   * are protected otherwise). @default - every bucket
   */
  readonly backupSelectionTag?: { readonly key: string; readonly value: string };
}

/**
 * AWS Config managed rules watching encryption at rest and in transit, backup coverage and retention,
 * recovery-point encryption and manual deletion, in this stack's region. Rules AWS does not offer in
 * the region are left out and listed in `gaps`. Needs a configuration recorder in the region.
 */
export class ResidencyDetectiveRules extends Construct {
  readonly rules: config.CfnConfigRule[] = [];
  /** Managed rules not offered in this region: the detective gap (docs/guardrails.md). */
  readonly gaps: readonly DetectiveRule[];
  readonly nonComplianceRule: events.Rule;
  /** Warning when EventBridge could not deliver a non-compliance to the topic (an alert lost). */
  readonly deliveryFailedAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ResidencyDetectiveRulesProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Number.isInteger(props.minimumRetentionDays) || props.minimumRetentionDays < 1) {
      throw new InvalidPropError(
        this,
        `minimumRetentionDays must be a whole number of days >= 1 (got ${props.minimumRetentionDays})`,
      );
    }
    this.gaps = detectiveGapsIn(region);
    const names: string[] = [];
    for (const rule of detectiveRulesFor(region)) {
      const configRuleName = boundedName(
        `${props.namePrefix}-${rule.identifier.toLowerCase().replace(/_/g, '-')}`,
        CONFIG_RULE_NAME_MAX_LENGTH,
      );
      const parameters: Record<string, string> = {};
      if (rule.retentionParameter) parameters[rule.retentionParameter] = String(props.minimumRetentionDays);
      if (rule.concern === 'backup-coverage' && props.backupSelectionTag) {
        parameters.resourceTags = JSON.stringify({ [props.backupSelectionTag.key]: props.backupSelectionTag.value });
      }
      this.rules.push(
        new config.CfnConfigRule(this, rule.identifier, {
          configRuleName,
          description: describeWithRunbook(
            `NON_COMPLIANT when ${rule.meaning}`,
            'config-non-compliance',
            CONFIG_RULE_DESCRIPTION_MAX_LENGTH,
          ),
          source: { owner: 'AWS', sourceIdentifier: rule.identifier },
          inputParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        }),
      );
      names.push(configRuleName);
    }
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: props.namePrefix });
    const ruleName = alarms.name('config-non-compliant', EVENT_RULE_NAME_MAX_LENGTH);
    this.nonComplianceRule = new events.Rule(this, 'NonCompliance', {
      ruleName,
      description: describeWithRunbook(
        'A residency Config rule found a non-compliant resource',
        'config-non-compliance',
        EVENT_RULE_DESCRIPTION_MAX_LENGTH,
      ),
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: { configRuleName: names, newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
      },
    });
    this.nonComplianceRule.addTarget(props.alerting.ruleTarget('critical'));
    // Published only when a match could not be delivered: silence is the healthy state.
    this.deliveryFailedAlarm = alarms.addAlarm({
      id: 'NonComplianceDeliveryFailed',
      nameSuffix: 'config-non-compliant-delivery-failed',
      description: 'EventBridge could not deliver a Config non-compliance to the critical alert topic',
      runbook: 'alert-delivery',
      tier: 'warning',
      metric: ruleDeliveryFailures(ruleName),
      threshold: 1,
    });
  }
}
