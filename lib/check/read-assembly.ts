import * as path from 'path';
import { TemplateUnderTest } from '../rules';
import { CheckInputError } from './input-error';
import { parseDocumentText } from './parse-document';
import { Confinement, confinementOf, readTextFile, resolveInside } from './read-file';
import { readLimits, ReadLimits } from './read-limits';
import { readTemplateFile } from './read-template';

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly directoryName?: string;
  };
}

/**
 * Read and parse a JSON file of a cloud assembly (`manifest.json`, `validation-report.json`): confined to the
 * assembly, bounded like a template. Undefined when it does not exist and `optional`.
 */
export function readAssemblyJson(
  within: Confinement,
  dir: string,
  file: string,
  label: string,
  limits: ReadLimits = {},
  optional = false,
): unknown {
  let real: string;
  try {
    real = resolveInside(within, dir, file, label);
  } catch (e) {
    if (optional && /\(ENOENT\)$/.test((e as Error).message)) return undefined;
    throw e;
  }
  return parseDocumentText(readTextFile(real, label, limits), real, label, limits);
}

/**
 * Read a cloud assembly directory (what `cdk synth` writes): every `aws:cloudformation:stack` artifact of
 * `manifest.json` with its environment region (`aws://account/region`, `unknown-…` meaning not known), and
 * the nested assemblies of CDK Stages (`cdk:cloud-assembly` artifacts), recursively.
 * `label` is how the directory is named in template paths and messages.
 *
 * The assembly is untrusted input (a pull request's artifact): every path it names is resolved, symlinks included,
 * and must stay inside the directory; only regular files within the size limit are read; a nested assembly that
 * contains itself is a cycle, named; the nesting of assemblies is bounded.
 */
export function readCloudAssembly(dir: string, label: string = dir, limits: ReadLimits = {}): TemplateUnderTest[] {
  const within = confinementOf(dir, label);
  return readAssembly(within, within.root, label, [], readLimits(limits));
}

function readAssembly(
  within: Confinement,
  dir: string,
  label: string,
  chain: readonly string[],
  limits: Required<ReadLimits>,
): TemplateUnderTest[] {
  const manifestLabel = path.join(label, 'manifest.json');
  const manifest = readAssemblyJson(within, dir, 'manifest.json', manifestLabel, limits, true) as
    { artifacts?: unknown } | undefined;
  if (manifest === undefined)
    throw new CheckInputError(`${label}: a directory without manifest.json is not a cloud assembly`);
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest))
    throw new CheckInputError(`${manifestLabel}: not a cloud assembly manifest`);
  const artifacts = manifest.artifacts ?? {};
  if (artifacts === null || typeof artifacts !== 'object' || Array.isArray(artifacts))
    throw new CheckInputError(`${manifestLabel}: artifacts must be an object`);
  const here = [...chain, dir];
  const out: TemplateUnderTest[] = [];
  for (const [id, a] of Object.entries(artifacts as Record<string, ManifestArtifact>)) {
    if (a?.type === 'cdk:cloud-assembly') {
      const nested = a.properties?.directoryName;
      if (typeof nested !== 'string')
        throw new CheckInputError(`${manifestLabel}: nested assembly ${id} has no directoryName`);
      const nestedLabel = path.join(label, nested);
      const nestedDir = resolveInside(within, dir, nested, nestedLabel);
      if (here.includes(nestedDir)) {
        const names = [...here.slice(here.indexOf(nestedDir)), nestedDir].map((d) =>
          path.join(within.label, path.relative(within.root, d)),
        );
        throw new CheckInputError(
          `${manifestLabel}: nested assembly ${id} forms a cycle (${names.join(' → ')}); refused`,
        );
      }
      if (here.length >= limits.maxAssemblyDepth)
        throw new CheckInputError(
          `${manifestLabel}: nested assemblies deeper than ${limits.maxAssemblyDepth} levels; refused`,
        );
      out.push(...readAssembly(within, nestedDir, nestedLabel, here, limits));
      continue;
    }
    if (a?.type !== 'aws:cloudformation:stack') continue;
    const file = a.properties?.templateFile;
    if (typeof file !== 'string') throw new CheckInputError(`${manifestLabel}: stack ${id} has no templateFile`);
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(typeof a.environment === 'string' ? a.environment : '');
    if (!env)
      throw new CheckInputError(`${manifestLabel}: stack ${id} has no environment of the form aws://account/region`);
    const [, account, region] = env;
    const templateLabel = path.join(label, file);
    out.push({
      stackName:
        typeof a.properties?.stackName === 'string'
          ? a.properties.stackName
          : typeof a.displayName === 'string'
            ? a.displayName
            : id,
      region: region.startsWith('unknown-') ? undefined : region,
      account: account.startsWith('unknown-') ? undefined : account,
      template: readTemplateFile(resolveInside(within, dir, file, templateLabel), templateLabel, false, limits),
      templateFile: templateLabel,
    });
  }
  return out;
}
