import { reportError, usageError } from './cli-error';
import { SUBCOMMANDS } from './commands';
import { CliIo } from './io';
import { Subcommand } from './subcommand';
import { toolVersion } from './tool-version';

function names(): string {
  return SUBCOMMANDS.map((c) => c.name).join(', ');
}

/** `ca-residency --help`: every subcommand with its summary, then each subcommand's full usage. */
export function overallUsage(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
  const lines = [
    'Usage: ca-residency <command> [options]',
    '',
    'Canadian data residency checks for AWS CDK apps and CloudFormation templates.',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options of every command:',
    '  -h, --help     show the help (of the command, after its name)',
    '  --version      print the version',
    '',
    'Exit status: 0 success; 1 a failing finding (check, verify), or data destroyed or a finding added (diff); 2 usage, input or output error.',
  ];
  return [lines.join('\n'), ...SUBCOMMANDS.map((c) => c.usage)].join('\n\n');
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Runs a subcommand, turning CliError (and any other error, as an internal error) into one line and exit 2. */
function invoke(command: Subcommand, argv: readonly string[], io: CliIo): number | Promise<number> {
  const fail = (e: unknown): number => reportError(io, e);
  try {
    const code = command.run(argv, io, { toolVersion: toolVersion() });
    return typeof code === 'number' ? code : code.catch(fail);
  } catch (e) {
    return fail(e);
  }
}

/** Finds the subcommand of `argv` and runs it; `--help`, `--version` and bad commands are answered here. */
export function dispatch(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined)
    return usageError(io, `missing command; the commands are ${names()} (see ca-residency --help)`);
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${overallUsage()}`);
    return 0;
  }
  if (name === '--version') {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const command = SUBCOMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? `the command comes first, got '${name}'` : `unknown command '${name}'`;
    return usageError(io, `${what}; the commands are ${names()} (see ca-residency --help)`);
  }
  if (wantsHelp(rest)) {
    io.stdout(command.usage);
    return 0;
  }
  return invoke(command, rest, io);
}

/** The CLI with `argv` (without node and script). Resolves to the exit status; never rejects for bad input. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  return dispatch(argv, io);
}

/**
 * The synchronous subcommands (all but verify) in-process, for tests and embedding: the exit status, never a throw
 * for bad input. An asynchronous subcommand must go through `run`.
 */
export function main(argv: readonly string[], io: CliIo): number {
  const code = dispatch(argv, io);
  if (typeof code !== 'number') throw new Error(`ca-residency ${argv[0]} is asynchronous: call run(), not main()`);
  return code;
}
