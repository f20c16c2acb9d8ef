/**
 * The subcommands of `ca-residency`, in the order `--help` lists them.
 *
 * To add a subcommand: write `lib/cli/<name>.ts` exporting a `Subcommand` (name, one-line summary, usage text, and
 * `run(argv, io, context)` that parses with `parseCommandLine`, validates every argument (including
 * `assertOutputWritable`) before doing any work, prints through `writeOutput`, throws `CliError` for bad input and
 * returns the exit status), then add it to the table below. That is the whole change: dispatch, `--help`,
 * `<name> --help`, the list of known commands in errors and the one-line error handling come from the table.
 * Load heavy dependencies with `await import(...)` inside `run`, so other subcommands stay fast.
 */
import { checkCommand } from './check';
import { diffCommand } from './diff';
import { policyCommand } from './policy';
import { reportCommand } from './report';
import { Subcommand } from './subcommand';
import { verifyCommand } from './verify';

export const SUBCOMMANDS: readonly Subcommand[] = [
  checkCommand,
  reportCommand,
  verifyCommand,
  diffCommand,
  policyCommand,
];
