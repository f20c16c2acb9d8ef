import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
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
    throw new InvalidPropError(scope, `${construct}: ${prop} is in ${keyRegion}, the ${construct} is in ${region}; use a key of its own region`);
  }
}

/**
 * Refuses replica regions outside Canada, unresolved ones, duplicates and the construct's own region,
 * listing every bad value at once.
 */
export function assertReplicaRegions(scope: Construct, construct: string, prop: string, regions: readonly string[]): void {
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

/** The tag the baseline's backup plan selects resources by (`backup.selectionTag` in the configuration). */
export interface BackupSelectionTag {
  readonly key: string;
  readonly value: string;
}

/** A name for alarms of a resource the user did not name: unique in the app, stable across synths. */
export function alarmNameBase(scope: Construct): string {
  return Names.uniqueResourceName(scope, { maxLength: 200, separator: '-' });
}

/** Five minutes: the period of every workload alarm (the standard resolution of these service metrics). */
export const ALARM_PERIOD = Duration.minutes(5);
