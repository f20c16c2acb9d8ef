import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');

/** Runs bin/app.ts the way the CDK CLI does: context in CDK_CONTEXT_JSON, output folder in CDK_OUTDIR. */
function runApp(context: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), 'cacr-app-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin', 'app.ts')], {
    cwd: root,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    encoding: 'utf8',
  });
  const wroteAssembly = existsSync(join(outdir, 'manifest.json'));
  rmSync(outdir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, wroteAssembly };
}

test('a bad config exits non-zero, lists every problem by path, and writes no cloud assembly', () => {
  const result = runApp({
    'caResidency.accountId': '12',
    'caResidency.recoveryRegion': 'us-east-1',
    'caResidency.backup.daily.retentionDays': '-3',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/4 problem\(s\)/);
  expect(result.stderr).toMatch(/- accountId: .*\(got "12"\)/);
  expect(result.stderr).toMatch(/- recoveryRegion: .*\(got "us-east-1"\)/);
  expect(result.stderr).toMatch(/- alerts\.critical: /);
  expect(result.stderr).toMatch(/- backup\.daily\.retentionDays: .*\(got -3\)/);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.wroteAssembly).toBe(false);
});

test('a bad multi-environment config exits non-zero and lists every problem with its path in the list', () => {
  const result = runApp({
    caResidency: {
      environments: [
        { name: 'prod', accountId: '111111111111' },
        { name: 'prod', accountId: '1111' },
      ],
    },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/- environments\[1\]\.accountId: must be a 12-digit AWS account id \(got "1111"\)/);
  expect(result.stderr).toMatch(/- environments\[1\]\.name: duplicates environments\[0\]\.name/);
  expect(result.stderr).toMatch(/- alerts\.critical: .*environment\(s\) prod/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.wroteAssembly).toBe(false);
});
