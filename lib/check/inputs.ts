import * as fs from 'fs';
import * as path from 'path';
import { TemplateUnderTest } from '../rules';
import { CheckInputError } from './input-error';
import { readCloudAssembly } from './read-assembly';
import { ReadLimits } from './read-limits';
import { readTemplateFile } from './read-template';

/**
 * Turn the paths given to `check` into templates: a directory is a cloud assembly, a file is one template.
 * A plain template's stack is named after its file; its region is `region` (from `--region`). A plain template
 * with no region is an input error: the region is never assumed.
 */
export function readInputs(
  paths: readonly string[],
  region: string | undefined,
  cwd: string,
  limits: ReadLimits = {},
): TemplateUnderTest[] {
  const out: TemplateUnderTest[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new CheckInputError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      out.push(...readCloudAssembly(abs, p, limits));
      continue;
    }
    const template = readTemplateFile(abs, p, true, limits);
    if (region === undefined) {
      throw new CheckInputError(
        `${p}: the template's region is unknown; give it with --region (e.g. --region ca-central-1)`,
      );
    }
    out.push({
      stackName: path.basename(p).replace(/\.(template\.)?(json|ya?ml|template)$/i, ''),
      region,
      template,
      templateFile: p,
    });
  }
  return out;
}
