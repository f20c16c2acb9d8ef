import * as fs from 'fs';
import * as path from 'path';
import { AssemblyReportOptions, reportFromAssembly } from './assembly-report';
import { renderReportJson } from './render-json';
import { renderReportMarkdown } from './render-markdown';

export const REPORT_MARKDOWN_FILE = 'residency-report.md';
export const REPORT_JSON_FILE = 'residency-report.json';

/**
 * Write `residency-report.md` and `residency-report.json` into a synthesized cloud assembly (called by the
 * app after `app.synth()`). Returns the paths written.
 */
export function writeResidencyReport(assemblyDir: string, options: AssemblyReportOptions = {}): string[] {
  const report = reportFromAssembly(assemblyDir, options);
  const files: [string, string][] = [
    [path.join(assemblyDir, REPORT_MARKDOWN_FILE), renderReportMarkdown(report)],
    [path.join(assemblyDir, REPORT_JSON_FILE), renderReportJson(report)],
  ];
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return files.map(([f]) => f);
}
