import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { readCloudAssembly } from '../../lib/check';
import { policyFromTemplates, ResidencyEngine } from '../../lib/rules';
import { ACKNOWLEDGEMENT_REASON, addMixedFindings } from '../support/mixed-findings-app';

test('the pack and the engine over the synthesized assembly agree, honouring the same exemptions and acknowledgements', () => {
  const reason = ACKNOWLEDGEMENT_REASON;
  const app = addMixedFindings(
    new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': true } }),
  );

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
  expect(
    ours.violations.filter((v: any) => v.severity === 'info').map((v: any) => v.violatingConstructs[0].constructPath),
  ).toEqual(['Tools/Accelerator/Resource']);
  expect(result.acknowledged.map((x) => x.finding.constructPath)).toEqual(['Tools/Build/Resource']);
  expect(ours.suppressedViolations.map((v: any) => [v.violatingConstructs[0].constructPath, v.reason])).toEqual([
    ['Tools/Build/Resource', reason],
  ]);
});
