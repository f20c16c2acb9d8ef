import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from '../check/command';
import { CheckInputError } from '../check/input-error';
import { reportFromAssembly } from './assembly-report';
import { renderReportJson } from './render-json';
import { renderReportMarkdown } from './render-markdown';

export const REPORT_FORMATS = ['markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A parsed `report` command line. */
export interface ReportRequest {
  readonly assembly: string;
  readonly format: ReportFormat;
  readonly output?: string;
  /** YYYY-MM-DD, from `--date`. */
  readonly date?: string;
}

/** Parse `--date`: an ISO day that exists. */
export function parseReportDate(text: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new CheckInputError(`--date must be a day as YYYY-MM-DD, got '${text}'`);
  }
  return d;
}

/**
 * Run `ca-residency report <cdk.out>`: build the report of a cloud assembly and print or write it. Returns 0:
 * the report describes findings, `check` is what fails a build on them. Bad input throws CheckInputError.
 */
export function runReportCommand(req: ReportRequest, io: CliIo): 0 {
  const dir = path.resolve(io.cwd, req.assembly);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new CheckInputError(`${req.assembly}: not a directory; report reads a cloud assembly such as cdk.out`);
  }
  const report = reportFromAssembly(dir, { label: req.assembly, evaluationDate: req.date !== undefined ? parseReportDate(req.date) : undefined });
  const text = req.format === 'json' ? renderReportJson(report) : renderReportMarkdown(report);
  if (!req.output) {
    io.stdout(text);
    return 0;
  }
  const target = path.resolve(io.cwd, req.output);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CheckInputError(`${req.output}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  io.stderr(`${report.summary.dataStores} data store(s), ${report.summary.findings} finding(s); ${req.format} report written to ${req.output}\n`);
  return 0;
}
