import * as fs from 'fs';
import * as path from 'path';
import { TemplateUnderTest } from '../rules';
import { CheckInputError } from './input-error';
import { readTemplateFile } from './read-template';

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string; readonly directoryName?: string };
}

/**
 * Read a cloud assembly directory (what `cdk synth` writes): every `aws:cloudformation:stack` artifact of
 * `manifest.json` with its environment region (`aws://account/region`, `unknown-…` meaning not known), and
 * the nested assemblies of CDK Stages (`cdk:cloud-assembly` artifacts), recursively.
 * `label` is how the directory is named in template paths and messages.
 */
export function readCloudAssembly(dir: string, label: string = dir): TemplateUnderTest[] {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifestLabel = path.join(label, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new CheckInputError(`${label}: a directory without manifest.json is not a cloud assembly`);
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
  } catch (e) {
    throw new CheckInputError(`${manifestLabel}: not valid JSON: ${(e as Error).message}`);
  }
  if (manifest === null || typeof manifest !== 'object') throw new CheckInputError(`${manifestLabel}: not a cloud assembly manifest`);
  const out: TemplateUnderTest[] = [];
  for (const [id, a] of Object.entries(manifest.artifacts ?? {})) {
    if (a?.type === 'cdk:cloud-assembly') {
      const nested = a.properties?.directoryName;
      if (typeof nested !== 'string') throw new CheckInputError(`${manifestLabel}: nested assembly ${id} has no directoryName`);
      out.push(...readCloudAssembly(path.join(dir, nested), path.join(label, nested)));
      continue;
    }
    if (a?.type !== 'aws:cloudformation:stack') continue;
    const file = a.properties?.templateFile;
    if (typeof file !== 'string') throw new CheckInputError(`${manifestLabel}: stack ${id} has no templateFile`);
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(a.environment ?? '');
    if (!env) throw new CheckInputError(`${manifestLabel}: stack ${id} has no environment of the form aws://account/region`);
    const [, account, region] = env;
    const templateLabel = path.join(label, file);
    out.push({
      stackName: a.properties?.stackName ?? a.displayName ?? id,
      region: region.startsWith('unknown-') ? undefined : region,
      account: account.startsWith('unknown-') ? undefined : account,
      template: readTemplateFile(path.join(dir, file), templateLabel, false),
      templateFile: templateLabel,
    });
  }
  return out;
}
