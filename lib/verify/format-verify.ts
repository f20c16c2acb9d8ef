import { formatSarif, groupByStack, toJsonFinding } from '../check';
import { EvaluationResult, FindingCategory } from '../rules';
import { CanaryReport } from './canary';
import { isFailing, toEngineFinding, VERIFY_RULES, VerifyRuleId } from './findings';
import { VerifyResult } from './verify-account';

export const VERIFY_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

/** The run in the engine's result shape, so `check`'s SARIF writer applies unchanged. */
export function asEvaluationResult(result: VerifyResult, canary?: CanaryReport): EvaluationResult {
  const findings = [...result.findings, ...(canary?.findings ?? [])].map(toEngineFinding);
  const byCategory: Partial<Record<FindingCategory, number>> = {};
  for (const f of findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  return {
    findings,
    exempted: [],
    acknowledged: [],
    summary: { templates: 0, resources: result.buckets.length, findings: findings.length, byCategory },
  };
}

function canaryLine(c: CanaryReport): string {
  const where = `${c.sourceBucket} → ${c.replicaBucket ?? '?'}${c.replicaRegion ? ` (${c.replicaRegion})` : ''}`;
  const outcome = c.arrived ? `arrived after ${((c.delayMs ?? 0) / 1000).toFixed(1)} s` : 'did not arrive';
  return `Replication canary ${where}: ${outcome}; ${c.deletedVersions} canary version(s) deleted.`;
}

function summaryLine(result: VerifyResult, failing: number): string {
  return `${failing} failing finding(s); ${result.nonCompliantBuckets} of ${result.buckets.length} bucket(s) non-compliant, ${result.residencyDrift} with residency drift`;
}

function text(result: VerifyResult, canary: CanaryReport | undefined, colour: boolean): string {
  const paint = (code: number, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const ev = asEvaluationResult(result, canary);
  const lines: string[] = [];
  for (const g of groupByStack(ev.findings)) {
    lines.push(paint(1, `${g.stack}${g.region ? ` (${g.region})` : ''}`));
    for (const f of g.findings) {
      lines.push(
        `  ${paint(f.severity === 'warning' ? 33 : 31, f.severity.toUpperCase().padEnd(7))} ${f.ruleId}  ${paint(2, f.path)}`,
      );
      lines.push(`          ${f.message}`);
    }
    lines.push('');
  }
  if (canary) lines.push(canaryLine(canary), '');
  const failing = ev.findings.filter(isFailing).length;
  lines.push(paint(failing === 0 ? 32 : 31, summaryLine(result, failing)));
  return `${lines.join('\n')}\n`;
}

function json(result: VerifyResult, canary: CanaryReport | undefined): string {
  const ev = asEvaluationResult(result, canary);
  const byCategory: Record<string, number> = {};
  for (const k of Object.keys(ev.summary.byCategory).sort())
    byCategory[k] = ev.summary.byCategory[k as FindingCategory]!;
  const doc = {
    findings: ev.findings.map(toJsonFinding),
    buckets: result.buckets.map((b) => ({
      bucket: b.bucket,
      region: b.region ?? null,
      compliant: !b.findings.some(isFailing),
    })),
    canary: canary
      ? {
          key: canary.key,
          sourceBucket: canary.sourceBucket,
          replicaBucket: canary.replicaBucket ?? null,
          replicaRegion: canary.replicaRegion ?? null,
          arrived: canary.arrived,
          delayMs: canary.delayMs ?? null,
          deletedVersions: canary.deletedVersions,
        }
      : null,
    summary: {
      buckets: result.buckets.length,
      nonCompliantBuckets: result.nonCompliantBuckets,
      residencyDrift: result.residencyDrift,
      findings: ev.findings.length,
      byCategory,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function sarif(result: VerifyResult, canary: CanaryReport | undefined, toolVersion: string): string {
  const doc = JSON.parse(formatSarif(asEvaluationResult(result, canary), toolVersion));
  // check's rule catalogue knows the template rules; verify's rules get their own summaries.
  for (const rule of doc.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[]) {
    const own = VERIFY_RULES[rule.id as VerifyRuleId];
    if (own) rule.shortDescription = { text: own.summary };
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

function markdown(result: VerifyResult, canary: CanaryReport | undefined): string {
  const ev = asEvaluationResult(result, canary);
  const failing = ev.findings.filter(isFailing).length;
  const out = [
    '## CaResidency verify',
    '',
    failing === 0 ? `✅ ${summaryLine(result, failing)}.` : `**${summaryLine(result, failing)}.**`,
    '',
  ];
  if (ev.findings.length > 0) {
    out.push('| severity | rule | bucket | region | path | message |', '|---|---|---|---|---|---|');
    for (const f of ev.findings)
      out.push(
        `| ${f.severity} | ${f.ruleId} | \`${cell(f.stackName)}\` | ${f.region ?? ''} | \`${cell(f.path)}\` | ${cell(f.message)} |`,
      );
    out.push('');
  }
  if (canary) out.push(canaryLine(canary), '');
  return out.join('\n');
}

/** Renders a verify run in one of check's formats. */
export function renderVerify(
  result: VerifyResult,
  canary: CanaryReport | undefined,
  format: VerifyFormat,
  colour: boolean,
  toolVersion: string,
): string {
  switch (format) {
    case 'json':
      return json(result, canary);
    case 'sarif':
      return sarif(result, canary, toolVersion);
    case 'markdown':
      return markdown(result, canary);
    default:
      return text(result, canary, colour);
  }
}

/** Exit status, as `check`: 1 when any finding is an error or fatal, else 0. */
export function verifyExitCode(result: VerifyResult, canary?: CanaryReport): 0 | 1 {
  return [...result.findings, ...(canary?.findings ?? [])].some(isFailing) ? 1 : 0;
}
