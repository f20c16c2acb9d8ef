import { EvaluationResult } from './engine';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one line printed on stderr after a synth, so a passing `cdk synth` still says the checks ran and on what:
 * `CaResidency: 0 findings in 158 resources of 2 stacks; report: cdk.out/residency-report.md`.
 * Exempted and acknowledged findings are counted too: they pass, but a reviewer should know they exist.
 */
export function residencySummaryLine(
  result: Pick<EvaluationResult, 'findings' | 'exempted' | 'acknowledged' | 'summary'>,
  reportPath?: string,
): string {
  const passed = [
    result.exempted.length > 0 ? `${result.exempted.length} exempted` : '',
    result.acknowledged.length > 0 ? `${result.acknowledged.length} acknowledged` : '',
  ].filter((s) => s !== '');
  const findings =
    count(result.findings.length, 'finding', 'findings') + (passed.length > 0 ? ` (${passed.join(', ')})` : '');
  const scope = `${count(result.summary.resources, 'resource', 'resources')} of ${count(result.summary.templates, 'stack', 'stacks')}`;
  return `CaResidency: ${findings} in ${scope}${reportPath ? `; report: ${reportPath}` : ''}`;
}
