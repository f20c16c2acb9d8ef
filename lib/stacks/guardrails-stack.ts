import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ResidencyGuardrails } from '../../constructs/residency-guardrails';
import { guardrailPolicyOptions } from '../config/guardrails';
import { PRIMARY_REGION } from '../config/schema';
import { ResidencyStackProps } from './residency-stack-props';

/**
 * The organisation guardrails, deployed in the management account from ca-central-1: the SCPs and
 * the RCP of ResidencyGuardrails attached to the configured targets. Only built when
 * `guardrails.enabled` is true.
 */
export class GuardrailsStack extends Stack {
  readonly guardrails: ResidencyGuardrails;

  constructor(scope: Construct, id: string, props: ResidencyStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      env: { account: config.guardrails.managementAccountId, region: PRIMARY_REGION },
      stackName: `${config.resourcePrefix}-${config.environmentName}-guardrails`,
      terminationProtection: config.terminationProtection,
      description: `cdk-ca-residency organisation guardrails for ${config.environmentName}: region deny, baseline protection, data perimeter`,
    });
    const options = guardrailPolicyOptions(config);
    this.guardrails = new ResidencyGuardrails(this, 'Guardrails', {
      organizationId: config.guardrails.organizationId,
      targetIds: config.guardrails.targetIds,
      breakGlassRoleName: options.breakGlassRoleName,
      residencyKeyAliasPrefix: options.residencyKeyAliasPrefix,
      allowedRegions: [...options.allowedRegions],
      namePrefix: `${config.resourcePrefix}-${config.environmentName}`,
    });
  }
}
