import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CDK_NAG_PACKS, recordedAcknowledgements, remainingNagFindings } from '../support/acknowledgements';
import { validateConfig } from '../../lib/config/validate';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { newTestApp } from '../support/cdk-app';
import { resourcesOfType } from '../support/template-queries';

// recoveryRegion "none": everything stays in ca-central-1 (the Québec-only option).
const config = validateConfig({ ...DEFAULT_CONFIG, recoveryRegion: 'none' });
const app = newTestApp();
const { primary, recovery } = buildResidencyStacks(app, config);
const assembly = app.synth();
const template = assembly.getStackByName(primary.stackName).template;

test('with the recovery region switched off only the ca-central-1 stack exists', () => {
  expect(recovery).toBeUndefined();
  expect(assembly.stacks.map((s) => s.environment.region)).toEqual(['ca-central-1']);
});

test('with the recovery region switched off nothing replicates or copies out of ca-central-1', () => {
  for (const [, bucket] of resourcesOfType(template, 'AWS::S3::Bucket'))
    expect(bucket.Properties!.ReplicationConfiguration).toBeUndefined();
  for (const [, plan] of resourcesOfType(template, 'AWS::Backup::BackupPlan')) {
    for (const rule of plan.Properties!.BackupPlan.BackupPlanRule) expect(rule.CopyActions).toBeUndefined();
  }
  expect(JSON.stringify(template)).not.toContain('ca-west-1');
});

test('with the recovery region switched off every pack still passes (the one acknowledgement says why)', () => {
  expect(new CanadianResidencyChecks().evaluateScope(app).findings).toEqual([]);
  for (const [, makePack] of CDK_NAG_PACKS) expect(remainingNagFindings(makePack, app)).toEqual([]);
  const acks = recordedAcknowledgements(app).filter((a) => a.path.startsWith('Primary/DataBucket'));
  expect(acks.map((a) => a.id)).toContain('HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled');
});
