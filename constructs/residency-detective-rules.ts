import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { DetectiveRule, detectiveGapsIn, detectiveRulesFor } from '../lib/policy/detective-rules';
import { InvalidPropError } from './invalid-prop-error';
import { ResidencyAlerting, runbookPath } from './residency-alerting';

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

  constructor(scope: Construct, id: string, props: ResidencyDetectiveRulesProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Number.isInteger(props.minimumRetentionDays) || props.minimumRetentionDays < 1) {
      throw new InvalidPropError(this, `minimumRetentionDays must be a whole number of days >= 1 (got ${props.minimumRetentionDays})`);
    }
    this.gaps = detectiveGapsIn(region);
    const names: string[] = [];
    for (const rule of detectiveRulesFor(region)) {
      const configRuleName = `${props.namePrefix}-${rule.identifier.toLowerCase().replace(/_/g, '-')}`.slice(0, 128);
      const parameters: Record<string, string> = {};
      if (rule.retentionParameter) parameters[rule.retentionParameter] = String(props.minimumRetentionDays);
      if (rule.concern === 'backup-coverage' && props.backupSelectionTag) {
        parameters.resourceTags = JSON.stringify({ [props.backupSelectionTag.key]: props.backupSelectionTag.value });
      }
      this.rules.push(
        new config.CfnConfigRule(this, rule.identifier, {
          configRuleName,
          description: `NON_COMPLIANT when ${rule.meaning}`.slice(0, 256),
          source: { owner: 'AWS', sourceIdentifier: rule.identifier },
          inputParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        }),
      );
      names.push(configRuleName);
    }
    this.nonComplianceRule = new events.Rule(this, 'NonCompliance', {
      ruleName: `${props.namePrefix}-config-non-compliant`,
      description: `A residency Config rule found a non-compliant resource. Runbook: ${runbookPath('config-non-compliance')}`,
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: { configRuleName: names, newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
      },
    });
    this.nonComplianceRule.addTarget(props.alerting.ruleTarget('critical'));
  }
}
