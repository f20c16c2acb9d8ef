import * as fs from 'fs';
import * as path from 'path';
import { CfnTemplate } from '../rules';
import { parseCfnYaml } from './cfn-yaml';
import { CheckInputError } from './input-error';

/**
 * Read one CloudFormation template file, JSON or YAML (chosen by content: a JSON template starts with `{`).
 * `label` is how the file is named in messages. Throws CheckInputError when the file cannot be read, does not
 * parse, or is not a template (no `Resources` object).
 */
export function readTemplateFile(file: string, label: string = file, requireResources = true): CfnTemplate {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new CheckInputError(`${label}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // A regex rather than trimStart(): no copy of a multi-megabyte template just to look at its first character.
  const isJson = /^\s*\{/.test(text) || path.extname(file).toLowerCase() === '.json';
  let parsed: unknown;
  try {
    parsed = isJson ? JSON.parse(text) : parseCfnYaml(text);
  } catch (e) {
    throw new CheckInputError(`${label}: not valid ${isJson ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  return asTemplate(parsed, label, requireResources);
}

/**
 * Check that a parsed document is a template with a `Resources` object of typed resources. CDK writes a stack
 * with no resources without a `Resources` section: in a cloud assembly (`requireResources` false) that is an
 * empty stack, in a template file given by hand it is not a template.
 */
export function asTemplate(parsed: unknown, label: string, requireResources = true): CfnTemplate {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CheckInputError(`${label}: not a CloudFormation template (expected an object at the top level)`);
  }
  const resources = (parsed as Record<string, unknown>).Resources;
  if (resources === undefined && !requireResources) return parsed as CfnTemplate;
  if (resources === undefined) throw new CheckInputError(`${label}: not a CloudFormation template (no Resources section)`);
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new CheckInputError(`${label}: Resources must be an object of resources`);
  }
  for (const [id, r] of Object.entries(resources)) {
    if (r === null || typeof r !== 'object' || typeof (r as Record<string, unknown>).Type !== 'string') {
      throw new CheckInputError(`${label}: resource ${id} has no Type`);
    }
  }
  return parsed as CfnTemplate;
}
