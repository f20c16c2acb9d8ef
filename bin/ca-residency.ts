#!/usr/bin/env node
/**
 * `ca-residency check <path>...`: the CaResidency rules over CloudFormation templates (JSON or YAML) and cloud
 * assemblies (`cdk.out`). Argument parsing only; the work is in lib/check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { CheckInputError, CliIo, FORMATS, OutputFormat, runCheckCommand, usageError } from '../lib/check';
import { runVerify, VerifyIo } from '../lib/verify/command';
import { runReportCli } from '../lib/report/cli';

export const USAGE = `Usage: ca-residency check <path>... [options]

Runs the CaResidency rules (residency, region availability, encryption, key management) over CloudFormation
templates and cloud assemblies. Each <path> is a cloud assembly directory (e.g. cdk.out; nested Stage
assemblies included) or a template file in JSON or YAML. Options, exemptions and acknowledgements recorded
by the CanadianResidencyChecks pack in a synthesized assembly are honoured.

Options:
  --region R                    region of plain template files (required for them; never assumed)
  --allowed-regions a,b         allowed regions (Canadian only; default ca-central-1,ca-west-1)
  --exemptions FILE             JSON/YAML list of { ruleId, resource, reason, expires }
  --availability-overrides FILE JSON/YAML { "<region>": { "<resource type>": true|false } }
  --format text|json|sarif|markdown   output format (default text)
  --output FILE                 write the report to FILE instead of stdout
  -h, --help                    show this help

Exit status: 0 no error-severity finding; 1 at least one (error or fatal); 2 usage or input error.

See also: ca-residency verify --help (live checks of the deployed account's S3 buckets).
          ca-residency report --help (the reviewer residency report of a cdk.out).
`;

function toolVersion(): string {
  for (const p of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const v = JSON.parse(fs.readFileSync(p, 'utf-8')).version;
      if (typeof v === 'string') return v;
    } catch {
      // try the next location (dist/bin vs bin)
    }
  }
  return '0.0.0';
}

/** Run the CLI with `argv` (without node and script). Returns the exit code; never throws for bad input. */
export function main(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'report') return runReportCli(argv.slice(1), io);
  const fail = (message: string) => usageError(io, message);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        region: { type: 'string' },
        'allowed-regions': { type: 'string' },
        exemptions: { type: 'string' },
        'availability-overrides': { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) return fail('missing command; usage: ca-residency check <path>... (see --help)');
  if (command !== 'check') return fail(`unknown command '${command}'; the command is check (see --help)`);
  if (paths.length === 0) return fail('check needs at least one template file or cloud assembly directory (see --help)');
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) return fail(`--format must be one of ${FORMATS.join(', ')}, got '${values.format}'`);
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    return fail(`--region must be a region name such as ca-central-1, got '${values.region}'`);
  }
  const allowedRegions = values['allowed-regions']
    ?.split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  try {
    return runCheckCommand(
      {
        paths,
        region: values.region,
        allowedRegions,
        exemptionsFile: values.exemptions,
        availabilityOverridesFile: values['availability-overrides'],
        format,
        output: values.output,
      },
      io,
      toolVersion(),
    );
  } catch (e) {
    if (e instanceof CheckInputError) return fail(e.message);
    // A bug, not bad input: still one line, but say so.
    return fail(`internal error: ${(e as Error).message}`);
  }
}

/** The CLI entry: `verify` talks to AWS (asynchronous); everything else is `main`. */
export async function run(argv: readonly string[], io: VerifyIo): Promise<number> {
  if (argv[0] === 'verify') return runVerify(argv.slice(1), io, undefined, { toolVersion: toolVersion() });
  return main(argv, io);
}

if (require.main === module) {
  void run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    colour: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
