import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

function sources(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p, ext);
    return e.name.endsWith(ext) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Compile the CLI (bin/ and lib/) to CommonJS file by file, as `npm run build` lays out dist/ but in well under a
 * second (esbuild transpiles; `npm test` type-checks). Written under node_modules/.cache so that the compiled files
 * resolve the project's dependencies. `extraEntries` (paths from the project root) are compiled alongside. Returns the
 * path of the compiled `bin/ca-residency.js`.
 */
export function compileCli(name = `cli-${process.pid}`, extraEntries: readonly string[] = []): string {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'ca-residency', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const entryPoints = [
    ...sources(path.join(ROOT, 'bin'), '.ts'),
    ...sources(path.join(ROOT, 'lib'), '.ts'),
    ...extraEntries.map((e) => path.join(ROOT, e)),
  ];
  buildSync({
    entryPoints,
    outdir,
    outbase: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  for (const json of sources(path.join(ROOT, 'lib'), '.json')) {
    const target = path.join(outdir, path.relative(ROOT, json));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(json, target);
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(outdir, 'package.json'));
  return path.join(outdir, 'bin', 'ca-residency.js');
}
