import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { parse } from 'yaml';

const root = path.join(__dirname, '..', '..');
const workflow = parse(fs.readFileSync(path.join(root, '.github', 'workflows', 'residency.yml'), 'utf-8'));
const steps: { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }[] = workflow.jobs.residency.steps;
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
/** One-line npm/npx commands of the workflow (the gate's script is checked on its own). */
const workflowCommands = steps.map((s) => s.run?.trim()).filter((r): r is string => r !== undefined && !r.includes('\n') && /^(npm|npx) /.test(r));

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

test('its commands are the ones .ci/run runs (benchmarks and the package smoke test stay out of users\' CI)', () => {
  const projectOnly = (c: string) => c.startsWith('npm run bench') || c.startsWith('bash scripts/smoke-test-package.sh');
  expect(ciCommands.filter((c) => !projectOnly(c))).toEqual(workflowCommands);
  // Never force a synth past findings.
  for (const s of steps) expect(s.run ?? '').not.toContain('--ignore-errors');
});

test('SARIF goes to code scanning and the report to the job summary and a pull-request comment, even when the check failed', () => {
  const upload = step(/Upload SARIF/);
  expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  expect(upload.with?.sarif_file).toBe('cdk.out/residency.sarif');
  expect(step(/job summary/).run).toBe('cat cdk.out/residency-report.md >> "$GITHUB_STEP_SUMMARY"');
  const comment = step(/pull-request comment/);
  expect(comment.uses).toMatch(/^actions\/github-script@v\d+$/);
  // Report steps run even when the check failed, so reviewers see why.
  for (const s of [upload, step(/job summary/), comment]) expect(s.if).toContain('!cancelled()');
});

describe('the pull-request comment script, run against a fake pull request', () => {
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

  /** Runs the step's script as actions/github-script does (an async function body), in a folder holding `report`. */
  async function runCommentStep(github: unknown, report: string): Promise<void> {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-script-'));
    fs.mkdirSync(path.join(cwd, 'cdk.out'));
    fs.writeFileSync(path.join(cwd, 'cdk.out', 'residency-report.md'), report);
    const script = String(step(/pull-request comment/).with?.script);
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
    const readFromCwd = (name: string) => (name === 'fs' ? { readFileSync: (f: string, enc: string) => fs.readFileSync(path.join(cwd, f), enc as BufferEncoding) } : require(name));
    await new AsyncFunction('require', 'github', 'context', script)(readFromCwd, github, context);
  }

  test('the first run creates one comment; later runs update it in place', async () => {
    const pr = fakePullRequest([{ id: 1, body: 'LGTM', user: { type: 'User' } }]);
    await runCommentStep(pr.github, '# Report v1');
    await runCommentStep(pr.github, '# Report v2');
    expect(pr.comments.map((c) => c.body)).toEqual(['LGTM', '<!-- ca-residency-report -->\n# Report v2']);
  });

  test("a person's comment quoting the marker is never overwritten", async () => {
    const pr = fakePullRequest([{ id: 1, body: '<!-- ca-residency-report -->\nmine', user: { type: 'User' } }]);
    await runCommentStep(pr.github, '# Report');
    expect(pr.comments.map((c) => c.body)).toEqual(['<!-- ca-residency-report -->\nmine', '<!-- ca-residency-report -->\n# Report']);
  });

  test('a report over GitHub\'s comment limit is cut and says where the full report is', async () => {
    const pr = fakePullRequest();
    await runCommentStep(pr.github, 'x'.repeat(70000));
    expect(pr.comments[0].body.length).toBeLessThanOrEqual(65536);
    expect(pr.comments[0].body).toMatch(/truncated: the full report is in the job summary\)$/);
  });
});

test('the destructive-change gate diffs against the base branch and fails on stateful replacement or destruction unless labelled', () => {
  const gate = step(/Destructive-change gate/);
  expect(gate.env?.ALLOW_DESTRUCTIVE).toContain("'allow-destructive-change'");
  const script = gate.run ?? '';
  expect(script).toContain('npx cdk diff --app cdk.out --exclusively');
  const stateful = new RegExp(/STATEFUL='([^']+)'/.exec(script)![1]);
  // The grep of the gate, applied to lines as `cdk diff` prints them.
  const destructive = (line: string) =>
    new RegExp(`^\\[-\\] ${stateful.source} `).test(line) || new RegExp(`^\\[~\\] ${stateful.source} .*(replace|may be replaced)$`).test(line);
  expect(destructive('[-] AWS::DynamoDB::Table OldTable destroy')).toBe(true);
  expect(destructive('[~] AWS::S3::Bucket DataBucket/Bucket DataBucketBD860FE1 replace')).toBe(true);
  expect(destructive('[~] AWS::KMS::Key Foundation/DataKey Key1 may be replaced')).toBe(true);
  expect(destructive('[~] AWS::S3::BucketPolicy DataBucket/Bucket/Policy P1 replace')).toBe(false);
  expect(destructive('[~] AWS::S3::Bucket DataBucket/Bucket DataBucketBD860FE1 ')).toBe(false);
  expect(destructive('[+] AWS::S3::Bucket New N1 ')).toBe(false);
  for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Backup::BackupVault', 'AWS::Logs::LogGroup', 'AWS::DynamoDB::Table', 'AWS::RDS::DBCluster']) {
    expect(stateful.test(type)).toBe(true);
  }
  expect(script).toMatch(/exit 1/);
});
