import * as path from 'path';
import { Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CENTRAL, WEST } from '../rules/support';
import { addMixedFindings } from '../support/mixed-findings-app';
import { referenceAssemblyDir } from '../support/reference-assembly';
import { cliKeys, packKeys, packReport, REAL, runCli, tmpApp } from './support';

// The pack (at synth) and the CLI (over what synth wrote, or over the raw template) must report the same findings.

/** Synthesizes an app that must fail, returning the error message ('' when synth passed). */
function synthFailure(app: { synth(): unknown }): string {
  try {
    app.synth();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('the reference app', () => {
  // The run's shared synthesis, composed as bin/app.ts composes it (its packs, the project's cdk.json flags).
  const outdir = referenceAssemblyDir();

  test('check cdk.out agrees with the pack: same findings and exit code', () => {
    const r = runCli(['check', outdir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(cliKeys(r.stdout)).toEqual(packKeys(outdir));
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.templates).toBe(2);
    expect(doc.summary.resources).toBeGreaterThan(50);
    expect(r.code).toBe(packReport(outdir).violations.some((v) => v.severity !== 'info') ? 1 : 0);
  });
});

describe('an app with findings, an exemption and an acknowledgement', () => {
  const app = addMixedFindings(tmpApp());
  let synthError = '';
  beforeAll(() => (synthError = synthFailure(app)));

  test('synth fails on the CaResidency findings', () => expect(synthError).toMatch(/CaResidency/));

  test('check cdk.out reports exactly the pack findings and honours the recorded exemption and acknowledgement', () => {
    const r = runCli(['check', app.outdir, '--format', 'json']);
    expect(r.code).toBe(1);
    const keys = cliKeys(r.stdout);
    expect(keys).toEqual(packKeys(app.outdir));
    expect(keys).toHaveLength(7);
    expect(keys.some((k) => k.includes('Accelerator'))).toBe(false); // exempted on both sides
    expect(keys.some((k) => / Build[A-F0-9]{8} Type /.test(k))).toBe(false); // acknowledged on both sides
    const text = runCli(['check', app.outdir]).stdout;
    expect(text).toMatch(/EXEMPT +CaResidency-GlobalService +Tools\/Accelerator/);
    expect(text).toContain(`ACKED   CaResidency-RegionAvailability`);
  });
});

describe('a Stage-nested assembly', () => {
  const app = tmpApp();
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app));
  const stage = new Stage(app, 'Prod', { env: CENTRAL });
  new s3.Bucket(new Stack(stage, 'Data'), 'B');
  new Stack(app, 'Top', { env: WEST });
  let synthError = '';
  beforeAll(() => (synthError = synthFailure(app)));

  test('synth fails on the CaResidency findings', () => expect(synthError).toMatch(/CaResidency/));

  test('check reads the stacks of nested assemblies with their region and agrees with the pack', () => {
    const r = runCli(['check', app.outdir, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.templates).toBe(2); // Top (no resources: no Resources section) and Prod-Data
    expect(cliKeys(r.stdout)).toEqual(packKeys(app.outdir));
    expect(cliKeys(r.stdout).length).toBeGreaterThan(0);
    const f = doc.findings.find((x: any) => x.stack === 'Prod-Data');
    expect(f.region).toBe('ca-central-1');
    expect(f.template).toMatch(/assembly-Prod[\\/].*\.template\.json$/);
    expect(r.code).toBe(1);
  });
});

describe('real-world templates', () => {
  const files = [
    '01-s3-replication-source-kms.yaml',
    '07-stackset-log-setup-management.json',
    '10-vscode-server-cloudfront.yaml',
    '15-kinesis-firehose-s3.yml',
  ];
  // The pack judges each template included into a CDK stack (CfnInclude) in ca-central-1; the CLI reads the file.
  const app = tmpApp();
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app));
  const stackOf = new Map<string, string>();
  for (const f of files) {
    const stack = new Stack(app, `Real${f.slice(0, 2)}`, { env: CENTRAL });
    new CfnInclude(stack, 'Template', { templateFile: path.join(REAL, f) });
    stackOf.set(stack.stackName, f.replace(/\.[^.]+$/, ''));
  }
  let synthError = '';
  beforeAll(() => (synthError = synthFailure(app)));

  test('synth fails on the CaResidency findings', () => expect(synthError).toMatch(/CaResidency/));

  test.each(files)('%s: the CLI over the raw file reports what the pack reported', (f) => {
    const r = runCli(['check', path.join(REAL, f), '--region', 'ca-central-1', '--format', 'json']);
    expect(r.stderr).toBe('');
    const name = f.replace(/\.[^.]+$/, '');
    const fromPack = packKeys(app.outdir, (s) => stackOf.get(s)!).filter((k) => k.split(' ')[1] === name);
    expect(fromPack.length).toBeGreaterThan(0);
    expect(cliKeys(r.stdout)).toEqual(fromPack);
    expect(r.code).toBe(1);
  });
});
