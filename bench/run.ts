#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: times the CaResidency pack against cdk-nag's packs on generated apps,
 * `check` against the read-and-parse floor, and the reference app's synth against a one-bucket app.
 * Every figure is a median of several runs; every comparison is a ratio measured in this same run.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { CanadianResidencyChecks } from '../lib/nag';
import { buildResidencyStacks } from '../lib/stacks/residency-app';
import { cdkJsonContext } from '../test/support/cdk-app';
import {
  checkProcessCost,
  CheckThroughput,
  checkThroughputInFreshProcess,
  COMPILED_BENCH_ENTRIES,
} from './check-throughput';
import { compileCli } from './compile-cli';
import { buildGeneratedApp } from './generated-app';
import { median, medianMs, round } from './stats';
import { validationContext } from './validation-context';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [100] : [100, 1000, 10000];
const RUNS = quick ? 1 : 5;
const SYNTH_RUNS = quick ? 1 : 3;
const root = join(__dirname, '..');

interface PackCost {
  size: number;
  resources: number;
  stacks: number;
  synthMs: number;
  caResidencyMs: number;
  hipaaMs: number;
  awsSolutionsMs: number;
}

function countResources(app: App): { resources: number; stacks: number } {
  const assembly = app.synth();
  const resources = assembly.stacks.reduce((sum, s) => sum + Object.keys(s.template.Resources ?? {}).length, 0);
  return { resources, stacks: assembly.stacks.length };
}

/** Synth time of a generated app without any pack (built-in validation off: we time CDK, not the validator). */
function packCost(size: number, outdir: string): PackCost {
  const synthSamples: number[] = [];
  for (let i = 0; i < SYNTH_RUNS; i++) {
    const app = buildGeneratedApp(
      size,
      new App({ outdir: join(outdir, `synth-${size}-${i}`), builtinCloudFormationValidation: false }),
    );
    const start = process.hrtime.bigint();
    app.synth();
    synthSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const app = buildGeneratedApp(
    size,
    new App({ outdir: join(outdir, `cdk.out-${size}`), builtinCloudFormationValidation: false }),
  );
  const assembly = app.synth();
  const context = validationContext(app, assembly);
  const time = (make: () => IPolicyValidationPlugin) =>
    medianMs(RUNS, () => make().validate(context), { warmup: quick ? 0 : 2 });
  return {
    size,
    ...countResources(app),
    synthMs: median(synthSamples),
    caResidencyMs: time(() => new CanadianResidencyChecks()),
    hipaaMs: time(() => new HIPAASecurityChecks()),
    awsSolutionsMs: time(() => new AwsSolutionsChecks()),
  };
}

interface ReferenceSynth {
  referenceAppMs: number;
  oneBucketAppMs: number;
  packOnReferenceMs: number;
  referenceInProcessSynthMs: number;
}

/** Wall time of the README's synth command, and the same toolchain on a one-bucket app. */
function referenceSynth(outdir: string): ReferenceSynth | undefined {
  if (quick) return undefined;
  const cdk = (args: string[]) =>
    medianMs(SYNTH_RUNS, () => {
      const result = spawnSync(
        'npx',
        ['cdk', 'synth', '--quiet', '-o', join(outdir, `ref-${Math.random()}`), ...args],
        { cwd: root, encoding: 'utf8' },
      );
      if (result.status !== 0)
        throw new Error(`cdk synth ${args.join(' ')} failed: ${result.stderr.split('\n').slice(-5).join(' ')}`);
    });
  const referenceAppMs = cdk([]);
  const oneBucketAppMs = cdk(['-a', 'npx tsx bench/one-bucket-app.ts']);

  // The pack's share of the reference synth: the in-process synth (as `cdk synth` runs it) vs the pack alone.
  const app = new App({ context: cdkJsonContext(), outdir: join(outdir, 'ref-inprocess') });
  buildResidencyStacks(app, DEFAULT_CONFIG);
  const start = process.hrtime.bigint();
  const assembly = app.synth();
  const referenceInProcessSynthMs = Number(process.hrtime.bigint() - start) / 1e6;
  const context = validationContext(app, assembly);
  const packOnReferenceMs = medianMs(RUNS, () => new CanadianResidencyChecks().validate(context), { warmup: 3 });
  return { referenceAppMs, oneBucketAppMs, packOnReferenceMs, referenceInProcessSynthMs };
}

function main(): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cacr-bench-'));
  const started = Date.now();
  try {
    const packs = SIZES.map((size) => packCost(size, outdir));
    // The CLI compiled file by file as `npm run build` writes dist/ (TypeScript's emitter): in-process `check` calls
    // its library, and the whole-process figure runs it as CI does.
    const cliJs = compileCli(`bench-${process.pid}`, COMPILED_BENCH_ENTRIES);
    // More runs for check: its figures are tens of milliseconds, where one garbage collection shows.
    const checks: CheckThroughput[] = SIZES.map((size) =>
      checkThroughputInFreshProcess(cliJs, join(outdir, `cdk.out-${size}`), size, quick ? 1 : 3 * RUNS),
    );
    const largest = SIZES[SIZES.length - 1];
    const checkProcess = checkProcessCost(cliJs, join(outdir, `cdk.out-${largest}`), quick ? 1 : 3 * RUNS);
    rmSync(dirname(dirname(cliJs)), { recursive: true, force: true });
    const reference = referenceSynth(outdir);
    const bySize = (size: number) => packs.find((p) => p.size === size);
    const perResource = (p?: PackCost) => (p ? p.caResidencyMs / p.resources : undefined);
    const scaling =
      bySize(10000) && bySize(1000) ? perResource(bySize(10000))! / perResource(bySize(1000))! : undefined;

    const results = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        node: process.version,
      },
      mode: quick ? 'quick' : 'full',
      runsPerFigure: RUNS,
      packCost: packs.map((p) => ({
        ...p,
        caResidencyVsHipaa: round(p.caResidencyMs / p.hipaaMs),
        caResidencyVsAwsSolutions: round(p.caResidencyMs / p.awsSolutionsMs),
        caResidencyVsSynth: round(p.caResidencyMs / p.synthMs),
      })),
      check: checks.map((c) => ({ ...c, checkVsFloor: round(c.checkMs / c.floorMs) })),
      checkProcess: { ...checkProcess, checkVsFloor: round(checkProcess.checkProcessMs / checkProcess.floorProcessMs) },
      referenceSynth: reference && {
        ...reference,
        referenceVsOneBucket: round(reference.referenceAppMs / reference.oneBucketAppMs),
        packShareOfSynth: round(reference.packOnReferenceMs / reference.referenceInProcessSynthMs, 4),
      },
      scaling: scaling === undefined ? undefined : { perResource10kVs1k: round(scaling) },
      totalSeconds: round((Date.now() - started) / 1000, 1),
    };
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function printTable(results: any): void {
  const ms = (v: number) => `${round(v, 1)} ms`;
  console.log(
    `\ncdk-ca-residency benchmarks (${results.mode}, median of ${results.runsPerFigure}; ${results.machine.cpus} CPUs, ${results.machine.node})\n`,
  );
  console.log('1. Pack cost (validation of an already synthesized app)');
  console.log(
    '| resources | stacks | synth (no pack) | CaResidency | HIPAASecurity | AwsSolutions | CaR / HIPAA | CaR / AwsSol | CaR / synth |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const p of results.packCost) {
    console.log(
      `| ${p.resources} | ${p.stacks} | ${ms(p.synthMs)} | ${ms(p.caResidencyMs)} | ${ms(p.hipaaMs)} | ${ms(p.awsSolutionsMs)} | ${p.caResidencyVsHipaa} | ${p.caResidencyVsAwsSolutions} | ${p.caResidencyVsSynth} |`,
    );
  }
  console.log('\n2. `check` throughput on the synthesized cdk.out');
  console.log('| resources | check | read + JSON.parse floor | check / floor | resources per second |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const c of results.check)
    console.log(
      `| ${c.resources} | ${ms(c.checkMs)} | ${ms(c.floorMs)} | ${c.checkVsFloor} | ${Math.round(c.resourcesPerSecond)} |`,
    );
  const cp = results.checkProcess;
  console.log(
    `\n2b. \`check\` as a whole process on ${cp.resources} resources: ${ms(cp.checkProcessMs)} vs a read + JSON.parse process ${ms(cp.floorProcessMs)}: ratio ${cp.checkVsFloor}`,
  );
  console.log('\n3. Reference app synth (README command, wall time)');
  if (results.referenceSynth) {
    const r = results.referenceSynth;
    console.log(
      `reference app ${ms(r.referenceAppMs)} vs one-bucket app ${ms(r.oneBucketAppMs)}: ratio ${r.referenceVsOneBucket}`,
    );
    console.log(
      `CaResidency on the reference app ${ms(r.packOnReferenceMs)} = ${round(r.packShareOfSynth * 100, 2)}% of its in-process synth (${ms(r.referenceInProcessSynthMs)})`,
    );
  } else {
    console.log('skipped in --quick mode');
  }
  console.log('\n4. Scaling');
  console.log(
    results.scaling
      ? `CaResidency time per resource at 10,000 vs at 1,000: ${results.scaling.perResource10kVs1k}`
      : 'needs the 1,000 and 10,000 sizes (full mode)',
  );
  console.log(`\ntotal ${results.totalSeconds} s; results in bench/results.json`);
}

main();
