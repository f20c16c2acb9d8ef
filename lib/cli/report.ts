import * as fs from 'fs';
import * as path from 'path';
import type * as AssemblyReport from '../report/assembly-report';
import type * as RenderJson from '../report/render-json';
import type * as RenderMarkdown from '../report/render-markdown';
import { maxFileBytesArg, oneOf, parseCommandLine } from './args';
import { CliError } from './cli-error';
import { assertOutputWritable, writeOutput } from './output';
import { Subcommand } from './subcommand';

const USAGE = `Usage: ca-residency report <cdk.out> [options]

Builds the residency report of a synthesized cloud assembly (nested Stage assemblies included): stacks, every
data store with its key and key region, in-transit control, replication and backup coverage, findings,
exemptions and acknowledgements, controls, and a Mermaid diagram of the data flows. \`cdk synth\` of an app that
calls synthWithResidencyReport writes the same report into the assembly.

Options:
  --format markdown|json   output format (default markdown)
  --output FILE            write the report to FILE instead of stdout (whole or not at all)
  --max-file-mb N          refuse any file larger than N MiB (default 64); only regular files inside the
                           assembly are read, symlinks resolved
  --date YYYY-MM-DD        the day exemptions are judged against (default: today, UTC)
  -h, --help               show this help

Exit status: 0 report produced (findings are reported, not failed on: that is check's job); 2 usage, input or
output error.
`;

export const REPORT_FORMATS = ['markdown', 'json'] as const;

/** Parse `--date`: an ISO day that exists. */
export function parseReportDate(text: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new CliError(`--date must be a day as YYYY-MM-DD, got '${text}'`);
  }
  return d;
}

export const reportCommand: Subcommand = {
  name: 'report',
  summary: 'the reviewer residency report (markdown or json) of a cloud assembly',
  usage: USAGE,
  run(argv, io) {
    const { values, positionals } = parseCommandLine('report', argv, {
      format: { type: 'string', default: 'markdown' },
      output: { type: 'string' },
      'max-file-mb': { type: 'string' },
      date: { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new CliError(
        `report needs exactly one cloud assembly directory, got ${positionals.length} (see ca-residency report --help)`,
      );
    const format = oneOf('--format', values.format, REPORT_FORMATS);
    const limits = maxFileBytesArg(values['max-file-mb']);
    const evaluationDate = values.date !== undefined ? parseReportDate(values.date) : undefined;
    assertOutputWritable(values.output, io.cwd);
    const [assembly] = positionals;
    const dir = path.resolve(io.cwd, assembly);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new CliError(`${assembly}: not a directory; report reads a cloud assembly such as cdk.out`);
    }
    // The report's modules only now: `check` never loads them (whole-process time counts).
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { reportFromAssembly } = require('../report/assembly-report') as typeof AssemblyReport;
    const { renderReportJson } = require('../report/render-json') as typeof RenderJson;
    const { renderReportMarkdown } = require('../report/render-markdown') as typeof RenderMarkdown;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const report = reportFromAssembly(dir, { label: assembly, evaluationDate, limits });
    writeOutput(io, {
      output: values.output,
      format,
      summary: `${report.summary.dataStores} data store(s), ${report.summary.findings} finding(s)`,
      render: () => (format === 'json' ? renderReportJson(report) : renderReportMarkdown(report)),
    });
    return 0;
  },
};
