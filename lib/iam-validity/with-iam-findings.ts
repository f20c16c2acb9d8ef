import { EvaluationResult } from '../rules';
import { TemplateUnderTest } from '../rules/types';
import { iamValidityFindings } from './check-templates';

/**
 * A `check` result with the IAM validity findings of the same templates added (`check --iam`): they fail the
 * build like any error finding and are counted under the category `iam`. They cannot be exempted or acknowledged
 * through the pack: a policy naming what IAM does not know is fixed, not explained.
 */
export function withIamFindings(result: EvaluationResult, templates: readonly TemplateUnderTest[]): EvaluationResult {
  const iam = iamValidityFindings(templates);
  if (iam.length === 0) return result;
  return {
    ...result,
    findings: [...result.findings, ...iam],
    summary: {
      ...result.summary,
      findings: result.summary.findings + iam.length,
      byCategory: { ...result.summary.byCategory, iam: (result.summary.byCategory.iam ?? 0) + iam.length },
    },
  };
}
