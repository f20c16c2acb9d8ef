import { existsSync } from 'fs';
import { join } from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { HostingNetwork } from '../../constructs/hosting-network';
import { LockedBackupVault } from '../../constructs/locked-backup-vault';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { ResidencyBackupPlan } from '../../constructs/residency-backup-plan';
import { ResidencyKey } from '../../constructs/residency-key';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CDK_NAG_PACKS, recordedAcknowledgements, remainingNagFindings } from './acknowledgements';
import { newTestApp } from './cdk-app';
import { CfnTemplate, resourcesOfType } from './template-queries';

export const ACCOUNT = '111122223333';

/** What a workload construct is built on in each region: a data key usable through the data services, and alerting. */
export interface RegionBase {
  readonly stack: Stack;
  readonly dataKey: ResidencyKey;
  readonly alerting: ResidencyAlerting;
}

export function regionBase(app: App, id: string, region: string, usableVia: string[]): RegionBase {
  const stack = new Stack(app, id, { env: { account: ACCOUNT, region } });
  const dataKey = new ResidencyKey(stack, 'DataKey', { alias: `${id}-data`, description: 'workload data', usableVia });
  const alerting = new ResidencyAlerting(stack, 'Alerting', { keyAlias: `${id}-alerts`, namePrefix: id });
  return { stack, dataKey, alerting };
}

/** The region's hosting network (isolated subnets in three zones) and a backup plan copying to `copyRegion`. */
export function regionHosting(
  base: RegionBase,
  copyRegion: string,
): { network: HostingNetwork; backupPlan: ResidencyBackupPlan } {
  const { stack } = base;
  const logsKey = new ResidencyKey(stack, 'LogsKey', {
    alias: `${stack.node.id}-logs`,
    description: 'logs',
    usableVia: ['s3'],
  });
  const zones = ['a', 'b', 'd'].map((z) => `${stack.region}${z}`);
  const network = new HostingNetwork(stack, 'Network', { cidr: '10.20.0.0/16', logsKey, availabilityZones: zones });
  const backupKey = new ResidencyKey(stack, 'BackupKey', {
    alias: `${stack.node.id}-backup`,
    description: 'backup',
    usableVia: ['backup'],
  });
  const vault = new LockedBackupVault(stack, 'Vault', {
    backupVaultName: 'workload-vault',
    encryptionKey: backupKey.key,
    lock: { mode: 'governance', minRetention: Duration.days(7), maxRetention: Duration.days(400) },
  });
  const backupPlan = new ResidencyBackupPlan(stack, 'BackupPlan', {
    backupPlanName: `${stack.node.id}-plan`,
    vault: vault.vault,
    rules: [{ name: 'daily', schedule: 'cron(0 5 ? * * *)', retention: Duration.days(35) }],
    copyTo: { vaultArn: LockedBackupVault.arnInRegion(stack, 'workload-vault', copyRegion), region: copyRegion },
    selectionTag: { key: 'residency:backup', value: 'workload' },
  });
  return { network, backupPlan };
}

/** Rules of the backup plan that selects `resourceLogicalId` by reference, with the regions their copies go to. */
export function backupCopyRegions(template: CfnTemplate, resourceLogicalId: string): string[][] {
  const out: string[][] = [];
  for (const [, selection] of resourcesOfType(template, 'AWS::Backup::BackupSelection')) {
    const resources = JSON.stringify(selection.Properties?.BackupSelection?.Resources ?? []);
    if (!resources.includes(`"${resourceLogicalId}"`)) continue;
    const planId = selection.Properties?.BackupPlanId?.['Fn::GetAtt']?.[0];
    const plan = template.Resources[planId];
    for (const rule of plan?.Properties?.BackupPlan?.BackupPlanRule ?? []) {
      out.push(
        (rule.CopyActions ?? []).map(
          (c: any) => JSON.stringify(c.DestinationBackupVaultArn).match(/:backup:([a-z]{2}-[a-z]+-\d+):/)?.[1] ?? '?',
        ),
      );
    }
  }
  return out;
}

export function newWorkloadApp(): App {
  return newTestApp();
}

/** Findings of the three packs that no namespaced acknowledgement covers, as `pack: rule at path`. */
export function unacknowledgedFindingsOfThreePacks(app: IConstruct): string[] {
  const out: string[] = [];
  for (const [name, make] of CDK_NAG_PACKS) out.push(...remainingNagFindings(make, app).map((f) => `${name}: ${f}`));
  const ours = new CanadianResidencyChecks().evaluateScope(app);
  out.push(...ours.findings.map((f) => `CaResidency: ${f.ruleId} at ${f.stackName}/${f.logicalId}: ${f.message}`));
  return out;
}

/** Every acknowledgement recorded under `scope`, as `id at path`. */
export function acknowledgementsUnder(scope: IConstruct): string[] {
  return recordedAcknowledgements(scope).map((a) => `${a.id} at ${a.path}`);
}

/** The runbook file an alarm's description names, and whether it exists in docs/runbooks. */
export function runbookOf(alarm: cloudwatch.Alarm): { path?: string; exists: boolean } {
  const description = Stack.of(alarm).resolve(
    (alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmDescription,
  ) as string;
  const path = /Runbook: (docs\/runbooks\/[a-z-]+\.md)/.exec(description ?? '')?.[1];
  return { path, exists: path !== undefined && existsSync(join(__dirname, '..', '..', path)) };
}
