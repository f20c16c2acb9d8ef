import * as path from 'path';
import { Stack, Stage, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { CanadianResidencyChecks } from '../../lib/nag';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { cdkJsonContext } from '../support/cdk-app';
import { CENTRAL, WEST } from '../rules/support';
import { cliKeys, packKeys, packReport, REAL, runCli, tmpApp } from './support';

// The pack (at synth) and the CLI (over what synth wrote, or over the raw template) must report the same findings.

describe('the reference app', () => {
  // Synthesized once, in-process, composed as bin/app.ts composes it (with the project's cdk.json flags).
  const app = tmpApp(cdkJsonContext());
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app));
  buildResidencyStacks(app, DEFAULT_CONFIG);
  app.synth();

  test('check cdk.out agrees with the pack: same findings and exit code', () => {
    const r = runCli(['check', app.outdir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(cliKeys(r.stdout)).toEqual(packKeys(app.outdir));
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.templates).toBe(2);
    expect(doc.summary.resources).toBeGreaterThan(50);
    expect(r.code).toBe(packReport(app.outdir).violations.some((v) => v.severity !== 'info') ? 1 : 0);
  });
});

describe('an app with findings, an exemption and an acknowledgement', () => {
  const reason = 'Pipeline moves to ca-central-1 next sprint, tracked in OPS-42';
  const app = tmpApp();
  Validations.of(app).addPlugins(
    new CanadianResidencyChecks(app, {
      exemptions: [{ ruleId: 'CaResidency-GlobalService', resource: 'Tools/Accelerator', reason: 'Load test only, synthetic data, torn down after the test', expires: '2099-01-01' }],
    }),
  );
  const tools = new Stack(app, 'Tools', { env: WEST });
  new codebuild.Project(tools, 'Build', { source: codebuild.Source.gitHub({ owner: 'o', repo: 'r' }) });
  new codebuild.Project(tools, 'Build2', { source: codebuild.Source.gitHub({ owner: 'o', repo: 'r' }) });
  Validations.of(tools.node.findChild('Build')).acknowledge({ id: 'CaResidency::CaResidency-RegionAvailability', reason });
  new ga.Accelerator(tools, 'Accelerator');
  const data = new Stack(app, 'Data', { env: CENTRAL });
  new dynamodb.TableV2(data, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, replicas: [{ region: 'us-east-1' }] });
  new s3.Bucket(data, 'B');
  expect(() => app.synth()).toThrow(/CaResidency/);

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
  expect(() => app.synth()).toThrow(/CaResidency/);

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
  const files = ['01-s3-replication-source-kms.yaml', '07-stackset-log-setup-management.json', '10-vscode-server-cloudfront.yaml', '15-kinesis-firehose-s3.yml'];
  // The pack judges each template included into a CDK stack (CfnInclude) in ca-central-1; the CLI reads the file.
  const app = tmpApp();
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app));
  const stackOf = new Map<string, string>();
  for (const f of files) {
    const stack = new Stack(app, `Real${f.slice(0, 2)}`, { env: CENTRAL });
    new CfnInclude(stack, 'Template', { templateFile: path.join(REAL, f) });
    stackOf.set(stack.stackName, f.replace(/\.[^.]+$/, ''));
  }
  expect(() => app.synth()).toThrow(/CaResidency/);

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
