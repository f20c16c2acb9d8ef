import { stackTitle, summaryLine } from './describe';
import { ResidencyDiff } from './model';
import { stackSections } from './sections';
import { DiffVerdict } from './verdict';

const plain = (s: string) => s;

/** The verdict line both renderers end with. */
export function verdictLine(verdict: DiffVerdict): string {
  if (verdict.code === 1) return `fails: ${verdict.reasons.join('; ')}.`;
  if (verdict.allowed > 0)
    return `passes: ${verdict.allowed} data-holding resource(s) replaced or destroyed, allowed by --allow-destructive.`;
  return 'passes: nothing destroys data and no finding is added.';
}

/** `--format text` (default): for people at a terminal. Changed, added and removed stacks in full; unchanged ones named on one line. */
export function renderDiffText(diff: ResidencyDiff, verdict: DiffVerdict): string {
  const out: string[] = [`Residency diff: ${summaryLine(diff)}`];
  for (const s of diff.stacks.filter((x) => x.status !== 'unchanged')) {
    out.push('', `${stackTitle(s)}: ${s.status}`);
    for (const section of stackSections(s, plain)) {
      out.push(`  ${section.title}:`);
      for (const item of section.items) {
        out.push(`    ${item.sign} ${item.line}`);
        for (const d of item.details) out.push(`        ${d}`);
      }
    }
  }
  const unchanged = diff.stacks.filter((x) => x.status === 'unchanged');
  if (unchanged.length > 0) out.push('', `Unchanged: ${unchanged.map(stackTitle).join(', ')}`);
  out.push('', verdictLine(verdict));
  return `${out.join('\n')}\n`;
}
