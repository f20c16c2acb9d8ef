import { AvailabilityOverrides } from '../policy/availability';
import { DeclaredDestination, Exemption, ResidencyOptions } from '../policy/options';
import { EvaluationResult, policyFromTemplates, ResidencyEngine, TemplateUnderTest } from '../rules';
import { CheckInputError } from './input-error';

/** Options given on the command line; each wins over what a cloud assembly recorded. */
export interface CheckOptions {
  readonly allowedRegions?: readonly string[];
  /** Added to the exemptions recorded in the templates. */
  readonly exemptions?: readonly Exemption[];
  /** Merged over the recorded overrides, region by region. */
  readonly availabilityOverrides?: AvailabilityOverrides;
  /** Added to the declared destinations recorded in the templates. */
  readonly declaredDestinations?: readonly DeclaredDestination[];
  readonly evaluationDate?: Date;
}

/**
 * Run the CaResidency engine over templates, honouring the policy the pack recorded in them
 * (`Metadata.CaResidency`: options, exemptions, acknowledgements), so that `check cdk.out` reports exactly what
 * the pack reported. All templates are evaluated together (cross-stack lookups work across inputs).
 */
export function runCheck(templates: readonly TemplateUnderTest[], cli: CheckOptions = {}): EvaluationResult {
  const recorded = policyFromTemplates(templates);
  const base: ResidencyOptions = recorded?.options ?? {};
  const overrides: Record<string, Record<string, boolean>> = {};
  for (const src of [base.availabilityOverrides ?? {}, cli.availabilityOverrides ?? {}]) {
    for (const [region, types] of Object.entries(src)) overrides[region] = { ...overrides[region], ...types };
  }
  const options: ResidencyOptions = {
    ...base,
    allowedRegions: cli.allowedRegions ?? base.allowedRegions,
    exemptions: [...(base.exemptions ?? []), ...(cli.exemptions ?? [])],
    availabilityOverrides: overrides,
    declaredDestinations: [...(base.declaredDestinations ?? []), ...(cli.declaredDestinations ?? [])],
    evaluationDate: cli.evaluationDate ?? base.evaluationDate,
  };
  let engine: ResidencyEngine;
  try {
    engine = new ResidencyEngine(options);
  } catch (e) {
    // e.g. a non-Canadian --allowed-regions value: the engine names the field and the value.
    throw new CheckInputError((e as Error).message.replace(/:\n\s*- /, ': ').replace(/\n\s*- /g, '; '));
  }
  return engine.evaluate(templates, recorded?.acknowledgements ?? []);
}

/** Exit status of a check: 1 when any finding fails the build (severity error or fatal), else 0. */
export function exitCodeOf(result: EvaluationResult): 0 | 1 {
  return result.findings.some((f) => f.severity === 'error' || f.severity === 'fatal') ? 1 : 0;
}
