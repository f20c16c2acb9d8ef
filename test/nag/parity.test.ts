import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { readCloudAssembly } from '../../lib/check';
import { CanadianResidencyChecks } from '../../lib/nag';
import { policyFromTemplates, ResidencyEngine } from '../../lib/rules';
import { CENTRAL, WEST } from '../rules/support';

test('the pack and the engine over the synthesized assembly agree, honouring the same exemptions and acknowledgements', () => {
  const reason = 'Pipeline moves to ca-central-1 next sprint, tracked in OPS-42';
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': true } });
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
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf-8'));
  const ours = report.pluginReports.find((p: any) => p.pluginName === 'CaResidency');
  const fromPack = ours.violations
    .filter((v: any) => v.severity !== 'info')
    .map((v: any) => `${v.ruleName} ${v.violatingConstructs[0].constructPath} ${v.ruleMetadata.path}`)
    .sort();

  const templates = readCloudAssembly(app.outdir); // as `ca-residency check` reads it
  const recorded = policyFromTemplates(templates)!;
  const result = new ResidencyEngine(recorded.options).evaluate(templates, recorded.acknowledgements);
  const fromEngine = result.findings.map((f) => `${f.ruleId} ${f.constructPath} ${f.path}`).sort();

  expect(fromEngine).toEqual(fromPack);
  expect(fromEngine).toEqual([
    'CaResidency-DynamoDBReplicaRegion Data/Table/Resource Properties.Replicas[0].Region',
    'CaResidency-EncryptedAtRest Data/B/Resource Properties.BucketEncryption',
    'CaResidency-EncryptedAtRest Data/Table/Resource Properties.SSESpecification.SSEEnabled',
    'CaResidency-EncryptedAtRest Tools/Build/Resource Properties.EncryptionKey',
    'CaResidency-EncryptedAtRest Tools/Build2/Resource Properties.EncryptionKey',
    'CaResidency-EncryptedInTransit Data/B/Resource Properties',
    'CaResidency-RegionAvailability Tools/Build2/Resource Type',
  ]);
  // Both sides let the same finding through the exemption and the same one through the acknowledgement.
  expect(result.exempted.map((x) => x.finding.constructPath)).toEqual(['Tools/Accelerator/Resource']);
  expect(ours.violations.filter((v: any) => v.severity === 'info').map((v: any) => v.violatingConstructs[0].constructPath)).toEqual(['Tools/Accelerator/Resource']);
  expect(result.acknowledged.map((x) => x.finding.constructPath)).toEqual(['Tools/Build/Resource']);
  expect(ours.suppressedViolations.map((v: any) => [v.violatingConstructs[0].constructPath, v.reason])).toEqual([['Tools/Build/Resource', reason]]);
});
