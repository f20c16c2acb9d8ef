import * as fs from 'fs';
import * as path from 'path';
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

test('SARIF goes to code scanning and the report to the job summary and one pull-request comment', () => {
  const upload = step(/Upload SARIF/);
  expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  expect(upload.with?.sarif_file).toBe('cdk.out/residency.sarif');
  expect(step(/job summary/).run).toBe('cat cdk.out/residency-report.md >> "$GITHUB_STEP_SUMMARY"');
  const comment = step(/pull-request comment/);
  expect(comment.uses).toMatch(/^actions\/github-script@v\d+$/);
  const script = String(comment.with?.script);
  expect(script).toContain("const marker = '<!-- ca-residency-report -->'");
  expect(script).toContain('updateComment');
  expect(script).toContain('createComment');
  // Report steps run even when the check failed, so reviewers see why.
  for (const s of [upload, step(/job summary/), comment]) expect(s.if).toContain('!cancelled()');
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
