import * as fs from 'fs';
import * as path from 'path';
import { CheckInputError } from './input-error';
import { readLimits, ReadLimits } from './read-limits';

/** A directory that the paths read through it must stay inside (symlinks resolved), e.g. a cloud assembly. */
export interface Confinement {
  /** The real path of the directory. */
  readonly root: string;
  /** How the directory is named in messages. */
  readonly label: string;
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The real path of a directory given on the command line, to confine what is read through it. */
export function confinementOf(dir: string, label: string): Confinement {
  try {
    return { root: fs.realpathSync(dir), label };
  } catch (e) {
    throw new CheckInputError(`${label}: cannot read the directory (${reason(e)})`);
  }
}

/**
 * The real path of `file` (relative paths against `base`), refused unless it stays inside `within` — `..` and
 * symlinks that lead out of the assembly are an input error, never followed.
 */
export function resolveInside(within: Confinement, base: string, file: string, label: string): string {
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(base, file));
  } catch (e) {
    throw new CheckInputError(`${label}: cannot read the file (${reason(e)})`);
  }
  if (real !== within.root && !real.startsWith(within.root + path.sep)) {
    throw new CheckInputError(`${label}: '${file}' leads outside the cloud assembly ${within.label}; refused`);
  }
  return real;
}

/**
 * Read a text file from untrusted input: a regular file only (a FIFO would block forever, a device never ends), at
 * most `maxFileBytes`, valid UTF-8 (a byte-order mark is dropped). The file is opened without blocking and judged
 * on the opened descriptor, so what is read is what was checked.
 */
export function readTextFile(file: string, label: string, limits: ReadLimits = {}): string {
  const { maxFileBytes } = readLimits(limits);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new CheckInputError(`${label}: cannot read the file (${reason(e)})`);
  }
  let bytes: Buffer;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new CheckInputError(`${label}: ${kindOf(stat)}, not a regular file; refused`);
    const tooLarge = () => new CheckInputError(`${label}: larger than the ${maxFileBytes} byte limit; refused`);
    if (stat.size > maxFileBytes) throw tooLarge();
    // Read up to one byte past the limit: a file that grows, or reports size 0 (/proc), is still bounded.
    bytes = Buffer.allocUnsafe(Math.min(maxFileBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > maxFileBytes) throw tooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(maxFileBytes + 1, bytes.length * 2));
        bytes.copy(bigger, 0, 0, length);
        bytes = bigger;
      }
      const n = fs.readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxFileBytes) throw tooLarge();
    bytes = bytes.subarray(0, length);
  } catch (e) {
    if (e instanceof CheckInputError) throw e;
    throw new CheckInputError(`${label}: cannot read the file (${reason(e)})`);
  } finally {
    fs.closeSync(fd);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CheckInputError(`${label}: not valid UTF-8; refused`);
  }
}
