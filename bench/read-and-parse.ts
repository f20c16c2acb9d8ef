import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The least any checker must do: read every stack template named in the manifest and JSON.parse it. Returns the
 * number of resources. Imports nothing but fs and path, so that as a process (`node read-and-parse.js <dir>`) it is
 * the floor of a whole `check` run too.
 */
export function readAndParse(assemblyDir: string): number {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  let resources = 0;
  for (const artifact of Object.values(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(assemblyDir, artifact.properties.templateFile), 'utf8')) as {
      Resources?: object;
    };
    resources += Object.keys(template.Resources ?? {}).length;
  }
  return resources;
}

if (require.main === module) process.stdout.write(`${readAndParse(process.argv[2])}\n`);
