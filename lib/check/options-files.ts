import * as path from 'path';
import { AvailabilityOverrides } from '../policy/availability';
import { DeclaredDestination, Exemption } from '../policy/options';
import { CheckInputError } from './input-error';
import { parseDocumentText } from './parse-document';
import { readTextFile } from './read-file';
import { ReadLimits } from './read-limits';

function readData(file: string, cwd: string, limits: ReadLimits): unknown {
  const abs = path.resolve(cwd, file);
  return parseDocumentText(readTextFile(abs, file, limits), abs, file, limits);
}

/** A JSON/YAML list of objects, or an object holding that list under `key`; `what` names one entry in errors. */
function readObjectList(
  file: string,
  cwd: string,
  limits: ReadLimits,
  key: string,
  what: string,
): Record<string, unknown>[] {
  const data = readData(file, cwd, limits);
  const list = Array.isArray(data) ? data : (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new CheckInputError(`${file}: expected a list of ${what}s or { "${key}": [...] }`);
  list.forEach((e, i) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      throw new CheckInputError(`${file}: ${what} [${i}] is not an object`);
  });
  return list as Record<string, unknown>[];
}

/**
 * `--exemptions FILE`: a JSON (or YAML) list of `{ ruleId, resource, reason, expires }`, or an object with an
 * `exemptions` list — the same shape as the pack's `exemptions` option. Each is judged by the engine like the
 * pack's (a malformed or expired one is a `CaResidency-ExemptionInvalid` finding).
 */
export function readExemptionsFile(file: string, cwd: string, limits: ReadLimits = {}): Exemption[] {
  return readObjectList(file, cwd, limits, 'exemptions', 'exemption') as unknown as Exemption[];
}

/**
 * `--declared-destinations FILE`: a JSON (or YAML) list of `{ destination, region, reason }`, or an object with a
 * `declaredDestinations` list — the pack's `declaredDestinations` option. The engine validates each entry.
 */
export function readDeclaredDestinationsFile(
  file: string,
  cwd: string,
  limits: ReadLimits = {},
): DeclaredDestination[] {
  return readObjectList(
    file,
    cwd,
    limits,
    'declaredDestinations',
    'declared destination',
  ) as unknown as DeclaredDestination[];
}

/** `--availability-overrides FILE`: `{ "<region>": { "<resource type>": true|false } }`, as the pack option. */
export function readAvailabilityOverridesFile(
  file: string,
  cwd: string,
  limits: ReadLimits = {},
): AvailabilityOverrides {
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
