import { parseArgs } from 'node:util';
import { CliIo, usageError } from '../check/command';
import { CheckInputError } from '../check/input-error';
import { REPORT_FORMATS, ReportFormat, runReportCommand } from './command';

export const REPORT_USAGE = `Usage: ca-residency report <cdk.out> [options]

Builds the residency report of a synthesized cloud assembly (nested Stage assemblies included): stacks, every
data store with its key and key region, in-transit control, replication and backup coverage, findings,
exemptions and acknowledgements, controls, and a Mermaid diagram of the data flows. \`cdk synth\` of an app that
calls synthWithResidencyReport writes the same report into the assembly.

Options:
  --format markdown|json   output format (default markdown)
  --output FILE            write the report to FILE instead of stdout
  --date YYYY-MM-DD        the day exemptions are judged against (default: today, UTC)
  -h, --help               show this help

Exit status: 0 report produced (findings are reported, not failed on: that is check's job); 2 usage or input error.
`;

/** `ca-residency report ...` (argv after the command name). Returns the exit code; never throws for bad input. */
export function runReportCli(argv: readonly string[], io: CliIo): number {
  const fail = (message: string) => usageError(io, message);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'markdown' },
        output: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message} (see report --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(REPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) return fail(`report needs exactly one cloud assembly directory, got ${positionals.length} (see report --help)`);
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${values.format}'`);
  try {
    return runReportCommand({ assembly: positionals[0], format, output: values.output, date: values.date }, io);
  } catch (e) {
    if (e instanceof CheckInputError) return fail(e.message);
    return fail(`internal error: ${(e as Error).message}`);
  }
}
