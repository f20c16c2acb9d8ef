import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { spawnSync } from 'child_process';
import { parse } from 'yaml';
import { run } from '../../lib/cli';
import { synthRecordsApp } from '../diff/apps';

const root = path.join(__dirname, '..', '..');
const workflow = parse(fs.readFileSync(path.join(root, '.github', 'workflows', 'residency.yml'), 'utf-8'));
const steps: {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  env?: Record<string, string>;
}[] = workflow.jobs.residency.steps;
const step = (pattern: RegExp) => {
  const found = steps.filter((s) => pattern.test(s.name ?? ''));
  expect(found).toHaveLength(1);
  return found[0];
};

/** Commands of .ci/run (skipping comments, set and cd lines). */
const ciCommands = fs
  .readFileSync(path.join(root, '.ci', 'run'), 'utf-8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '));
/** One-line npm/npx commands of the workflow, but the pull-request-only diff steps (run for real below). */
const workflowCommands = steps
  .filter((s) => !(s.if ?? '').includes("github.event_name == 'pull_request'"))
  .map((s) => s.run?.trim())
  .filter((r): r is string => r !== undefined && !r.includes('\n') && /^(npm|npx) /.test(r));

test('the workflow is valid YAML for pull requests and pushes, with the permissions its steps need', () => {
  expect(workflow.name).toBe('residency');
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', 'pull-requests': 'write' });
});

test('it checks out, sets up Node.js 20, installs, tests, synthesizes and checks, in that order', () => {
  expect(steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
  expect(steps[1].uses).toMatch(/^actions\/setup-node@v\d+$/);
  expect(steps[1].with?.['node-version']).toBe(20);
  expect(workflowCommands).toEqual([
    'npm ci --no-audit --no-fund',
    'npm test',
    'npx cdk synth --quiet',
    'npx tsx bin/ca-residency.ts check cdk.out',
    'npx tsx bin/ca-residency.ts check cdk.out --format sarif --output cdk.out/residency.sarif',
  ]);
});

test("its commands are the ones .ci/run runs (lint, benchmarks, the package smoke test and the example stay out of users' CI)", () => {
  // The project's own lint, example workload and benchmarks are project CI only.
  const projectOnly = (c: string) =>
    c === 'npm run lint' ||
    c.startsWith('npm run bench') ||
    c.startsWith('bash scripts/smoke-test-package.sh') ||
    c.startsWith('npm run synth:example') ||
    c.includes('cdk.out.example');
  expect(ciCommands.filter((c) => !projectOnly(c))).toEqual(workflowCommands);
  // Never force a synth past findings.
  for (const s of steps) expect(s.run ?? '').not.toContain('--ignore-errors');
});

test('SARIF goes to code scanning and the report to the job summary, even when the check failed', () => {
  const upload = step(/Upload SARIF/);
  expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  expect(upload.with?.sarif_file).toBe('cdk.out/residency.sarif');
  expect(step(/job summary/).run).toBe('cat cdk.out/residency-report.md >> "$GITHUB_STEP_SUMMARY"');
  // Report steps run even when the check failed, so reviewers see why.
  for (const s of [upload, step(/job summary/)]) expect(s.if).toContain('!cancelled()');
});

describe('the residency diff: pull-request comment and destructive-change gate, run for real', () => {
  // A base and a head whose only change renames a bucket (it is replaced), laid out as the workflow lays them out.
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-workflow-'));
    fs.renameSync(synthRecordsApp(), path.join(work, 'cdk.out.base'));
    fs.renameSync(synthRecordsApp({ bucketName: 'records-renamed' }), path.join(work, 'cdk.out'));
    // The repository's CLI and tools, as a checkout has them.
    for (const entry of ['bin', 'node_modules']) fs.symlinkSync(path.join(root, entry), path.join(work, entry));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  /** A step's script with its label expression evaluated for the given pull-request labels. */
  function scriptOf(s: { run?: string }, labels: string[]): string {
    const script = (s.run ?? '').replace(
      /\$\{\{ contains\(github\.event\.pull_request\.labels\.\*\.name, '([^']+)'\) && '([^']*)' \|\| '' \}\}/g,
      (_m, label: string, flag: string) => (labels.includes(label) ? flag : ''),
    );
    expect(script).not.toContain('${{');
    return script;
  }

  /** Run a step's script as GitHub runs `run:` (bash -e), with the given pull-request labels. */
  function runStep(s: { run?: string }, labels: string[] = []): { code: number; stdout: string } {
    const r = spawnSync('bash', ['-e', '-c', scriptOf(s, labels)], {
      cwd: work,
      encoding: 'utf-8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: r.status ?? -1, stdout: r.stdout };
  }

  test('the gate is ca-residency diff against the base synth; the allow-destructive-change label adds --allow-destructive', () => {
    const gate = step(/Destructive-change gate/);
    expect(gate.if).toContain("github.event_name == 'pull_request'");
    // No grep of printed text and no hand-written list of stateful types any more.
    expect(steps.map((x) => x.run ?? '').join('\n')).not.toMatch(/grep|STATEFUL|cdk diff/);
    expect(scriptOf(gate, [])).toBe('npx tsx bin/ca-residency.ts diff cdk.out.base cdk.out');
    expect(scriptOf(gate, ['docs', 'allow-destructive-change'])).toBe(
      'npx tsx bin/ca-residency.ts diff cdk.out.base cdk.out --allow-destructive',
    );
    expect(scriptOf(gate, ['allow-destructive'])).toBe(scriptOf(gate, []));
    const blocked = runStep(gate);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('! Records091F6ECA (AWS::S3::Bucket) replaced: holds data');
    expect(blocked.stdout).toContain('fails: 1 data-holding resource(s) would be replaced or destroyed.');
  });

  test('with the label the same command passes, saying what it lets through (run in-process: one process start is enough)', async () => {
    const command = scriptOf(step(/Destructive-change gate/), ['allow-destructive-change']);
    const argv = command.replace(/^npx tsx bin\/ca-residency\.ts /, '').split(' ');
    let stdout = '';
    const code = await run(argv, { stdout: (t) => (stdout += t), stderr: () => undefined, colour: false, cwd: work });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'passes: 1 data-holding resource(s) replaced or destroyed, allowed by --allow-destructive.',
    );
  });

  interface Comment {
    id: number;
    body: string;
    user: { type: string };
  }
  /** A pull request's comments and the parts of the github-script API the step calls. */
  function fakePullRequest(existing: Comment[] = []) {
    const comments = [...existing];
    const rest = {
      issues: {
        listComments: async () => ({ data: comments }),
        createComment: async ({ body }: { body: string }) => {
          comments.push({ id: comments.length + 100, body, user: { type: 'Bot' } });
        },
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          comments.find((c) => c.id === comment_id)!.body = body;
        },
      },
    };
    // paginate(list, params) returns every item of every page: one page is enough here.
    const github = { rest, paginate: async (list: () => Promise<{ data: Comment[] }>) => (await list()).data };
    return { comments, github };
  }

  /** Runs the comment step's script as actions/github-script does (an async function body), in folder `cwd`. */
  async function runCommentStep(github: unknown, cwd: string): Promise<void> {
    const comment = step(/as one pull-request comment/);
    expect(comment.uses).toMatch(/^actions\/github-script@v\d+$/);
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
    // The script's only require is `fs`, reading the report relative to the job's working directory.
    const requireInJob = (name: string) => {
      if (name !== 'fs') throw new Error(`the comment script requires ${name}: give the fake job that module too`);
      return { readFileSync: (f: string, enc: BufferEncoding) => fs.readFileSync(path.join(cwd, f), enc) };
    };
    await new AsyncFunction('require', 'github', 'context', String(comment.with?.script))(
      requireInJob,
      github,
      context,
    );
  }
  const FOOTER = '\n_The full residency report of this branch is in the job summary._\n';

  test('the comment is the diff in Markdown, written even when the gate fails; one comment, updated in place', async () => {
    const diffStep = step(/Residency diff in Markdown/);
    for (const s of [diffStep, step(/as one pull-request comment/)]) expect(s.if).toContain('!cancelled()');
    expect(runStep(diffStep).code).toBe(0);
    const markdown = fs.readFileSync(path.join(work, 'residency-diff.md'), 'utf-8');
    expect(markdown).toMatch(/^## Residency diff\n\n❌ \*\*fails: 1 data-holding resource/);

    const pr = fakePullRequest([{ id: 1, body: 'LGTM', user: { type: 'User' } }]);
    await runCommentStep(pr.github, work);
    await runCommentStep(pr.github, work);
    expect(pr.comments.map((c) => c.body)).toEqual(['LGTM', `<!-- ca-residency-report -->\n${markdown}${FOOTER}`]);
  });

  test("a person's comment quoting the marker is never overwritten; a diff over GitHub's limit is cut and says so", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-script-'));
    try {
      fs.writeFileSync(path.join(cwd, 'residency-diff.md'), 'x'.repeat(70000));
      const pr = fakePullRequest([{ id: 1, body: '<!-- ca-residency-report -->\nmine', user: { type: 'User' } }]);
      await runCommentStep(pr.github, cwd);
      expect(pr.comments[0].body).toBe('<!-- ca-residency-report -->\nmine');
      expect(pr.comments[1].body.length).toBeLessThanOrEqual(65536);
      expect(pr.comments[1].body).toMatch(
        /\(truncated: run ca-residency diff locally for all of it\)\n_The full residency report/,
      );
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
