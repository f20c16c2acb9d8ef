import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResidencyReport } from '../../lib/report';

const root = path.join(__dirname, '..', '..');

test('a synth with pack findings still fails (exit 1), and the report with the findings is written into the assembly', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-failing-'));
  try {
    // As the CDK CLI runs an app: output folder in CDK_OUTDIR, not under jest (NODE_ENV unset).
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir };
    delete env.NODE_ENV;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures', 'app-with-finding.ts')],
      { cwd: root, env, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CaResidency');
    const report: ResidencyReport = JSON.parse(fs.readFileSync(path.join(outdir, 'residency-report.json'), 'utf-8'));
    expect(report.summary.failing).toBe(true);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'CaResidency-EncryptedAtRest',
      'CaResidency-EncryptedInTransit',
    ]);
    expect(fs.readFileSync(path.join(outdir, 'residency-report.md'), 'utf-8')).toContain('## Findings');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
