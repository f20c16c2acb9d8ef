import { parseArgs } from 'node:util';
import { CliIo, usageError } from '../check/command';
import { CheckInputError } from '../check/input-error';
import { DIFF_FORMATS, DiffFormat, runDiffCommand } from './command';

export const DIFF_USAGE = `Usage: ca-residency diff <base cdk.out> <head cdk.out> [options]

Compares two synthesized cloud assemblies stack by stack (stacks matched by name and environment) and says what
the change does to data: data stores added, removed, or moved to another region, key (and key region), in-transit
control, replication target or backup coverage; findings, exemptions and acknowledgements added and removed; and
every resource the change would replace, destroy or may replace (judged as \`cdk diff\` judges it, from the
CloudFormation specification), saying whether it holds data.

Options:
  --format text|json|markdown   output format (default text)
  --output FILE                 write the diff to FILE instead of stdout
  --allow-destructive           do not fail on data-holding resources replaced or destroyed (a reviewed migration)
  --date YYYY-MM-DD             the day exemptions are judged against, on both sides (default: today, UTC)
  -h, --help                    show this help

Exit status: 0 passes; 1 a data-holding resource would be replaced, destroyed or may be replaced (unless
--allow-destructive), or a finding of severity error or fatal is added; 2 usage or input error.
`;

/** `ca-residency diff ...` (argv after the command name). Returns the exit code; never throws for bad input. */
export function runDiffCli(argv: readonly string[], io: CliIo): number {
  const fail = (message: string) => usageError(io, message);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'allow-destructive': { type: 'boolean', default: false },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message} (see diff --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DIFF_USAGE);
    return 0;
  }
  if (positionals.length !== 2) return fail(`diff needs two cloud assembly directories (base, then head), got ${positionals.length} (see diff --help)`);
  const format = values.format as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) return fail(`--format must be one of ${DIFF_FORMATS.join(', ')}, got '${values.format}'`);
  try {
    const [base, head] = positionals;
    return runDiffCommand({ base, head, format, output: values.output, allowDestructive: values['allow-destructive'] === true, date: values.date }, io);
  } catch (e) {
    if (e instanceof CheckInputError) return fail(e.message);
    return fail(`internal error: ${(e as Error).message}`);
  }
}
