import { stackTitle, summaryLine } from './describe';
import { ResidencyDiff } from './model';
import { verdictLine } from './render-text';
import { Sign, stackSections } from './sections';
import { DiffVerdict } from './verdict';

// Names travel between these marks until the line is escaped, then become code spans.
const OPEN = '\u0001';
const CLOSE = '\u0002';
const NAME = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`);

/** Text outside code spans: nothing that would start Markdown or HTML, on one line. */
function text(s: string): string {
  return s.replace(/[\u0000-\u001f]+/g, ' ').replace(/([\\`*_<>[\]|#])/g, '\\$1');
}

/** Inline code that survives any text (backticks inside become quotes), on one line. */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/[\u0000-\u001f]+/g, ' ')}\``;
}

/** A line whose marked names become code spans and everything else is escaped text. */
function line(s: string): string {
  return s
    .split(NAME)
    .map((part, i) => (i % 2 === 1 ? code(part) : text(part)))
    .join('');
}

const mark = (s: string) => `${OPEN}${s.replace(/[\u0001\u0002]/g, '')}${CLOSE}`;

const MARK: Record<Sign, string> = { '+': '➕', '-': '➖', '~': '✏️', '!': '🔥' };

/** `--format markdown`: the pull-request comment. Short: only what changed, one bullet per change. */
export function renderDiffMarkdown(diff: ResidencyDiff, verdict: DiffVerdict): string {
  const out: string[] = [
    '## Residency diff',
    '',
    `${verdict.code === 1 ? '❌' : '✅'} **${text(verdictLine(verdict))}**`,
    '',
    text(summaryLine(diff)),
  ];
  for (const s of diff.stacks.filter((x) => x.status !== 'unchanged')) {
    out.push('', `### ${text(stackTitle(s))}: ${s.status}`);
    for (const section of stackSections(s, mark)) {
      out.push('', `**${section.title}**`, '');
      for (const item of section.items) {
        out.push(`- ${MARK[item.sign]} ${line(item.line)}`);
        for (const d of item.details) out.push(`  - ${line(d)}`);
      }
    }
  }
  const unchanged = diff.stacks.filter((x) => x.status === 'unchanged');
  if (unchanged.length > 0) out.push('', `Unchanged: ${unchanged.map((s) => text(stackTitle(s))).join(', ')}`);
  return `${out.join('\n')}\n`;
}
