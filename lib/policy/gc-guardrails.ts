/**
 * The Government of Canada cloud guardrails the checks map to, by number, so the report and the docs cite the same
 * ones. Source: GC Cloud Guardrails (Treasury Board of Canada Secretariat, canada-ca/cloud-guardrails): 5 Data
 * location, 6 Protection of data-at-rest, 7 Protection of data-in-transit; read 2026-11-29.
 */
export const GC_GUARDRAILS = {
  dataLocation: { number: 5, title: 'data location' },
  dataAtRest: { number: 6, title: 'protection of data at rest' },
  dataInTransit: { number: 7, title: 'protection of data in transit' },
} as const;

export type GcGuardrail = keyof typeof GC_GUARDRAILS;

/** e.g. `GC guardrail 5 (data location)`. */
export function gcGuardrailReference(g: GcGuardrail): string {
  return `GC guardrail ${GC_GUARDRAILS[g].number} (${GC_GUARDRAILS[g].title})`;
}
