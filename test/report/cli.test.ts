import * as fs from 'fs';
import * as path from 'path';
import { ResidencyReport } from '../../lib/report';
import { runCli, tmpDir } from '../check/support';
import { SAMPLE_DATE } from '../support/reference-assembly';

const FIXTURE = path.join(__dirname, 'fixtures', 'records.template.json');

/** A minimal cloud assembly around the fixture template, as `cdk synth` lays it out. */
function assembly(): string {
  const dir = tmpDir('ca-residency-report-cli-');
  fs.copyFileSync(FIXTURE, path.join(dir, 'Records.template.json'));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      version: '48.0.0',
      artifacts: {
        Records: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111122223333/ca-central-1',
          properties: { templateFile: 'Records.template.json' },
        },
      },
    }),
  );
  return dir;
}

test('report prints Markdown by default and writes JSON with --format json --output, judged on --date', () => {
  const dir = assembly();
  const md = runCli(['report', dir, '--date', '2026-01-15']);
  expect(md.code).toBe(0);
  expect(md.stdout).toMatch(/^# Residency report\n\nEvaluated on 2026-01-15: 1 stack\(s\)/);
  expect(md.stdout).toContain('⚠️ **2026-02-01** (17 day(s) left)');
  const out = path.join(dir, 'report.json');
  const json = runCli(['report', dir, '--format', 'json', '--output', out, '--date', SAMPLE_DATE]);
  expect(json.code).toBe(0);
  expect(json.stderr).toMatch(/markdown|json report written to/);
  const report: ResidencyReport = JSON.parse(fs.readFileSync(out, 'utf-8'));
  expect(report.evaluationDate).toBe(SAMPLE_DATE);
  expect(report.stacks[0]).toMatchObject({
    stackName: 'Records',
    region: 'ca-central-1',
    templateFile: 'Records.template.json',
  });
  // Exit 0 although the assembly has findings: check is what fails a build.
  expect(report.summary.failing).toBe(true);
});

test.each([
  [['report'], /needs exactly one cloud assembly directory, got 0/],
  [['report', 'a', 'b'], /got 2/],
  [['report', 'missing-dir'], /^ca-residency: missing-dir: not a directory/],
  [['report', '.', '--format', 'sarif'], /--format must be one of markdown, json, got 'sarif'/],
  [['report', '.', '--date', '2026-13-01'], /--date must be a day as YYYY-MM-DD/],
  [['report', '.', '--bogus'], /Unknown option '--bogus'/],
])('bad input %j exits 2 with one line', (argv, message) => {
  const r = runCli(argv, { cwd: path.join(__dirname, 'fixtures') });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
});

test('a directory without manifest.json is named in the error', () => {
  const dir = tmpDir();
  const r = runCli(['report', dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${dir}: a directory without manifest.json is not a cloud assembly`);
});

test('report --help prints its usage', () => {
  const r = runCli(['report', '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: ca-residency report <cdk.out>/);
});
