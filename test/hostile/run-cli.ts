import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileCli } from '../../bench/compile-cli';

const ROOT = path.join(__dirname, '..', '..');
let entry: string | undefined;

/** The CLI compiled once per test process, bundled as dist/ ships it: node starts it in a tenth of tsx's time. */
function compiledEntry(): string {
  entry ??= compileCli(`hostile-${process.pid}`);
  return entry;
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** CPU time of the CLI process (user + system), from its own resource usage. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly wallMs: number;
  /** npm packages the process loaded. */
  readonly packages: readonly string[];
}

/** A fresh temporary directory for hostile inputs. */
export function hostileDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-hostile-'));
}

/** Remove this process's compiled CLI. */
export function removeCompiledCli(): void {
  if (entry) fs.rmSync(path.dirname(path.dirname(entry)), { recursive: true, force: true });
  entry = undefined;
}

/** The command line that runs the real CLI (compiled) with the usage probe preloaded. */
export function cliCommand(): string[] {
  return [process.execPath, '--require', path.join(__dirname, 'measure.cjs'), compiledEntry()];
}

/**
 * Run the real `ca-residency` process on `args` (in `cwd`), killed after `timeoutMs` of wall time (a hang is a
 * failure, not a stuck suite). `shellSuffix` wraps the command in bash, e.g. `| head -c 1` or `>/dev/full`.
 */
export function runCliProcess(
  args: string[],
  opts: { cwd?: string; shellSuffix?: string; timeoutMs?: number } = {},
): CliRun {
  const usageFile = path.join(hostileDir(), 'usage.json');
  const env = { ...process.env, HOSTILE_USAGE_FILE: usageFile, NO_COLOR: '1' };
  const start = Date.now();
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const r = opts.shellSuffix
    ? spawnSync(
        'bash',
        ['-c', `${[...cliCommand(), ...args].map(quote).join(' ')} ${opts.shellSuffix}; exit \${PIPESTATUS[0]}`],
        { cwd: opts.cwd ?? ROOT, env, encoding: 'utf-8', timeout: opts.timeoutMs ?? 60000, killSignal: 'SIGKILL' },
      )
    : spawnSync(cliCommand()[0], [...cliCommand().slice(1), ...args], {
        cwd: opts.cwd ?? ROOT,
        env,
        encoding: 'utf-8',
        timeout: opts.timeoutMs ?? 60000,
        killSignal: 'SIGKILL',
        maxBuffer: 256 * 1024 * 1024,
      });
  const wallMs = Date.now() - start;
  const usage = fs.existsSync(usageFile)
    ? (JSON.parse(fs.readFileSync(usageFile, 'utf-8')) as { cpuMs: number; maxRssMb: number; packages: string[] })
    : { cpuMs: NaN, maxRssMb: NaN, packages: [] };
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', wallMs, ...usage };
}
