import * as fs from 'fs';
import * as path from 'path';
import { AvailabilityOverrides } from '../policy/availability';
import { Exemption } from '../policy/options';
import { parseCfnYaml } from './cfn-yaml';
import { CheckInputError } from './input-error';

function readData(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf-8');
  } catch (e) {
    throw new CheckInputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return /\.ya?ml$/i.test(file) ? parseCfnYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new CheckInputError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

/**
 * `--exemptions FILE`: a JSON (or YAML) list of `{ ruleId, resource, reason, expires }`, or an object with an
 * `exemptions` list — the same shape as the pack's `exemptions` option. Each is judged by the engine like the
 * pack's (a malformed or expired one is a `CaResidency-ExemptionInvalid` finding).
 */
export function readExemptionsFile(file: string, cwd: string): Exemption[] {
  const data = readData(file, cwd);
  const list = Array.isArray(data) ? data : (data as { exemptions?: unknown } | null)?.exemptions;
  if (!Array.isArray(list)) throw new CheckInputError(`${file}: expected a list of exemptions or { "exemptions": [...] }`);
  list.forEach((e, i) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new CheckInputError(`${file}: exemption [${i}] is not an object`);
  });
  return list as Exemption[];
}

/** `--availability-overrides FILE`: `{ "<region>": { "<resource type>": true|false } }`, as the pack option. */
export function readAvailabilityOverridesFile(file: string, cwd: string): AvailabilityOverrides {
  const data = readData(file, cwd);
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
