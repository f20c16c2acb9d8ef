import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { readCloudAssembly, runCheck } from '../../lib/check';
import { resolveEnvironments } from '../../lib/config/load';
import { CanadianResidencyChecks } from '../../lib/nag';
import { failedValidations } from '../../lib/nag/validation-failures';
import { synthWithResidencyReport } from '../../lib/report/synth-with-report';
import { buildResidencyStages } from '../../lib/stacks/residency-stage';
import { cdkJsonContext } from '../support/cdk-app';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'three-environments.json');

// Synthesized once for this file, as bin/app.ts does for a configuration with `environments` (schema validator off).
const outdir = mkdtempSync(join(tmpdir(), 'cacr-stages-'));
const { configs } = resolveEnvironments({ caResidencyConfigFile: EXAMPLE });
const app = new App({ outdir, builtinCloudFormationValidation: false, context: cdkJsonContext() });
const stages = buildResidencyStages(app, configs);
const residency = new CanadianResidencyChecks(app, {
  printSummary: false,
  declaredDestinations: configs.flatMap((c) => c.declaredDestinations ?? []),
});
Validations.of(app).addPlugins(residency, new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
// Under jest a failing pack makes this throw: reaching the tests means every pack passed on every stage.
synthWithResidencyReport(app);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('one stage per environment, each with its recovery and primary stacks in its own account and Canadian regions', () => {
  const stacks = stages.flatMap((stage) => [stage.stacks.recovery!, stage.stacks.primary]);
  expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
    ['clinic-dev-recovery', '111111111111', 'ca-west-1'],
    ['clinic-dev-primary', '111111111111', 'ca-central-1'],
    ['clinic-staging-recovery', '222222222222', 'ca-west-1'],
    ['clinic-staging-primary', '222222222222', 'ca-central-1'],
    ['clinic-prod-recovery', '333333333333', 'ca-west-1'],
    ['clinic-prod-primary', '333333333333', 'ca-central-1'],
  ]);
  // The recovery stack deploys first in every environment (the primary addresses it by name).
  for (const stage of stages) expect(stage.stacks.primary.dependencies).toContain(stage.stacks.recovery);
  // An environment's overrides reach its stacks only (dev turns termination protection off).
  expect(stages.map((stage) => stage.stacks.primary.terminationProtection)).toEqual([false, true, true]);
});

test('every pack passed on every nested stage, and the validation report records no failure', () => {
  expect(residency.lastSynthResult?.findings).toEqual([]);
  expect(failedValidations(outdir)).toEqual([]);
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  expect(report.pluginReports.map((p: { pluginName: string }) => p.pluginName)).toEqual(
    expect.arrayContaining(['AwsSolutions', 'HIPAA.Security']),
  );
});

test('`check` on the cloud assembly reads the nested stage assemblies and finds what the pack found: nothing', () => {
  const templates = readCloudAssembly(outdir);
  expect(templates.map((t) => `${t.stackName}@${t.account}/${t.region}`).sort()).toEqual([
    'clinic-dev-primary@111111111111/ca-central-1',
    'clinic-dev-recovery@111111111111/ca-west-1',
    'clinic-prod-primary@333333333333/ca-central-1',
    'clinic-prod-recovery@333333333333/ca-west-1',
    'clinic-staging-primary@222222222222/ca-central-1',
    'clinic-staging-recovery@222222222222/ca-west-1',
  ]);
  expect(runCheck(templates).findings).toEqual([]);
});

test('the residency report covers the stacks of every stage', () => {
  const markdown = readFileSync(join(outdir, 'residency-report.md'), 'utf8');
  for (const env of ['dev', 'staging', 'prod']) {
    expect(markdown).toContain(`\`clinic-${env}-primary\` | ca-central-1`);
    expect(markdown).toContain(`\`clinic-${env}-recovery\` | ca-west-1`);
  }
});

describe('a finding inside a stage', () => {
  /** An app with the packs on the app and a non-Canadian bucket two levels down, inside a Stage. */
  function appWithForeignBucketInStage(context: Record<string, unknown> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'cacr-stage-finding-'));
    const bad = new App({
      outdir: dir,
      builtinCloudFormationValidation: false,
      context: { ...cdkJsonContext(), ...context },
    });
    const stage = new Stage(bad, 'clinic', { env: { account: '111111111111', region: 'ca-central-1' } });
    const stack = new Stack(stage, 'Data', { env: { account: '111111111111', region: 'us-east-1' } });
    new s3.Bucket(stack, 'Records', { encryption: s3.BucketEncryption.KMS });
    Validations.of(bad).addPlugins(new CanadianResidencyChecks(bad, { printSummary: false }));
    return { bad, dir };
  }

  test('fails synth when CDK handles the report (the app on its own, and jest)', () => {
    const { bad, dir } = appWithForeignBucketInStage();
    try {
      expect(() => bad.synth()).toThrow(/us-east-1'?, which is not an allowed region[\s\S]*CaResidency-StackRegion/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('is caught by failedValidations when the CDK CLI handles the report (the CLI would skip stacks in stages)', () => {
    // What the CLI sets for every synth: the app must not fail, the CLI judges the selected stacks' findings.
    const { bad, dir } = appWithForeignBucketInStage({ '@aws-cdk/core:failSynthOnValidationErrors': false });
    try {
      const assembly = bad.synth();
      const failures = failedValidations(assembly.directory);
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.join('\n')).toMatch(/^CaResidency CaResidency-StackRegion: clinic\/Data: .*'us-east-1'/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
