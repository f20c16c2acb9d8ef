import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { CanadianResidencyChecks } from '../../lib/nag';
import { synthWithResidencyReport } from '../../lib/report/synth-with-report';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { cdkJsonContext } from './cdk-app';

/** Names the per-run folder of the shared assembly; set by test/support/global-setup.js. */
const SHARED_ASSEMBLY_ENV = 'CA_RESIDENCY_TEST_SHARED_DIR';

/** The day docs/sample-report.md was generated for (`report cdk.out --date …`). */
export const SAMPLE_DATE = '2026-11-28';

/**
 * Synthesize the reference app in-process as bin/app.ts does (same packs, report written after synth), with
 * the context the CDK CLI adds (construct path metadata), into `outdir` (a new temporary folder by default).
 */
export function synthReferenceApp(
  evaluationDate: Date = new Date(`${SAMPLE_DATE}T00:00:00Z`),
  outdir?: string,
): string {
  const dir = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-report-'));
  const app = new App({
    outdir: dir,
    builtinCloudFormationValidation: false,
    context: { ...cdkJsonContext(), 'aws:cdk:enable-path-metadata': true },
  });
  buildResidencyStacks(app, DEFAULT_CONFIG);
  Validations.of(app).addPlugins(
    new CanadianResidencyChecks(app),
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
  );
  synthWithResidencyReport(app, { evaluationDate });
  return dir;
}

let memo: string | undefined;

/**
 * The reference app's cloud assembly (bin/app.ts's packs and report, dated SAMPLE_DATE), synthesized once per jest
 * run and shared by every test file that only reads it: the suite's time does not grow with each such file.
 * The first worker to ask synthesizes under a lock file; the others wait for its `done` marker. Read only.
 */
export function referenceAssemblyDir(): string {
  if (memo) return memo;
  // Outside a jest run with the global setup (a single file run by another tool), a private folder per process.
  const root = process.env[SHARED_ASSEMBLY_ENV] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-shared-'));
  const dir = path.join(root, 'reference-app');
  const done = path.join(root, 'reference-app.done');
  const lock = path.join(root, 'reference-app.lock');
  if (!fs.existsSync(done)) {
    let owner = false;
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      owner = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (owner) {
      synthReferenceApp(undefined, dir);
      fs.writeFileSync(done, '');
    } else {
      waitFor(done, lock);
    }
  }
  memo = dir;
  return dir;
}

/** Blocks (without spinning the CPU) until another worker has written `done`. */
function waitFor(done: string, lock: string, timeoutMs = 10 * 60 * 1000): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline)
      throw new Error(`the shared reference assembly was not written within ${timeoutMs} ms (lock ${lock})`);
    Atomics.wait(sleeper, 0, 0, 200);
  }
}

/** The shared reference assembly, parsed. */
export function referenceAssembly(): CloudAssembly {
  return new CloudAssembly(referenceAssemblyDir());
}
