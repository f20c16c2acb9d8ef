/**
 * A Deny statement only takes access away: naming a foreign region or ARN in it (e.g. "deny everything outside
 * ca-central-1") is a guardrail, not a path for data. Residency rules use this to skip such statements.
 */
import { normaliseStatement } from './policy-statements';

/** Is this raw policy statement a Deny (literal Effect), i.e. a guardrail whatever regions or ARNs it names? */
export function isGuardrailStatement(raw: unknown): boolean {
  // A literal `"Effect": "Deny"` is all normalisation would look at for the effect: answer without normalising the
  // whole statement, which residency rules ask about for every Deny statement of every template.
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && (raw as { Effect?: unknown }).Effect === 'Deny')
    return true;
  return normaliseStatement(raw, 0).effect === 'Deny';
}

/** Indexes of the Deny statements of a raw policy document (`Statement` as a list or one object). */
export function guardrailStatementIndexes(doc: unknown): number[] {
  const st = doc && typeof doc === 'object' ? (doc as { Statement?: unknown }).Statement : undefined;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  return list.flatMap((s, i) => (isGuardrailStatement(s) ? [i] : []));
}
