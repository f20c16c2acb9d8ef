import * as fs from 'fs';
import * as path from 'path';
import { DIFF_FORMATS } from '../diff/model';
import { oneOf, parseCommandLine } from './args';
import { CliError } from './cli-error';
import { assertOutputWritable, writeOutput } from './output';
import { parseReportDate } from './report';
import { Subcommand } from './subcommand';

const USAGE = `Usage: ca-residency diff <base cdk.out> <head cdk.out> [options]

Compares two synthesized cloud assemblies stack by stack (stacks matched by name and environment) and says what
the change does to data: data stores added, removed, or changed in region, key (and key region), in-transit
control, replication target or backup coverage; findings, exemptions and acknowledgements added and removed; and
every resource the change would replace, destroy or may replace (judged as \`cdk diff\` judges it, from the
CloudFormation specification), saying whether it holds data.

Options:
  --format text|json|markdown   output format (default text)
  --output FILE                 write the diff to FILE instead of stdout (whole or not at all)
  --allow-destructive           do not fail on data-holding resources replaced or destroyed (a reviewed migration)
  --date YYYY-MM-DD             the day exemptions are judged against, on both sides (default: today, UTC)
  -h, --help                    show this help

Exit status: 0 passes; 1 a data-holding resource would be replaced, destroyed or may be replaced (unless
--allow-destructive), or a finding of severity error or fatal is added; 2 usage, input or output error.
`;

/** Both arguments must be directories: a cloud assembly is what `cdk synth` writes. */
function assemblyDir(arg: string, cwd: string): string {
  const dir = path.resolve(cwd, arg);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(`${arg}: not a directory; diff compares two cloud assemblies such as cdk.out`);
  }
  return dir;
}

export const diffCommand: Subcommand = {
  name: 'diff',
  summary: 'what a change between two cloud assemblies does to data (exit 1 on destroyed data or a new finding)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine('diff', argv, {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'allow-destructive': { type: 'boolean', default: false },
      date: { type: 'string' },
    });
    if (positionals.length !== 2) {
      throw new CliError(
        `diff needs two cloud assembly directories (base, then head), got ${positionals.length} (see ca-residency diff --help)`,
      );
    }
    const format = oneOf('--format', values.format, DIFF_FORMATS);
    const evaluationDate = values.date !== undefined ? parseReportDate(values.date) : undefined;
    assertOutputWritable(values.output, io.cwd);
    const [base, head] = positionals;
    const baseDir = assemblyDir(base, io.cwd);
    const headDir = assemblyDir(head, io.cwd);
    // Only diff needs cloudformation-diff and the CloudFormation specification: loaded here, never by other commands.
    const [{ diffAssemblies }, { diffVerdict }, { renderDiff }] = await Promise.all([
      import('../diff/diff-assemblies'),
      import('../diff/verdict'),
      import('../diff/render'),
    ]);
    const diff = diffAssemblies(baseDir, headDir, { evaluationDate, baseLabel: base, headLabel: head });
    const verdict = diffVerdict(diff, values['allow-destructive'] === true);
    writeOutput(io, {
      output: values.output,
      format,
      summary: `${diff.summary.destructive} destructive change(s), ${diff.summary.findingsAdded} finding(s) added`,
      render: () => renderDiff(diff, verdict, format),
    });
    return verdict.code;
  },
};
