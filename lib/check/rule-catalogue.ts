import { IAM_VALIDITY_RULE_ID } from '../iam-validity/check-templates';
import { ACKNOWLEDGEMENT_RULE_ID, EXEMPTION_RULE_ID, RESOURCE_RULES, RULE_IDS, STACK_RULES } from '../rules';
import { CONDITIONS_RULE } from '../rules/condition-variants';

const SUMMARIES = new Map<string, string>();
for (const r of [...STACK_RULES, ...RESOURCE_RULES]) SUMMARIES.set(r.id, r.summary);
SUMMARIES.set(EXEMPTION_RULE_ID, 'An exemption in the policy is malformed or expired (it is not applied).');
SUMMARIES.set(CONDITIONS_RULE.id, CONDITIONS_RULE.summary);
SUMMARIES.set(
  IAM_VALIDITY_RULE_ID,
  'A policy document names an action, condition key or resource type IAM does not know (check --iam).',
);
SUMMARIES.set(
  ACKNOWLEDGEMENT_RULE_ID,
  'An acknowledgement of a CaResidency rule has no real reason, or acknowledges a finding that cannot be acknowledged.',
);

/** Every rule id the engine can report, sorted, with its one-line summary (for SARIF `tool.driver.rules`). */
export function ruleCatalogue(extraIds: Iterable<string> = []): { id: string; summary: string }[] {
  const ids = new Set<string>([...RULE_IDS, ...extraIds]);
  return [...ids].sort().map((id) => ({ id, summary: SUMMARIES.get(id) ?? id }));
}
