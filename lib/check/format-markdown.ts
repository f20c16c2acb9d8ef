import { EvaluationResult } from '../rules';
import { groupByStack } from './format-text';

/** Escape what would break a Markdown table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

const ICON: Record<string, string> = { fatal: '⛔ fatal', error: '❌ error', warning: '⚠️ warning' };

/** `--format markdown`: a pull-request comment — a summary, then one table of findings per stack. */
export function formatMarkdown(result: EvaluationResult): string {
  const s = result.summary;
  const out: string[] = ['## CaResidency check', ''];
  out.push(
    s.findings === 0
      ? `✅ No findings in ${s.resources} resources of ${s.templates} templates.`
      : `**${s.findings} finding(s)** in ${s.resources} resources of ${s.templates} templates.`,
  );
  out.push('');
  const cats = Object.entries(s.byCategory).sort(([a], [b]) => (a < b ? -1 : 1));
  if (cats.length > 0) {
    out.push('| category | findings |', '|---|---:|', ...cats.map(([c, n]) => `| ${c} | ${n} |`), '');
  }
  for (const g of groupByStack(result.findings)) {
    out.push(`### \`${cell(g.stack || '(policy)')}\`${g.region ? ` (${g.region})` : ''}`, '');
    out.push('| severity | rule | resource | path | message |', '|---|---|---|---|---|');
    for (const f of g.findings) {
      out.push(
        `| ${ICON[f.severity]} | ${f.ruleId} | \`${cell(f.logicalId)}\` (${cell(f.resourceType)}) | \`${cell(f.path)}\` | ${cell(f.message)} |`,
      );
    }
    out.push('');
  }
  if (result.exempted.length > 0) {
    out.push(
      '<details><summary>Exempted findings</summary>',
      '',
      '| rule | resource | expires | reason |',
      '|---|---|---|---|',
    );
    for (const { finding: f, exemption: e } of result.exempted) {
      out.push(
        `| ${f.ruleId} | \`${cell(`${f.stackName}/${f.logicalId}`)}\` | ${cell(e.expires)} | ${cell(e.reason)} |`,
      );
    }
    out.push('', '</details>', '');
  }
  if (result.acknowledged.length > 0) {
    out.push('<details><summary>Acknowledged findings</summary>', '', '| rule | resource | reason |', '|---|---|---|');
    for (const { finding: f, acknowledgement: a } of result.acknowledged) {
      out.push(`| ${f.ruleId} | \`${cell(`${f.stackName}/${f.logicalId}`)}\` | ${cell(a.reason)} |`);
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}`;
}
