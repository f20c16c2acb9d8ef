import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { main } from '../../bin/ca-residency';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'check');
export const REAL = path.join(FIXTURES, 'real');

/** Run the CLI in-process; returns exit code and what it wrote. */
export function runCli(
  argv: string[],
  opts: { colour?: boolean; cwd?: string } = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    colour: opts.colour ?? false,
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory. */
export function tmpDir(prefix = 'ca-residency-check-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An app writing into a temporary directory, without CDK's WebAssembly validator (our pack still runs). */
export function tmpApp(context: Record<string, unknown> = {}): App {
  return new App({
    outdir: tmpDir('ca-residency-asm-'),
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:enable-path-metadata': true, ...context },
  });
}

/** The CaResidency plugin report of a synthesized app ({ violations: [], suppressedViolations: [] } when CDK left it out). */
export function packReport(outdir: string): { violations: any[]; suppressedViolations: any[] } {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return { violations: [], suppressedViolations: [] };
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const ours = report.pluginReports.find((p: any) => p.pluginName === 'CaResidency');
  return { violations: ours?.violations ?? [], suppressedViolations: ours?.suppressedViolations ?? [] };
}

/** `ruleId stack logicalId path severity` of the pack's failing violations (info = exempted, left out). */
export function packKeys(outdir: string, stackName?: (s: string) => string): string[] {
  return packReport(outdir)
    .violations.filter((v) => v.severity !== 'info')
    .map(
      (v) =>
        `${v.ruleName} ${stackName ? stackName(v.ruleMetadata.stack) : v.ruleMetadata.stack} ${v.ruleMetadata.logicalId} ${v.ruleMetadata.path} ${v.severity}`,
    )
    .sort();
}

/** The same key over the CLI's JSON findings. */
export function cliKeys(json: string, stackName?: (s: string) => string): string[] {
  return (JSON.parse(json).findings as any[])
    .map((f) => `${f.ruleId} ${stackName ? stackName(f.stack) : f.stack} ${f.logicalId} ${f.path} ${f.severity}`)
    .sort();
}
