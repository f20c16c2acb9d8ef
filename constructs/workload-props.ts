import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { ResidencyBackupPlan } from './residency-backup-plan';
import { isCanadianRegion } from '../lib/policy/regions';

/**
 * Refuses a key of another region: the data would be protected from outside its region (and the
 * deployment would fail). Keys whose region is a token are left to the CaResidency pack, which judges
 * the synthesized reference.
 */
export function assertKeyInRegion(scope: Construct, construct: string, prop: string, key: kms.IKey): void {
  const region = Stack.of(scope).region;
  const keyRegion = key.env.region;
  if (!Token.isUnresolved(keyRegion) && !Token.isUnresolved(region) && keyRegion !== region) {
    throw new InvalidPropError(
      scope,
      `${construct}: ${prop} is in ${keyRegion}, the ${construct} is in ${region}; use a key of its own region`,
    );
  }
}

/**
 * Refuses replica regions outside Canada, unresolved ones, duplicates and the construct's own region,
 * listing every bad value at once.
 */
export function assertReplicaRegions(
  scope: Construct,
  construct: string,
  prop: string,
  regions: readonly string[],
): void {
  const own = Stack.of(scope).region;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const region of regions) {
    if (Token.isUnresolved(region)) problems.push(`${prop} contains a region that is not known at synth time`);
    else if (!isCanadianRegion(region)) problems.push(`${prop} contains ${region}, which is outside Canada`);
    else if (region === own) problems.push(`${prop} contains ${region}, the ${construct}'s own region`);
    else if (seen.has(region)) problems.push(`${prop} contains ${region} twice`);
    seen.add(region);
  }
  if (problems.length > 0) throw new InvalidPropError(scope, `${construct}: ${problems.join('; ')}`);
}

/**
 * Puts one resource in a residency backup plan by its ARN, with the plan's role. By ARN, not by tag: the selection
 * names the resource, so it cannot be dropped by a tag edit, and checkers that read the template (cdk-nag's
 * `*InBackupPlan` rules, the residency report) see the coverage.
 */
export function selectForBackup(
  scope: Construct,
  plan: ResidencyBackupPlan,
  resourceArn: string,
  name: string,
): backup.BackupSelection {
  return new backup.BackupSelection(scope, 'BackupSelection', {
    backupPlan: plan.plan,
    role: plan.role,
    backupSelectionName: name.slice(0, 50),
    resources: [backup.BackupResource.fromArn(resourceArn)],
    // The plan's role already carries AWS Backup's documented policies.
    disableDefaultBackupPolicy: true,
  });
}

/** A name for alarms of a resource the user did not name: unique in the app, stable across synths. */
export function alarmNameBase(scope: Construct): string {
  return Names.uniqueResourceName(scope, { maxLength: 200, separator: '-' });
}

/** Five minutes: the period of every workload alarm (the standard resolution of these service metrics). */
export const ALARM_PERIOD = Duration.minutes(5);

/**
 * The subnets a data store is placed in: isolated ones (no route to or from the internet) of the VPC, by default
 * all of them. Refuses a selection holding a public subnet or a subnet with internet egress, naming each one.
 */
export function isolatedSubnets(
  scope: Construct,
  construct: string,
  vpc: ec2.IVpc,
  selection?: ec2.SubnetSelection,
): ec2.SubnetSelection {
  const chosen = selection ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  const isolated = new Set(vpc.isolatedSubnets.map((s) => s.node.path));
  const selected = vpc.selectSubnets(chosen).subnets;
  const bad = selected.filter((s) => !isolated.has(s.node.path));
  if (bad.length > 0) {
    const kind = (s: ec2.ISubnet) => (vpc.publicSubnets.includes(s) ? 'public' : 'with internet egress');
    throw new InvalidPropError(
      scope,
      `${construct}: vpcSubnets selects ${bad.map((s) => `${s.node.path} (${kind(s)})`).join(', ')}; health data stores go in isolated subnets only`,
    );
  }
  return chosen;
}
