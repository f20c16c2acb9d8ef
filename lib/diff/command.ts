import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from '../check/command';
import { CheckInputError } from '../check/input-error';
import { parseReportDate } from '../report/command';
import { diffAssemblies } from './diff-assemblies';
import { ResidencyDiff } from './model';
import { renderDiffJson } from './render-json';
import { renderDiffMarkdown } from './render-markdown';
import { renderDiffText } from './render-text';
import { diffVerdict, DiffVerdict } from './verdict';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** A parsed `diff` command line. */
export interface DiffRequest {
  readonly base: string;
  readonly head: string;
  readonly format: DiffFormat;
  readonly output?: string;
  readonly allowDestructive: boolean;
  /** YYYY-MM-DD, from `--date`. */
  readonly date?: string;
}

export function renderDiff(diff: ResidencyDiff, verdict: DiffVerdict, format: DiffFormat): string {
  if (format === 'json') return renderDiffJson(diff);
  return format === 'markdown' ? renderDiffMarkdown(diff, verdict) : renderDiffText(diff, verdict);
}

/** Both arguments must be directories: a cloud assembly is what `cdk synth` writes. */
function assemblyDir(arg: string, cwd: string): string {
  const dir = path.resolve(cwd, arg);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new CheckInputError(`${arg}: not a directory; diff compares two cloud assemblies such as cdk.out`);
  }
  return dir;
}

/**
 * Run `ca-residency diff <base> <head>`: compare, render, print or write. Returns the verdict's exit code.
 * Bad input throws CheckInputError before anything is written; the output file is written whole or not at all.
 */
export function runDiffCommand(req: DiffRequest, io: CliIo): 0 | 1 {
  const evaluationDate = req.date !== undefined ? parseReportDate(req.date) : undefined;
  const diff = diffAssemblies(assemblyDir(req.base, io.cwd), assemblyDir(req.head, io.cwd), { evaluationDate, baseLabel: req.base, headLabel: req.head });
  const verdict = diffVerdict(diff, req.allowDestructive);
  const rendered = renderDiff(diff, verdict, req.format);
  if (!req.output) {
    io.stdout(rendered);
    return verdict.code;
  }
  const target = path.resolve(io.cwd, req.output);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, rendered);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CheckInputError(`${req.output}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const s = diff.summary;
  io.stderr(`${s.destructive} destructive change(s), ${s.findingsAdded} finding(s) added; ${req.format} diff written to ${req.output}\n`);
  return verdict.code;
}
