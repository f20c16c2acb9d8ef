import { spawnSync } from 'child_process';
import { dirname, join } from 'path';
import { readInputs, render, runCheck } from '../lib/check';
import { readAndParse } from './read-and-parse';
import { median, medianMs } from './stats';

/**
 * The bench files compileCli must compile beside the CLI (paths from the project root), so that the floor process and
 * the fresh in-process runner run from the compiled tree, where `../lib/check` is the JavaScript dist/ ships.
 */
export const COMPILED_BENCH_ENTRIES = [
  'bench/read-and-parse.ts',
  'bench/stats.ts',
  'bench/check-throughput.ts',
  'bench/check-throughput-process.ts',
];

/** A file of the compiled bench, beside the CLI compiled by compileCli (`…/bin/ca-residency.js`). */
function compiledBenchFile(cliJs: string, name: string): string {
  return join(dirname(dirname(cliJs)), 'bench', name);
}

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
export function checkThroughput(assemblyDir: string, size: number, runs: number): CheckThroughput {
  const resources = readAndParse(assemblyDir);
  const check = () => render(runCheck(readInputs([assemblyDir], undefined, process.cwd())), 'json', false, 'bench');
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

/**
 * `checkThroughput` in a fresh process running the library of a CLI compiled by compileCli (`…/bin/ca-residency.js`),
 * the JavaScript dist/ ships. A fresh process, because the bench's own heap (the apps of the pack runs) would make
 * each garbage collection dearer, and `check` allocates more than the floor it is compared with.
 */
export function checkThroughputInFreshProcess(
  cliJs: string,
  assemblyDir: string,
  size: number,
  runs: number,
): CheckThroughput {
  const runner = compiledBenchFile(cliJs, 'check-throughput-process.js');
  const r = spawnSync(process.execPath, [runner, assemblyDir, String(size), String(runs)], { encoding: 'utf-8' });
  if (r.status !== 0) throw new Error(`check throughput at ${size} resources exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as CheckThroughput;
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
export function checkProcessCost(cliJs: string, assemblyDir: string, runs: number): CheckProcessCost {
  const floorJs = compiledBenchFile(cliJs, 'read-and-parse.js');
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
