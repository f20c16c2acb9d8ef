import { existsSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { ResidencyKey } from '../../constructs/residency-key';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CDK_NAG_PACKS, recordedAcknowledgements, remainingNagFindings } from './acknowledgements';
import { newTestApp } from './cdk-app';

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
  const description = Stack.of(alarm).resolve((alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmDescription) as string;
  const path = /Runbook: (docs\/runbooks\/[a-z-]+\.md)/.exec(description ?? '')?.[1];
  return { path, exists: path !== undefined && existsSync(join(__dirname, '..', '..', path)) };
}
