import * as fs from 'fs';
import * as path from 'path';
import { CliError } from './cli-error';
import { CliIo } from './io';

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Fail before any work (or any network call) when `--output` cannot be written: its directory must exist and be
 * writable, and the path must not be a directory.
 */
export function assertOutputWritable(output: string | undefined, cwd: string): void {
  if (output === undefined) return;
  if (output === '') throw new CliError('--output needs a file name');
  const target = path.resolve(cwd, output);
  try {
    fs.accessSync(path.dirname(target), fs.constants.W_OK);
  } catch (e) {
    throw new CliError(`${output}: cannot write the output file (its directory: ${reason(e)})`);
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    // does not exist yet: fine
  }
  if (stat?.isDirectory()) throw new CliError(`${output}: cannot write the output file (it is a directory)`);
}

/**
 * Write `text` to `target` whole or not at all: a temporary file with an unpredictable name in the same directory,
 * created exclusively (`wx`: a planted file or symlink makes it fail instead of being followed), then renamed over
 * the target. On any failure the temporary file is removed and the target is untouched.
 */
export function writeFileAtomic(target: string, text: string): void {
  // crypto is loaded here, not at the top: most runs write to stdout, and loading it costs more than a check of a
  // small template.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('crypto') as typeof import('crypto');
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o644);
    created = true;
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    if (created) fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** What a subcommand produced: rendered for a terminal or for a file, and the one-line note when written to a file. */
export interface CommandOutput {
  /** `--output FILE`, relative to the working directory; stdout when absent. */
  readonly output?: string;
  /** The document; `colour` is true only for a colour terminal. */
  readonly render: (colour: boolean) => string;
  readonly format: string;
  /** What the document holds, for the stderr line after writing to a file (`3 finding(s)`). */
  readonly summary: string;
}

/** The one output path of every subcommand: stdout, or `--output` written atomically (CliError when it cannot be). */
export function writeOutput(io: CliIo, out: CommandOutput): void {
  if (out.output === undefined) {
    io.stdout(out.render(io.colour));
    return;
  }
  try {
    writeFileAtomic(path.resolve(io.cwd, out.output), out.render(false));
  } catch (e) {
    throw new CliError(`${out.output}: cannot write the output file (${reason(e)})`);
  }
  io.stderr(`${out.summary}; ${out.format} report written to ${out.output}\n`);
}
