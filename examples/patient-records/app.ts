#!/usr/bin/env node
/**
 * Patient records on cdk-ca-residency: the baseline (keys, vaults, backups, monitoring, network) in both Canadian
 * regions, and a workload stack in each region built from the package's resident constructs. Synthesized with
 * the three packs (CaResidency, AwsSolutions, HIPAA.Security) and the reviewer report:
 *
 *   npm run synth:example          # cdk synth into cdk.out.example/
 *   npx ca-residency check cdk.out.example
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import {
  buildResidencyStacks,
  CanadianResidencyChecks,
  ResidencyNames,
  resolveConfig,
  writeResidencyReport,
} from '../../index';
import {
  PatientRecordsPrimaryStack,
  PatientRecordsRecoveryStack,
  PRIMARY_REGION,
  RECOVERY_REGION,
} from './workload-stacks';

const app = new App();
// The baseline's configuration, from cdk.json context or -c caResidency.* (the embedded default otherwise).
const config = resolveConfig(app.node.getAllContext());
const names = new ResidencyNames(config);
const baseline = buildResidencyStacks(app, config);
if (!baseline.recovery)
  throw new Error('patient-records example: recoveryRegion is "none"; this example replicates to ca-west-1');

const env = (region: string) => ({ account: config.accountId, region });
const recovery = new PatientRecordsRecoveryStack(app, 'PatientRecordsRecovery', {
  stackName: `${names.stackName('recovery')}-patient-records`,
  env: env(RECOVERY_REGION),
  config,
  foundation: baseline.recovery.foundation,
});
const primary = new PatientRecordsPrimaryStack(app, 'PatientRecordsPrimary', {
  stackName: `${names.stackName('primary')}-patient-records`,
  env: env(PRIMARY_REGION),
  config,
  foundation: baseline.primary.foundation,
});
// The table and secret replicas in ca-west-1 use the recovery workload's key, addressed by alias.
primary.addStackDependency(recovery, 'replicas in ca-west-1 use the recovery workload key');

Validations.of(app).addPlugins(
  new CanadianResidencyChecks(app),
  new AwsSolutionsChecks(app),
  new HIPAASecurityChecks(app),
);
app.synth();
writeResidencyReport(app.outdir);
