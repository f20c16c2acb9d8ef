import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { readCloudAssembly, runCheck } from '../../lib/check';
import { iamValidityFindings } from '../../lib/iam-validity/check-templates';
import { resolveEnvironments } from '../../lib/config/load';
import { CanadianResidencyChecks } from '../../lib/nag';
import { failedValidations } from '../../lib/nag/validation-failures';
import { synthWithResidencyReport } from '../../lib/report/synth-with-report';
import { ConfigError } from '../../lib/config/config-error';
import { buildOrganisation } from '../../lib/stacks/organisation';
import { pipelineSynthCommand } from '../../lib/stacks/pipeline-stack';
import { ResidencyStage } from '../../lib/stacks/residency-stage';
import { cdkJsonContext } from '../support/cdk-app';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'three-environments.json');
const CANADA = ['ca-central-1', 'ca-west-1'];
const PIPELINE = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { pipeline: Record<string, unknown> }).pipeline;

type Json = Record<string, any>;

/** bin/app.ts for a configuration, synthesized to a fresh folder; `tamper` runs on the stages before the pipeline. */
function synthOrganisation(context: Record<string, unknown>, tamper?: (stages: ResidencyStage[]) => void) {
  const outdir = mkdtempSync(join(tmpdir(), 'cacr-pipeline-'));
  const resolved = resolveEnvironments(context);
  const app = new App({ outdir, builtinCloudFormationValidation: false, context: cdkJsonContext() });
  const organisation = buildOrganisation(app, resolved, context.caResidencyConfigFile, tamper);
  const residency = new CanadianResidencyChecks(app, {
    printSummary: false,
    declaredDestinations: resolved.configs.flatMap((c) => c.declaredDestinations ?? []),
  });
  Validations.of(app).addPlugins(residency, new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { outdir, organisation, residency, synth: () => synthWithResidencyReport(app) };
}

/** Every stack of an assembly and of its nested (stage) assemblies, read from the manifests themselves. */
function manifestStacks(dir: string): { id: string; name: string; account: string; region: string; template: Json }[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
  return Object.entries(manifest.artifacts as Json).flatMap(([id, artifact]: [string, Json]) => {
    if (artifact.type === 'cdk:cloud-assembly') return manifestStacks(join(dir, artifact.properties.directoryName));
    if (artifact.type !== 'aws:cloudformation:stack') return [];
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment as string)!;
    const template = JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as Json;
    return [{ id, name: artifact.properties.stackName as string, account: env[1], region: env[2], template }];
  });
}

const resourcesOf = (template: Json, type: string): [string, Json][] =>
  Object.entries(template.Resources as Json).filter(([, r]) => r.Type === type) as [string, Json][];

// Synthesized once for this file, as bin/app.ts does; under jest a failing pack makes the synth throw.
const built = synthOrganisation({ caResidencyConfigFile: EXAMPLE });
beforeAll(() => built.synth());
afterAll(() => rmSync(built.outdir, { recursive: true, force: true }));

const stack = (name: string) => manifestStacks(built.outdir).find((s) => s.name === name)!;

test('the example synthesizes six environment stacks in their accounts and the pipeline in the tooling account', () => {
  expect(manifestStacks(built.outdir).map((s) => `${s.name}@${s.account}/${s.region}`)).toEqual([
    'clinic-dev-recovery@111111111111/ca-west-1',
    'clinic-dev-primary@111111111111/ca-central-1',
    'clinic-staging-recovery@222222222222/ca-west-1',
    'clinic-staging-primary@222222222222/ca-central-1',
    'clinic-prod-recovery@333333333333/ca-west-1',
    'clinic-prod-primary@333333333333/ca-central-1',
    'clinic-pipeline@444444444444/ca-central-1',
    'clinic-pipeline-support@444444444444/ca-west-1',
  ]);
  expect(built.organisation.pipeline?.dependencies).toContain(built.organisation.pipeline?.support);
});

test('every pack passed on every stack, the pipeline and its support stack included', () => {
  expect(built.residency.lastSynthResult?.findings).toEqual([]);
  expect(failedValidations(built.outdir)).toEqual([]);
  const templates = readCloudAssembly(built.outdir);
  expect(templates.map((t) => t.stackName)).toEqual(
    expect.arrayContaining(['clinic-pipeline', 'clinic-pipeline-support']),
  );
  expect(runCheck(templates).findings).toEqual([]);
  // Every policy document, the pipeline's included, names real actions, keys and resource types (check --iam):
  // the source role may use a codeconnections connection (CDK alone grants only the codestar-connections action).
  expect(iamValidityFindings(templates)).toEqual([]);
});

test('nothing of the pipeline is outside ca-central-1 and ca-west-1: no generated support stack, every action region Canadian', () => {
  for (const s of manifestStacks(built.outdir)) expect(CANADA).toContain(s.region);
  // CDK names a generated support stack cross-region-stack-<account>:<region>; none exists, nested or not.
  expect(manifestStacks(built.outdir).filter((s) => /cross-region/i.test(`${s.id} ${s.name}`))).toEqual([]);
  const [, pipeline] = resourcesOf(stack('clinic-pipeline').template, 'AWS::CodePipeline::Pipeline')[0];
  const actions = (pipeline.Properties.Stages as Json[]).flatMap((stage) => stage.Actions as Json[]);
  for (const action of actions) if (action.Region !== undefined) expect(CANADA).toContain(action.Region);
  // Synth, the check and asset publishing run in CodeBuild of ca-central-1 (the pipeline's region: no Region set).
  const builds = actions.filter((a) => a.ActionTypeId.Provider === 'CodeBuild');
  expect(builds.length).toBeGreaterThanOrEqual(4);
  for (const build of builds) expect(build.Region).toBeUndefined();
  // CloudFormation actions for the recovery stacks run in ca-west-1, from the ca-west-1 store.
  expect(actions.filter((a) => a.Region === 'ca-west-1').map((a) => a.Name)).toEqual(
    expect.arrayContaining(['clinic-prod-recovery.Deploy']),
  );
});

test('every artifact store and bucket of the pipeline is encrypted with a customer-managed key of its own region', () => {
  const pipelineTemplate = stack('clinic-pipeline').template;
  const supportTemplate = stack('clinic-pipeline-support').template;
  const [, pipeline] = resourcesOf(pipelineTemplate, 'AWS::CodePipeline::Pipeline')[0];
  const stores = pipeline.Properties.ArtifactStores as Json[];
  expect(stores.map((s) => s.Region).sort()).toEqual(CANADA);
  const central = stores.find((s) => s.Region === 'ca-central-1')!.ArtifactStore;
  const west = stores.find((s) => s.Region === 'ca-west-1')!.ArtifactStore;
  // ca-central-1: a key of the pipeline stack itself.
  const [keyId] = central.EncryptionKey.Id['Fn::GetAtt'];
  expect(pipelineTemplate.Resources[keyId].Type).toBe('AWS::KMS::Key');
  // ca-west-1: the support stack's bucket and key, by name and alias (no cross-region reference).
  const [, supportAlias] = resourcesOf(supportTemplate, 'AWS::KMS::Alias')[0];
  expect(west.EncryptionKey.Id).toBe(`arn:aws:kms:ca-west-1:444444444444:${supportAlias.Properties.AliasName}`);
  const supportBuckets = resourcesOf(supportTemplate, 'AWS::S3::Bucket').map(([, b]) => b.Properties.BucketName);
  expect(supportBuckets).toContain(west.Location);
  // Every bucket of both stacks: SSE-KMS with a key of its own template (so of its own region).
  for (const template of [pipelineTemplate, supportTemplate]) {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2); // artifacts and their access logs
    for (const [, bucket] of buckets) {
      const rule =
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
      expect(rule.SSEAlgorithm).toBe('aws:kms');
      expect(template.Resources[rule.KMSMasterKeyID['Fn::GetAtt'][0]].Type).toBe('AWS::KMS::Key');
    }
  }
  // The build projects encrypt their outputs with the artifact key too, not the aws/s3 key.
  const projects = resourcesOf(pipelineTemplate, 'AWS::CodeBuild::Project');
  expect(projects.length).toBeGreaterThanOrEqual(4);
  for (const [, project] of projects)
    expect(project.Properties.EncryptionKey).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
});

test('the check step runs the tests and ca-residency check before any deployment and publishes its report', () => {
  const template = stack('clinic-pipeline').template;
  const [, pipeline] = resourcesOf(template, 'AWS::CodePipeline::Pipeline')[0];
  const stages = pipeline.Properties.Stages as Json[];
  const firstDeploying = stages.findIndex((s) =>
    (s.Actions as Json[]).some((a) => a.ActionTypeId.Category === 'Deploy'),
  );
  const check = (stages[firstDeploying].Actions as Json[]).find((a) => a.Name === 'ResidencyCheck')!;
  expect(check).toBeDefined();
  const deploys = (stages[firstDeploying].Actions as Json[]).filter((a) => a.ActionTypeId.Category === 'Deploy');
  for (const deploy of deploys) expect(deploy.RunOrder).toBeGreaterThan(check.RunOrder);
  expect(check.OutputArtifacts).toHaveLength(1);
  const [projectId] = Object.entries(template.Resources as Json).find(
    ([id, r]) => r.Type === 'AWS::CodeBuild::Project' && id.includes('ResidencyCheck'),
  )!;
  const buildSpec = template.Resources[projectId].Properties.Source.BuildSpec as string;
  expect(buildSpec).toContain('npm test');
  expect(buildSpec).toMatch(/ca-residency\.ts check cdk\.out/);
  expect(buildSpec).toContain('residency-report.md');
  // The synth runs the same configuration, named from the repository's root (no machine path in the pipeline).
  const synthProject = Object.entries(template.Resources as Json).find(
    ([id, r]) => r.Type === 'AWS::CodeBuild::Project' && id.includes('Synth'),
  )![1];
  expect(synthProject.Properties.Source.BuildSpec).toContain(
    'npx cdk synth -c caResidencyConfigFile=config/examples/three-environments.json',
  );
});

test("a configuration file outside the repository cannot be the pipeline's: it would not be in its checkout", () => {
  expect(() => pipelineSynthCommand('../elsewhere/org.json', '/repo')).toThrow(ConfigError);
  expect(pipelineSynthCommand('./config/org.json', '/repo')).toBe(
    'npx cdk synth -c caResidencyConfigFile=config/org.json',
  );
  expect(pipelineSynthCommand(undefined, '/repo')).toBe('npx cdk synth');
});

test('a person approves before the production wave, and only there', () => {
  const [, pipeline] = resourcesOf(stack('clinic-pipeline').template, 'AWS::CodePipeline::Pipeline')[0];
  const stages = pipeline.Properties.Stages as Json[];
  const holding = (stackName: string) =>
    stages.findIndex((s) => (s.Actions as Json[]).some((a) => a.Name === `${stackName}.Deploy`));
  const [dev, staging, prod] = ['clinic-dev-primary', 'clinic-staging-primary', 'clinic-prod-primary'].map(holding);
  expect(dev).toBeLessThan(staging);
  expect(staging).toBeLessThan(prod);
  const approvalsIn = (index: number) =>
    (stages[index].Actions as Json[]).filter((a) => a.ActionTypeId.Category === 'Approval');
  expect(approvalsIn(dev)).toEqual([]);
  expect(approvalsIn(staging)).toEqual([]);
  const [approval] = approvalsIn(prod);
  expect(approval).toBeDefined();
  for (const action of stages[prod].Actions as Json[])
    if (action.ActionTypeId.Category === 'Deploy') expect(action.RunOrder).toBeGreaterThan(approval.RunOrder);
});

test('a finding inside an environment stage fails synth with the pipeline on', () => {
  // The smallest organisation with a pipeline: one environment, one region, no network or auditor.
  const bad = synthOrganisation(
    {
      caResidency: {
        recoveryRegion: 'none',
        network: { enabled: false },
        auditor: { enabled: false },
        environments: [{ name: 'prod', accountId: '000000000000', tier: 'production' }],
        pipeline: { ...PIPELINE, waves: ['production'], approvalBefore: ['production'] },
      },
    },
    (stages) => {
      // S3-managed keys: CaResidency-EncryptedAtRest must object, from inside the stage.
      new s3.Bucket(stages[0].stacks.primary, 'Unprotected', { encryption: s3.BucketEncryption.S3_MANAGED });
    },
  );
  try {
    expect(bad.organisation.pipeline).toBeDefined();
    expect(() => bad.synth()).toThrow(/CaResidency-EncryptedAtRest[\s\S]*Unprotected/);
  } finally {
    rmSync(bad.outdir, { recursive: true, force: true });
  }
});
