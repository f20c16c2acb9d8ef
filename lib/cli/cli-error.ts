/**
 * A problem with what the user gave the CLI (an argument, a file, an assembly, the output): every subcommand
 * reports it the same way, one line on stderr and exit status 2, never a stack trace. Subcommands throw it (or a
 * subclass such as CheckInputError) from anywhere; the dispatcher catches it.
 */
export class CliError extends Error {
  constructor(message: string) {
    // One line, whatever the underlying parser or system call said.
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.name = 'CliError';
  }
}

/** Exit status of a usage, input or output error. */
export const USAGE_EXIT_CODE = 2;

/** Print a usage/input/output error the way every subcommand does: `ca-residency: <message>` on one line. */
export function usageError(io: { readonly stderr: (s: string) => void }, message: string): 2 {
  io.stderr(`ca-residency: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return USAGE_EXIT_CODE;
}

/** Any error out of a subcommand as one line and exit 2; one that is not a CliError is a bug and says so. */
export function reportError(io: { readonly stderr: (s: string) => void }, e: unknown): 2 {
  return usageError(io, e instanceof CliError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`);
}
