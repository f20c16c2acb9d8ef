import { Finding, TemplateUnderTest } from '../rules/types';
import { documentsAt, POLICY_LOCATIONS } from './policy-locations';
import { validatePolicyDocument } from './validate-document';
import { ownEntry } from '../policy/own-entry';

export const IAM_VALIDITY_RULE_ID = 'CaResidency-IamPolicyValid';

/**
 * The IAM validity findings of templates: one per action, condition key or resource of a policy document that
 * IAM does not know, with the property path inside the resource (category `iam`, severity error: IAM accepts
 * most such policies, and the statement silently never matches). Stable order: template, resource, path.
 */
export function iamValidityFindings(templates: readonly TemplateUnderTest[]): Finding[] {
  const findings: Finding[] = [];
  for (const t of templates) {
    for (const [logicalId, resource] of Object.entries(t.template.Resources ?? {}).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const type = resource?.Type;
      for (const location of (typeof type === 'string' ? ownEntry(POLICY_LOCATIONS, type) : undefined) ?? []) {
        for (const { path, document } of documentsAt(resource.Properties ?? {}, location)) {
          for (const problem of validatePolicyDocument(document)) {
            findings.push({
              ruleId: IAM_VALIDITY_RULE_ID,
              category: 'iam',
              severity: 'error',
              stackName: t.stackName,
              region: t.region,
              templateFile: t.templateFile,
              logicalId,
              resourceType: resource.Type,
              path: problem.path ? `${path}.${problem.path}` : path,
              message: `${problem.message}: the statement never matches as intended.`,
            });
          }
        }
      }
    }
  }
  return findings;
}
