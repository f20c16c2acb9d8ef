import { AvailabilityOverrides } from '../policy/availability';
import { DeclaredDestination, Exemption, ResidencyOptions } from '../policy/options';
import { RecordedAcknowledgement, TemplateUnderTest } from './types';

/** Key of the template `Metadata` entry through which the pack's policy travels with the synthesized output. */
export const POLICY_METADATA_KEY = 'CaResidency';

/**
 * What the pack writes into `Metadata.CaResidency` of every stack template at synth: its options and the
 * acknowledgements of CaResidency rules that apply to the stack. `ca-residency check cdk.out` reads it back
 * (see `policyFromTemplates`) so that it honours exactly what the pack honoured.
 */
export interface RecordedPolicy {
  readonly schemaVersion: 1;
  readonly allowedRegions: readonly string[];
  readonly bucketsDeclaredCanadian: readonly string[];
  readonly declaredDestinations?: readonly DeclaredDestination[];
  readonly availabilityOverrides: AvailabilityOverrides;
  readonly statelessTypes?: readonly string[];
  readonly exemptions: readonly Exemption[];
  readonly acknowledgements: readonly RecordedAcknowledgement[];
}

/**
 * Read the recorded policy back from templates. Options come from the first template that has one (the pack
 * writes the same options into every stack); acknowledgements are merged and de-duplicated.
 * Returns undefined when no template carries a policy.
 */
export function policyFromTemplates(
  templates: readonly TemplateUnderTest[],
): { options: ResidencyOptions; acknowledgements: RecordedAcknowledgement[] } | undefined {
  let options: ResidencyOptions | undefined;
  const acks = new Map<string, RecordedAcknowledgement>();
  for (const t of templates) {
    const p = t.template.Metadata?.[POLICY_METADATA_KEY] as RecordedPolicy | undefined;
    if (!p || p.schemaVersion !== 1) continue;
    options ??= {
      allowedRegions: p.allowedRegions,
      bucketsDeclaredCanadian: p.bucketsDeclaredCanadian,
      declaredDestinations: p.declaredDestinations ?? [],
      availabilityOverrides: p.availabilityOverrides,
      statelessTypes: p.statelessTypes ?? [],
      exemptions: p.exemptions,
    };
    for (const a of p.acknowledgements ?? []) acks.set(`${a.constructPath}\u0000${a.id}`, a);
  }
  return options ? { options, acknowledgements: [...acks.values()] } : undefined;
}
