import { CliIo } from './io';

/** Facts about the tool a subcommand may print (SARIF's tool version). */
export interface CliContext {
  readonly toolVersion: string;
}

/**
 * One `ca-residency <name>` subcommand. `run` gets the arguments after the name; it returns the exit status and
 * throws CliError for bad input (the dispatcher prints it as one line, exit 2). `--help` is answered by the
 * dispatcher from `usage`. Keep heavy modules (the AWS SDK) behind a dynamic import inside `run`, so the other
 * subcommands never load them.
 */
export interface Subcommand {
  readonly name: string;
  /** One line for `ca-residency --help`. */
  readonly summary: string;
  /** The full text of `ca-residency <name> --help`, starting with `Usage: ca-residency <name>`. */
  readonly usage: string;
  readonly run: (argv: readonly string[], io: CliIo, context: CliContext) => number | Promise<number>;
}
