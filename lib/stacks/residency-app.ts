import { Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ResidencyConfig, RECOVERY_OFF } from '../config/schema';
import { GuardrailsStack } from './guardrails-stack';
import { PrimaryStack } from './primary-stack';
import { RecoveryStack } from './recovery-stack';

export interface ResidencyStacks {
  readonly primary: PrimaryStack;
  /** Absent when `recoveryRegion` is `none`. */
  readonly recovery?: RecoveryStack;
  /** Present when `guardrails.enabled`: the organisation policies, in the management account. */
  readonly guardrails?: GuardrailsStack;
}

/** Builds the recovery stack (when on) then the primary stack, which deploys after it. */
export function buildResidencyStacks(scope: Construct, config: ResidencyConfig): ResidencyStacks {
  const recovery =
    config.recoveryRegion === RECOVERY_OFF ? undefined : new RecoveryStack(scope, 'Recovery', { config });
  const primary = new PrimaryStack(scope, 'Primary', { config });
  // The primary addresses the recovery bucket, key and vault by name: they must exist first.
  if (recovery) primary.addStackDependency(recovery, 'replication and backup copies target the recovery region');
  const guardrails = config.guardrails.enabled ? new GuardrailsStack(scope, 'Guardrails', { config }) : undefined;
  for (const stack of [recovery, primary, guardrails]) {
    if (!stack) continue;
    for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
    Tags.of(stack).add('residency:environment', config.environmentName);
  }
  return { primary, recovery, guardrails };
}
