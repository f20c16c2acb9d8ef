import * as fs from 'fs';
import { usageError } from './cli-error';
import { run } from './dispatch';
import { CliIo } from './io';

/**
 * Node reopens a closed stdout on /dev/null before any of our code runs, so a run with stdout closed would "succeed"
 * having written nothing. Node opens it read-write, a shell redirection (`>/dev/null`) write-only: on Linux that
 * difference, visible in /proc, tells the two apart. Elsewhere a closed stdout cannot be detected.
 */
function stdoutWasClosed(): boolean {
  try {
    if (fs.readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*(\d+)$/m.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf-8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2; // O_ACCMODE === O_RDWR
  } catch {
    return false;
  }
}

/**
 * Run the CLI as this process: stdout and stderr of the process, and the exit status it resolves to. A failed write
 * to stdout (a closed pipe as in `| head -1`, a full disk as `>/dev/full`, a closed stdout) is one line on stderr
 * and exit 2, never a Node stack trace, never success.
 */
export function runAsProcess(argv: readonly string[]): void {
  const closed = stdoutWasClosed();
  let writeError: string | undefined;
  // Write errors are reported to the write callbacks; this listener keeps a late one from becoming a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    writeError ??= e.code ?? e.message;
  });
  const io: CliIo = {
    stdout: (s) => {
      if (closed) writeError ??= 'EBADF';
      else if (writeError === undefined) process.stdout.write(s, (e) => (writeError ??= e ? ((e as NodeJS.ErrnoException).code ?? e.message) : undefined));
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
