import { GuardrailPolicyOptions } from '../policy/guardrail-policies';
import { PRIMARY_REGION, RECOVERY_OFF, ResidencyConfig } from './schema';

/**
 * The guardrail policy options a configuration implies. The guardrails stack and `ca-residency policy
 * --config` both call this, so the printed and the deployed policies are the same documents.
 */
export function guardrailPolicyOptions(config: ResidencyConfig): GuardrailPolicyOptions {
  return {
    allowedRegions: config.recoveryRegion === RECOVERY_OFF ? [PRIMARY_REGION] : [PRIMARY_REGION, config.recoveryRegion],
    breakGlassRoleName: config.guardrails.breakGlassRoleName,
    // Every environment's keys: ResidencyNames gives them alias/<prefix>-<environment>-<purpose>.
    residencyKeyAliasPrefix: `alias/${config.resourcePrefix}-`,
    organizationId: config.guardrails.organizationId === '' ? undefined : config.guardrails.organizationId,
  };
}

/** The shortest retention any enabled backup rule (or its copy) keeps: the detective rules' minimum. */
export function minimumBackupRetentionDays(config: ResidencyConfig): number {
  const days = (['daily', 'weekly', 'monthly'] as const)
    .filter((rule) => config.backup[rule].enabled)
    .flatMap((rule) => [
      config.backup[rule].retentionDays,
      config.backup[rule].copyRetentionDays ?? config.backup[rule].retentionDays,
    ]);
  return Math.min(...days);
}
