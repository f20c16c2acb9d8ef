import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { DEFAULT_ALLOWED_REGIONS } from '../lib/policy/regions';
import {
  GuardrailOptionsError,
  GuardrailPolicyOptions,
  GuardrailPolicyDocument,
  guardrailScps,
  residencyRcp,
  SCP_NAMES,
} from '../lib/policy/guardrail-policies';
import { InvalidPropError } from './invalid-prop-error';

export interface ResidencyGuardrailsProps {
  /** AWS Organizations id (`o-...`): the RCP lets only this organisation's principals reach the data. */
  readonly organizationId: string;
  /** Roots, OUs or accounts the policies attach to. Start with a test OU (docs/guardrails.md). */
  readonly targetIds: string[];
  /** The only role exempt from the guardrails, same name in every target account. */
  readonly breakGlassRoleName: string;
  /** Residency keys are those whose alias starts with this prefix, e.g. `alias/cacr-`. */
  readonly residencyKeyAliasPrefix: string;
  /** Prefix of the policy names (`<prefix>-region-deny`, ...). */
  readonly namePrefix: string;
  /** @default ca-central-1 and ca-west-1 */
  readonly allowedRegions?: string[];
  /**
   * The resource control policy (no access without TLS or from outside the organisation).
   * @default true
   */
  readonly resourceControlPolicy?: boolean;
}

/**
 * The organisation guardrails of the residency policy, for the management account: a region-deny SCP,
 * a baseline-protection SCP and a resource control policy, attached to the given targets. The policy
 * documents come from lib/policy/guardrail-policies, the same source `ca-residency policy` prints.
 */
export class ResidencyGuardrails extends Construct {
  readonly serviceControlPolicies: organizations.CfnPolicy[] = [];
  readonly resourceControlPolicy?: organizations.CfnPolicy;
  /** The documents as deployed, by name. */
  readonly documents: Record<string, GuardrailPolicyDocument> = {};

  constructor(scope: Construct, id: string, props: ResidencyGuardrailsProps) {
    super(scope, id);
    if (props.targetIds.length === 0)
      throw new InvalidPropError(this, 'targetIds must name at least one root, OU or account (got [])');
    const options: GuardrailPolicyOptions = {
      allowedRegions: props.allowedRegions ?? [...DEFAULT_ALLOWED_REGIONS],
      breakGlassRoleName: props.breakGlassRoleName,
      residencyKeyAliasPrefix: props.residencyKeyAliasPrefix,
      organizationId: props.organizationId,
    };
    try {
      const scps = guardrailScps(options);
      for (const name of SCP_NAMES)
        this.serviceControlPolicies.push(this.policy(name, 'SERVICE_CONTROL_POLICY', scps[name], props));
      if (props.resourceControlPolicy ?? true) {
        this.resourceControlPolicy = this.policy(
          'data-perimeter',
          'RESOURCE_CONTROL_POLICY',
          residencyRcp(options),
          props,
        );
      }
    } catch (error) {
      if (error instanceof GuardrailOptionsError) throw new InvalidPropError(this, error.message);
      throw error;
    }
  }

  private policy(
    name: string,
    type: string,
    document: GuardrailPolicyDocument,
    props: ResidencyGuardrailsProps,
  ): organizations.CfnPolicy {
    this.documents[name] = document;
    const id = name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
    return new organizations.CfnPolicy(this, id, {
      name: `${props.namePrefix}-${name}`,
      type,
      description: `cdk-ca-residency ${name}: data stays in Canada`,
      content: document,
      targetIds: [...props.targetIds],
    });
  }
}
