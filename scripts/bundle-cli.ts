/**
 * The `ca-residency` command as one file. `check` runs in CI on every pull request, and a fresh Node process spends a
 * large part of a run loading modules: resolving, reading and compiling ~80 files of `dist/` costs ~40 ms more than
 * one bundled file. Bundled from the TypeScript sources, imports become direct references (no `require` and no
 * property read per call). Dependencies stay outside (`packages: 'external'`) and are required when a subcommand
 * first needs them, so `check` still never loads the AWS SDK, and `yaml` only for a YAML file.
 *
 * `npm run build` calls this after `tsc` (it replaces tsc's `dist/bin/ca-residency.js`); the benchmarks and the
 * hostile-input tests bundle the same way (bench/compile-cli.ts), so they measure and test what is shipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');

/** Bundle bin/ca-residency.ts into `outfile` (CommonJS for Node 20, the same exports `main` and `run`). */
export function bundleCli(outfile: string): void {
  buildSync({
    entryPoints: [path.join(ROOT, 'bin', 'ca-residency.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.build.json'),
    logLevel: 'warning',
  });
  // tsc's source map described the file this one replaces.
  fs.rmSync(`${outfile}.map`, { force: true });
}

if (require.main === module) bundleCli(path.join(ROOT, 'dist', 'bin', 'ca-residency.js'));
