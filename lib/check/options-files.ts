import * as path from 'path';
import { AvailabilityOverrides } from '../policy/availability';
import { Exemption } from '../policy/options';
import { CheckInputError } from './input-error';
import { parseDocumentText } from './parse-document';
import { readTextFile } from './read-file';
import { ReadLimits } from './read-limits';

function readData(file: string, cwd: string, limits: ReadLimits): unknown {
  const abs = path.resolve(cwd, file);
  return parseDocumentText(readTextFile(abs, file, limits), abs, file, limits);
}

/**
 * `--exemptions FILE`: a JSON (or YAML) list of `{ ruleId, resource, reason, expires }`, or an object with an
 * `exemptions` list — the same shape as the pack's `exemptions` option. Each is judged by the engine like the
 * pack's (a malformed or expired one is a `CaResidency-ExemptionInvalid` finding).
 */
export function readExemptionsFile(file: string, cwd: string, limits: ReadLimits = {}): Exemption[] {
  const data = readData(file, cwd, limits);
  const list = Array.isArray(data) ? data : (data as { exemptions?: unknown } | null)?.exemptions;
  if (!Array.isArray(list)) throw new CheckInputError(`${file}: expected a list of exemptions or { "exemptions": [...] }`);
  list.forEach((e, i) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new CheckInputError(`${file}: exemption [${i}] is not an object`);
  });
  return list as Exemption[];
}

/** `--availability-overrides FILE`: `{ "<region>": { "<resource type>": true|false } }`, as the pack option. */
export function readAvailabilityOverridesFile(file: string, cwd: string, limits: ReadLimits = {}): AvailabilityOverrides {
  const data = readData(file, cwd, limits);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CheckInputError(`${file}: expected an object { "<region>": { "<resource type>": true|false } }`);
  }
  for (const [region, types] of Object.entries(data)) {
    if (types === null || typeof types !== 'object' || Array.isArray(types)) {
      throw new CheckInputError(`${file}: ${region} must map resource types to true or false`);
    }
  }
  return data as AvailabilityOverrides;
}
