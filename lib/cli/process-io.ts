import { usageError } from './cli-error';
import { run } from './dispatch';
import { CliIo } from './io';

/**
 * Run the CLI as this process: stdout and stderr of the process, and the exit status it resolves to. A failed write
 * to stdout (a closed pipe as in `| head -1`, a full disk as `>/dev/full`) is one line on stderr and exit 2, never a
 * Node stack trace, never success. A stdout closed before start (`>&-`) cannot be told apart: Node reopens it on
 * /dev/null exactly as it does for a parent's `stdio: 'ignore'`, so it reads as a discarded stdout.
 */
export function runAsProcess(argv: readonly string[]): void {
  let writeError: string | undefined;
  // Write errors are reported to the write callbacks; this listener keeps a late one from becoming a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    writeError ??= e.code ?? e.message;
  });
  const io: CliIo = {
    stdout: (s) => {
      if (writeError === undefined)
        process.stdout.write(
          s,
          (e) => (writeError ??= e ? ((e as NodeJS.ErrnoException).code ?? e.message) : undefined),
        );
    },
    stderr: (s) => process.stderr.write(s),
    colour: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
  void run(argv, io).then((code) => {
    // An empty write's callback runs once everything written before it is flushed (or failed).
    process.stdout.write('', (e) => {
      const failed = writeError ?? (e ? ((e as NodeJS.ErrnoException).code ?? e.message) : undefined);
      process.exitCode = failed === undefined ? code : usageError(io, `cannot write to standard output (${failed})`);
    });
  });
}
