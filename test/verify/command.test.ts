import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runVerify } from '../../lib/cli/verify';
import { VERIFY_RULES } from '../../lib/verify';
import { compliantBucket, FakeAccount } from './fake-account';
import { FINDING_JSON_FIELDS } from '../support/finding-json-fields';

function io(extra: { stderrIsTTY?: boolean; cwd?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
      colour: false,
      cwd: extra.cwd ?? process.cwd(),
      stderrIsTTY: extra.stderrIsTTY,
    },
  };
}

const fast = { sleep: async () => undefined };
const account = () =>
  new FakeAccount({
    'good-bucket': compliantBucket('good-bucket'),
    'old-us-bucket': compliantBucket('old-us-bucket', ''),
    unversioned: compliantBucket('unversioned', 'ca-west-1', { versioning: undefined }),
  });

test('text output groups findings by bucket and ends with the counts; exit 1 on a failing finding', async () => {
  const t = io();
  const code = await runVerify([], t.io, { clients: account().clients(), ...fast });
  expect(code).toBe(1);
  const text = t.out.join('');
  expect(text).toContain('old-us-bucket (us-east-1)\n  FATAL   CaResidency-Verify-BucketRegion');
  expect(text.trim().split('\n').pop()).toBe(
    '2 failing finding(s); 2 of 3 bucket(s) non-compliant, 1 with residency drift',
  );
  expect(t.err).toEqual([]);
});

test("the SDK's Node version notice is switched off with its own variable, unless the user set it", async () => {
  const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  try {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    await runVerify(['--bucket', 'good-bucket'], io().io, { clients: account().clients(), ...fast });
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'false';
    await runVerify(['--bucket', 'good-bucket'], io().io, { clients: account().clients(), ...fast });
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('false');
  } finally {
    if (saved === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    else process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
  }
});

test('exit 0 when every bucket complies (a warning does not fail)', async () => {
  const t = io();
  const a = new FakeAccount({
    'good-bucket': compliantBucket('good-bucket', 'ca-central-1', {
      encryption: { algorithm: 'aws:kms', keyId: 'k', bucketKey: false },
    }),
  });
  expect(await runVerify(['--bucket', 'good-bucket'], t.io, { clients: a.clients(), ...fast })).toBe(0);
  expect(t.out.join('')).toContain('WARNING CaResidency-Verify-BucketKey');
});

test('json: the finding shape of check plus buckets and summary', async () => {
  const t = io();
  await runVerify(['--format', 'json', '--bucket', 'good-bucket,old-us-bucket'], t.io, {
    clients: account().clients(),
    ...fast,
  });
  const doc = JSON.parse(t.out.join(''));
  expect(Object.keys(doc.findings[0])).toEqual(FINDING_JSON_FIELDS);
  expect(doc.buckets).toEqual([
    { bucket: 'good-bucket', region: 'ca-central-1', compliant: true },
    { bucket: 'old-us-bucket', region: 'us-east-1', compliant: false },
  ]);
  expect(doc.summary).toMatchObject({ buckets: 2, nonCompliantBuckets: 1, residencyDrift: 1, findings: 1 });
});

test('sarif carries the verify rules with their summaries; markdown has a table', async () => {
  const s = io();
  await runVerify(['--format', 'sarif'], s.io, { clients: account().clients(), ...fast });
  const rules = JSON.parse(s.out.join('')).runs[0].tool.driver.rules as {
    id: string;
    shortDescription: { text: string };
  }[];
  expect(rules.find((r) => r.id === 'CaResidency-Verify-Versioning')!.shortDescription.text).toBe(
    VERIFY_RULES['CaResidency-Verify-Versioning'].summary,
  );
  const m = io();
  await runVerify(['--format', 'markdown'], m.io, { clients: account().clients(), ...fast });
  expect(m.out.join('')).toContain('| fatal | CaResidency-Verify-BucketRegion | `old-us-bucket` | us-east-1 |');
});

test('--output writes the report whole; the progress line is drawn on a TTY only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-'));
  try {
    const t = io({ stderrIsTTY: true, cwd: dir });
    await runVerify(['--output', 'report.json', '--format', 'json'], t.io, { clients: account().clients(), ...fast });
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.buckets).toBe(3);
    expect(t.err.join('')).toContain('\rchecked 3/3 bucket(s)\n');
    const quiet = io();
    await runVerify([], quiet.io, { clients: account().clients(), ...fast });
    expect(quiet.err.join('')).not.toContain('checked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.each([
  [['--format', 'xml'], "--format must be one of text, json, sarif, markdown, got 'xml'"],
  [
    ['--allowed-regions', 'ca-central-1,us-east-1'],
    'allowedRegions: only Canadian regions (ca-central-1, ca-west-1) can be allowed (got "us-east-1")',
  ],
  [['--canary-timeout', '0'], "--canary-timeout must be whole seconds from 1 to 3600, got '0'"],
  [['--canary-replica', 'x-bucket'], '--canary-replica needs --canary BUCKET'],
  [['--bucket', 'Not_A_Bucket'], 'bucket: "Not_A_Bucket" is not a valid S3 bucket name'],
  [['--nope'], "verify: Unknown option '--nope'"],
  [['--canary', 'Bad_Bucket'], '--canary: "Bad_Bucket" is not a valid S3 bucket name'],
  [['--canary', 'good-bucket', '--canary-replica', 'a..b'], '--canary-replica: "a..b" is not a valid S3 bucket name'],
  [['--allowed-regions', ''], "--allowed-regions must name at least one region, got ''"],
  [['--home-region', 'Canada'], "--home-region must be a region name such as ca-central-1, got 'Canada'"],
  [
    ['--output', 'no-such-dir/report.json'],
    'no-such-dir/report.json: cannot write the output file (its directory: ENOENT)',
  ],
])('usage error %j: exit 2 with one line, before any AWS call', async (argv, message) => {
  const t = io();
  const a = account();
  expect(await runVerify(argv, t.io, { clients: a.clients(), ...fast })).toBe(2);
  expect(a.s3Clients.size + a.kmsClients.size).toBe(0);
  expect(t.err).toHaveLength(1);
  expect(t.err[0]).toContain(message);
  expect(t.err[0].trim().split('\n')).toHaveLength(1);
  expect(t.out).toEqual([]);
});

test('--help prints the usage with the permissions file', async () => {
  const { run } = await import('../../bin/ca-residency');
  const t = io();
  expect(await run(['verify', '--help'], t.io)).toBe(0);
  expect(t.out.join('')).toContain('docs/verify-iam-policy.json');
});

test('a bucket named on the command line that does not exist is a finding, not "1 of 0 bucket(s)"', async () => {
  const t = io();
  expect(await runVerify(['--bucket', 'gone-bucket'], t.io, { clients: account().clients(), ...fast })).toBe(1);
  const last = t.out.join('').trim().split('\n').pop();
  expect(last).toBe('1 failing finding(s); 0 of 0 bucket(s) non-compliant, 0 with residency drift');
});

test('no credentials in the environment: exit 2 with one line, not a finding per bucket', async () => {
  const t = io();
  const a = account();
  a.listErrors.push(
    Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
  );
  expect(await runVerify([], t.io, { clients: a.clients(), ...fast })).toBe(2);
  expect(t.err).toEqual([
    'ca-residency: no AWS credentials found (CredentialsProviderError); set AWS_PROFILE or credentials for the account to verify\n',
  ]);
});

test('the ca-residency entry dispatches to each subcommand and --help lists them all', async () => {
  const { run } = await import('../../bin/ca-residency');
  const v = io();
  expect(await run(['verify', '--help'], v.io)).toBe(0);
  expect(v.out.join('')).toMatch(/^Usage: ca-residency verify/);
  const c = io();
  expect(await run(['--help'], c.io)).toBe(0);
  const help = c.out.join('');
  expect(help).toMatch(/^Usage: ca-residency <command>/);
  for (const usage of [
    'Usage: ca-residency check <path>...',
    'Usage: ca-residency report <cdk.out>',
    'Usage: ca-residency verify',
  ])
    expect(help).toContain(usage);
});
