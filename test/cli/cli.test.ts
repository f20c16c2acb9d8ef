import * as fs from 'fs';
import * as path from 'path';
import { SUBCOMMANDS, writeFileAtomic } from '../../lib/cli';
import { run } from '../../bin/ca-residency';
import { tmpDir } from '../check/support';

function io(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), colour: false, cwd },
  };
}

describe('dispatch', () => {
  test('--help lists every subcommand with its summary and its full usage', async () => {
    const t = io();
    expect(await run(['--help'], t.io)).toBe(0);
    const help = t.out.join('');
    for (const c of SUBCOMMANDS) {
      expect(help).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
      expect(help).toContain(c.usage);
    }
  });

  test.each(SUBCOMMANDS.map((c) => c.name))(
    '%s --help prints that subcommand usage only, whatever else is on the line',
    async (name) => {
      const t = io();
      expect(await run([name, '--bogus-flag', '-h'], t.io)).toBe(0);
      expect(t.out.join('')).toMatch(new RegExp(`^Usage: ca-residency ${name}`));
      expect(t.err).toEqual([]);
    },
  );

  test.each([
    [['bogus'], "unknown command 'bogus'; the commands are check, report, verify, diff, policy"],
    [
      ['--region', 'ca-central-1', 'check', 'x'],
      "the command comes first, got '--region'; the commands are check, report, verify, diff, policy",
    ],
    [[], 'missing command; the commands are check, report, verify, diff, policy'],
  ])('%j: one line naming the known commands, exit 2', async (argv, message) => {
    const t = io();
    expect(await run(argv, t.io)).toBe(2);
    expect(t.err).toEqual([`ca-residency: ${message} (see ca-residency --help)\n`]);
    expect(t.out).toEqual([]);
  });

  test('an unwritable --output is refused before any input is read', async () => {
    const t = io();
    expect(
      await run(
        ['check', 'no-such-template.yaml', '--region', 'ca-central-1', '--output', 'no-such-dir/out.txt'],
        t.io,
      ),
    ).toBe(2);
    expect(t.err).toEqual([
      'ca-residency: no-such-dir/out.txt: cannot write the output file (its directory: ENOENT)\n',
    ]);
  });
});

describe('writeFileAtomic', () => {
  test('replaces the target whole and leaves no temporary file', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'report.json');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(fs.readFileSync(target, 'utf-8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['report.json']);
  });

  test('a failed write leaves the target untouched and no temporary file behind', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out');
    fs.mkdirSync(target); // rename over a directory fails
    expect(() => writeFileAtomic(target, 'text')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['out']);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  test('a symlink planted at the target is replaced, not followed', () => {
    const dir = tmpDir();
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'keep');
    fs.symlinkSync(victim, path.join(dir, 'out'));
    writeFileAtomic(path.join(dir, 'out'), 'report');
    expect(fs.readFileSync(victim, 'utf-8')).toBe('keep');
    expect(fs.lstatSync(path.join(dir, 'out')).isSymbolicLink()).toBe(false);
  });
});
