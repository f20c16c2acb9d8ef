import { CfnTemplate } from '../rules';
import { CheckInputError } from './input-error';
import { parseDocumentText } from './parse-document';
import { readTextFile } from './read-file';
import { ReadLimits } from './read-limits';

/**
 * Read one CloudFormation template file, JSON or YAML (by extension, else by content). `label` is how the file is
 * named in messages. Throws CheckInputError when the file is not a regular file within the size limit, does not
 * parse, or is not a template (no `Resources` object).
 */
export function readTemplateFile(
  file: string,
  label: string = file,
  requireResources = true,
  limits: ReadLimits = {},
): CfnTemplate {
  return asTemplate(parseDocumentText(readTextFile(file, label, limits), file, label, limits), label, requireResources);
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
  if (resources === undefined)
    throw new CheckInputError(`${label}: not a CloudFormation template (no Resources section)`);
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new CheckInputError(`${label}: Resources must be an object of resources`);
  }
  // for...in over the object's own keys (JSON.parse makes no inherited ones): no pair array per resource.
  for (const id in resources) {
    const r = (resources as Record<string, unknown>)[id];
    if (r === null || typeof r !== 'object' || typeof (r as Record<string, unknown>).Type !== 'string') {
      throw new CheckInputError(`${label}: resource ${id} has no Type`);
    }
  }
  return parsed as CfnTemplate;
}
