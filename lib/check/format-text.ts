import { EvaluationResult, Finding } from '../rules';

const CODES = { red: 31, yellow: 33, green: 32, bold: 1, dim: 2 } as const;

function painter(colour: boolean) {
  return (code: keyof typeof CODES, s: string) => (colour ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
}

/** Findings grouped by stack, in the engine's stable order (stack, then logical id). */
export function groupByStack(
  findings: readonly Finding[],
): { stack: string; region?: string; template?: string; findings: Finding[] }[] {
  const groups = new Map<string, { stack: string; region?: string; template?: string; findings: Finding[] }>();
  for (const f of findings) {
    let g = groups.get(f.stackName);
    if (!g) {
      g = { stack: f.stackName, region: f.region, template: f.templateFile, findings: [] };
      groups.set(f.stackName, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()];
}

/**
 * `--format text` (default): for people. Findings grouped by stack, one line per finding with its message
 * indented below; exempted and acknowledged findings listed (they show in every report); a summary line.
 * Coloured only when `colour` is set (the CLI sets it when stdout is a TTY and NO_COLOR is unset).
 */
export function formatText(result: EvaluationResult, colour = false): string {
  const paint = painter(colour);
  const lines: string[] = [];
  for (const g of groupByStack(result.findings)) {
    lines.push(
      paint(
        'bold',
        `${g.stack || '(policy)'}${g.region ? ` (${g.region})` : ''}${g.template ? `  ${g.template}` : ''}`,
      ),
    );
    for (const f of g.findings) {
      const sev = f.severity.toUpperCase().padEnd(7);
      lines.push(
        `  ${paint(f.severity === 'warning' ? 'yellow' : 'red', sev)} ${f.ruleId}  ${f.logicalId} (${f.resourceType})  ${paint('dim', f.path)}`,
      );
      lines.push(`          ${f.message}`);
    }
    lines.push('');
  }
  for (const { finding: f, exemption: e } of result.exempted) {
    lines.push(`  EXEMPT  ${f.ruleId}  ${f.stackName}/${f.logicalId}  until ${e.expires}: ${e.reason}`);
  }
  for (const { finding: f, acknowledgement: a } of result.acknowledged) {
    lines.push(`  ACKED   ${f.ruleId}  ${f.stackName}/${f.logicalId}  at ${a.constructPath || '(app)'}: ${a.reason}`);
  }
  const declared = result.declaredDestinations ?? [];
  for (const d of declared) {
    lines.push(
      `  DECLARED  ${d.stackName}/${d.logicalId}  ${d.path} -> ${d.declaration.destination} (${d.declaration.region}): ${d.declaration.reason}`,
    );
  }
  if (result.exempted.length + result.acknowledged.length + declared.length > 0) lines.push('');
  const s = result.summary;
  const cats = Object.entries(s.byCategory)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const head = `${s.findings} finding(s) in ${s.resources} resource(s) of ${s.templates} template(s)`;
  const extra = `${result.exempted.length} exempted, ${result.acknowledged.length} acknowledged`;
  lines.push(
    s.findings === 0
      ? paint('green', `${head}; ${extra}`)
      : `${paint('red', head)}${cats ? ` (${cats})` : ''}; ${extra}`,
  );
  return `${lines.join('\n')}\n`;
}
