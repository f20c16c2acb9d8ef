import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../lib/cli';
import { ResidencyDiff } from '../../lib/diff';
import { tmpDir } from '../check/support';
import { synthRecordsApp } from './apps';

/** `ca-residency …` in-process through the dispatcher, as the installed command runs it. */
async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), colour: false, cwd });
  return { code, stdout, stderr };
}

let work: string;
beforeAll(() => {
  work = tmpDir('ca-residency-diff-cli-');
  fs.renameSync(synthRecordsApp(), path.join(work, 'base.out'));
  fs.renameSync(synthRecordsApp({ bucketName: 'records-renamed' }), path.join(work, 'head.out'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('exit 1 when a data-holding resource would be replaced; 0 with --allow-destructive; base against itself 0', async () => {
  const blocked = await cli(['diff', 'base.out', 'head.out', '--date', '2026-11-28'], work);
  expect(blocked).toMatchObject({ code: 1, stderr: '' });
  expect(blocked.stdout).toMatch(/^Residency diff: 2 stack\(s\): 1 changed/);
  expect(blocked.stdout).toContain('    ! Records091F6ECA (AWS::S3::Bucket) replaced: holds data\n');
  expect((await cli(['diff', 'base.out', 'head.out', '--allow-destructive'], work)).code).toBe(0);
  const same = await cli(['diff', 'base.out', 'base.out', '--format', 'markdown'], work);
  expect(same.code).toBe(0);
  expect(same.stdout).toContain('Unchanged: Data (ca-central-1), Replica (ca-west-1)');
});

test('--format json --output writes the whole diff to the file and one line on stderr', async () => {
  const r = await cli(['diff', 'base.out', 'head.out', '--format', 'json', '--output', 'diff.json'], work);
  expect(r).toMatchObject({
    code: 1,
    stdout: '',
    stderr: '2 destructive change(s), 0 finding(s) added; json report written to diff.json\n',
  });
  const diff: ResidencyDiff = JSON.parse(fs.readFileSync(path.join(work, 'diff.json'), 'utf-8'));
  expect(diff.summary).toEqual({
    destructive: 2,
    dataStoresAdded: 0,
    dataStoresRemoved: 0,
    dataStoresChanged: 0,
    findingsAdded: 0,
    findingsRemoved: 0,
  });
  expect(diff.stacks.map((s) => [s.stack, s.status])).toEqual([
    ['Data', 'changed'],
    ['Replica', 'unchanged'],
  ]);
});

test.each([
  [['diff'], /^ca-residency: diff needs two cloud assembly directories \(base, then head\), got 0/],
  [['diff', 'base.out'], /got 1/],
  [['diff', 'base.out', 'head.out', 'third'], /got 3/],
  [['diff', 'base.out', 'missing'], /^ca-residency: missing: not a directory; diff compares two cloud assemblies/],
  [['diff', 'base.out', 'head.out/manifest.json'], /head.out\/manifest.json: not a directory/],
  [['diff', 'base.out', 'head.out', '--format', 'sarif'], /--format must be one of text, json, markdown, got 'sarif'/],
  [['diff', 'base.out', 'head.out', '--date', '2026-02-30'], /--date must be a day as YYYY-MM-DD, got '2026-02-30'/],
  [['diff', 'base.out', 'head.out', '--allow-destructive=yes'], /diff: .*allow-destructive/],
  [['diff', 'base.out', 'head.out', '--output', 'no-such-dir/x.md'], /no-such-dir\/x.md: cannot write the output file/],
])('bad input %j: one line on stderr, exit 2, nothing on stdout', async (argv, message) => {
  const r = await cli(argv, work);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
});

test('a directory that is not a cloud assembly, or a template without types, is named in the one-line error', async () => {
  fs.mkdirSync(path.join(work, 'empty'), { recursive: true });
  const notAssembly = await cli(['diff', 'empty', 'head.out'], work);
  expect(notAssembly.code).toBe(2);
  expect(notAssembly.stderr).toBe('ca-residency: empty: a directory without manifest.json is not a cloud assembly\n');

  const broken = path.join(work, 'broken.out');
  fs.cpSync(path.join(work, 'head.out'), broken, { recursive: true });
  const file = path.join(broken, 'Data.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf-8'));
  template.Resources.Records091F6ECA.Type = 42;
  fs.writeFileSync(file, JSON.stringify(template));
  const r = await cli(['diff', 'base.out', 'broken.out', '--output', 'never.txt'], work);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^ca-residency: .*Data\.template\.json.*Records091F6ECA/);
  expect(fs.existsSync(path.join(work, 'never.txt'))).toBe(false);
});

test('diff has its help and is listed in the overall help', async () => {
  const help = await cli(['diff', '--help'], work);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: ca-residency diff <base cdk.out> <head cdk.out> \[options\]/);
  expect((await cli(['--help'], work)).stdout).toMatch(
    /\n {2}diff +what a change between two cloud assemblies does to data/,
  );
});
