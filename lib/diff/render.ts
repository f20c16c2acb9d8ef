import { DiffFormat, ResidencyDiff } from './model';
import { renderDiffJson } from './render-json';
import { renderDiffMarkdown } from './render-markdown';
import { renderDiffText } from './render-text';
import { DiffVerdict } from './verdict';

/** A diff in one of the formats of `ca-residency diff` (JSON carries no verdict: its reader applies the gate). */
export function renderDiff(diff: ResidencyDiff, verdict: DiffVerdict, format: DiffFormat): string {
  if (format === 'json') return renderDiffJson(diff);
  return format === 'markdown' ? renderDiffMarkdown(diff, verdict) : renderDiffText(diff, verdict);
}
