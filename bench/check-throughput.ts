import { spawnSync } from 'child_process';
import { dirname, join } from 'path';
import * as sourceCheck from '../lib/check';
import { readAndParse } from './read-and-parse';

/** What the in-process figure calls: the check library's reading, evaluation and rendering. */
export type CheckLibrary = Pick<typeof sourceCheck, 'readInputs' | 'render' | 'runCheck'>;

/**
 * The check library of a CLI compiled by compileCli (`…/bin/ca-residency.js`): the JavaScript dist/ ships, rather
 * than the sources as the bench's own loader transpiles them (which reads every import through a getter).
 */
export function compiledCheckLibrary(cliJs: string): CheckLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(dirname(dirname(cliJs)), 'lib', 'check', 'index.js')) as CheckLibrary;
}
import { median, medianMs } from './stats';

export interface CheckThroughput {
  size: number;
  resources: number;
  checkMs: number;
  floorMs: number;
  resourcesPerSecond: number;
}

/**
 * `check` end to end as the CLI runs it (read the assembly, evaluate, render JSON) against the floor. The two are
 * timed alternately, run after run, so that a busy moment of the machine weighs on both alike.
 */
export function checkThroughput(
  assemblyDir: string,
  size: number,
  runs: number,
  lib: CheckLibrary = sourceCheck,
): CheckThroughput {
  const resources = readAndParse(assemblyDir);
  const check = () =>
    lib.render(lib.runCheck(lib.readInputs([assemblyDir], undefined, process.cwd())), 'json', false, 'bench');
  for (let i = 0; i < 3; i++) {
    readAndParse(assemblyDir);
    check();
  }
  const floorSamples: number[] = [];
  const checkSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorSamples.push(medianMs(1, () => readAndParse(assemblyDir)));
    checkSamples.push(medianMs(1, check));
  }
  const checkMs = median(checkSamples);
  return { size, resources, checkMs, floorMs: median(floorSamples), resourcesPerSecond: resources / (checkMs / 1000) };
}

export interface CheckProcessCost {
  resources: number;
  checkProcessMs: number;
  floorProcessMs: number;
}

function processMs(args: string[]): number {
  const start = process.hrtime.bigint();
  // stdout to /dev/null for both: the report is rendered and written, not collected.
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf-8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/**
 * `check` as CI runs it, a whole process (`node dist/bin/ca-residency.js check <cdk.out> --format json`: start-up,
 * module loading, reading, evaluating, rendering, writing), against a process that only reads and JSON.parses the
 * same templates. Alternate runs, medians.
 */
export function checkProcessCost(cliJs: string, floorJs: string, assemblyDir: string, runs: number): CheckProcessCost {
  const check = () => processMs([cliJs, 'check', assemblyDir, '--format', 'json']);
  const floor = () => processMs([floorJs, assemblyDir]);
  check();
  floor();
  const checkSamples: number[] = [];
  const floorSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorSamples.push(floor());
    checkSamples.push(check());
  }
  return {
    resources: readAndParse(assemblyDir),
    checkProcessMs: median(checkSamples),
    floorProcessMs: median(floorSamples),
  };
}
