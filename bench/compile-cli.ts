import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { bundleCli } from '../scripts/bundle-cli';

const ROOT = path.join(__dirname, '..');

function sources(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p, ext);
    return e.name.endsWith(ext) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The compiler options `npm run build` uses (tsconfig.build.json), for emitting JavaScript only. */
function buildOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.build.json');
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
  return { ...parsed.options, sourceMap: false, declaration: false, noEmit: false };
}

/**
 * Compile the CLI as `npm run build` does, in a few seconds without type-checking (`npm test` type-checks): lib/
 * file by file to CommonJS with TypeScript's own emitter and the options of tsconfig.build.json (the project compiles
 * with isolatedModules, so a file's output does not depend on the others), and the command itself bundled into
 * `bin/ca-residency.js` by scripts/bundle-cli.ts. Written under node_modules/.cache so that the compiled files
 * resolve the project's dependencies. `extraEntries` (paths from the project root) are compiled alongside. Returns
 * the path of the bundled `bin/ca-residency.js`.
 */
export function compileCli(name = `cli-${process.pid}`, extraEntries: readonly string[] = []): string {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'ca-residency', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const compilerOptions = buildOptions();
  const entryPoints = [
    ...sources(path.join(ROOT, 'bin'), '.ts'),
    ...sources(path.join(ROOT, 'lib'), '.ts'),
    ...extraEntries.map((e) => path.join(ROOT, e)),
  ];
  for (const file of entryPoints) {
    const relative = path.relative(ROOT, file);
    const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: relative });
    const problems = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (problems.length > 0)
      throw new Error(`${relative}: ${ts.flattenDiagnosticMessageText(problems[0].messageText, '\n')}`);
    const target = path.join(outdir, relative.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.outputText);
  }
  for (const json of sources(path.join(ROOT, 'lib'), '.json')) {
    const target = path.join(outdir, path.relative(ROOT, json));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(json, target);
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(outdir, 'package.json'));
  const command = path.join(outdir, 'bin', 'ca-residency.js');
  bundleCli(command);
  return command;
}
