import {
  regionalClients,
  resolveVerifyOptions,
  verifyAccount,
  VerifyFinding,
  VerifyInputError,
} from '../../lib/verify';
import { ACCOUNT, awsError, compliantBucket, FakeAccount, FakeBucket, instantSleep, keyArn } from './fake-account';

const CA = 'ca-central-1';
const WEST = 'ca-west-1';

async function run(
  buckets: Record<string, FakeBucket>,
  options: Parameters<typeof verifyAccount>[1] = {},
  setup?: (a: FakeAccount) => void,
) {
  const account = new FakeAccount(buckets);
  setup?.(account);
  const { sleep, pauses } = instantSleep();
  const result = await verifyAccount(account.clients(), { retry: { sleep }, ...options });
  return { result, account, pauses };
}

function rulesOf(findings: readonly VerifyFinding[], bucket?: string): string[] {
  return findings.filter((f) => bucket === undefined || f.bucket === bucket).map((f) => `${f.ruleId} ${f.path}`);
}

describe('a compliant account', () => {
  test('has no finding, and each bucket is checked through a client of its own region', async () => {
    const { result, account } = await run({
      'data-ca': compliantBucket('data-ca'),
      'replica-west': compliantBucket('replica-west', WEST),
    });
    expect(result.findings).toEqual([]);
    expect(result.buckets.map((b) => [b.bucket, b.region])).toEqual([
      ['data-ca', CA],
      ['replica-west', WEST],
    ]);
    expect(result.nonCompliantBuckets).toBe(0);
    expect(account.calls).toContain(`GetBucketVersioning replica-west @${WEST}`);
    expect(account.calls.filter((c) => c.startsWith('DescribeKey')).sort()).toEqual([
      `DescribeKey ${keyArn(CA, `${CA}-data`)} @${CA}`,
      `DescribeKey ${keyArn(WEST, `${WEST}-data`)} @${WEST}`,
    ]);
  });
});

describe('location', () => {
  test("an empty LocationConstraint is us-east-1: a fatal residency finding; legacy 'EU' is eu-west-1", async () => {
    const { result } = await run({ old: compliantBucket('old', ''), legacy: compliantBucket('legacy', 'EU') });
    const old = result.findings.find((f) => f.bucket === 'old' && f.ruleId === 'CaResidency-Verify-BucketRegion')!;
    expect(old).toMatchObject({
      severity: 'fatal',
      category: 'residency',
      region: 'us-east-1',
      path: 'GetBucketLocation.LocationConstraint',
    });
    expect(old.message).toContain('us-east-1');
    expect(
      result.findings.find((f) => f.bucket === 'legacy' && f.ruleId === 'CaResidency-Verify-BucketRegion')!.region,
    ).toBe('eu-west-1');
    expect(result.residencyDrift).toBe(2);
  });

  test('the allowed regions can be narrowed to ca-central-1, and only Canadian regions can be allowed', async () => {
    const { result } = await run({ w: compliantBucket('w', WEST) }, { allowedRegions: [CA] });
    expect(rulesOf(result.findings)).toEqual(['CaResidency-Verify-BucketRegion GetBucketLocation.LocationConstraint']);
    expect(() => resolveVerifyOptions({ allowedRegions: ['ca-central-1', 'us-east-1'] })).toThrow(VerifyInputError);
    expect(() => resolveVerifyOptions({ allowedRegions: ['us-east-1'] })).toThrow(
      /allowedRegions: .*\(got "us-east-1"\)/,
    );
  });
});

describe('default encryption', () => {
  const cases: [string, FakeBucket['encryption'], RegExp][] = [
    [
      'no configuration (ServerSideEncryptionConfigurationNotFoundError)',
      undefined,
      /ServerSideEncryptionConfigurationNotFoundError/,
    ],
    ['SSE-S3 (AES256)', { algorithm: 'AES256', bucketKey: false }, /SSEAlgorithm is AES256/],
    ['SSE-KMS without a key id (aws/s3)', { algorithm: 'aws:kms', bucketKey: true }, /aws\/s3/],
    ['the alias/aws/s3 key', { algorithm: 'aws:kms', keyId: 'alias/aws/s3', bucketKey: true }, /AWS managed key/],
    [
      'a key of the other Canadian region',
      { algorithm: 'aws:kms', keyId: keyArn(WEST), bucketKey: true },
      /key of ca-west-1; the bucket is in ca-central-1/,
    ],
  ];
  test.each(cases)('%s is a finding', async (_name, encryption, message) => {
    const { result } = await run({ b: compliantBucket('b', CA, { encryption }) });
    const f = result.findings.filter((x) => x.ruleId === 'CaResidency-Verify-DefaultEncryption');
    expect(f.length).toBeGreaterThan(0);
    expect(f.map((x) => x.message).join(' ')).toMatch(message);
    expect(f[0].severity).toBe('error');
  });

  test('an AWS managed key found by DescribeKey (KeyManager AWS) is a finding', async () => {
    const arn = keyArn(CA, 'managed');
    const { result } = await run(
      { b: compliantBucket('b', CA, { encryption: { algorithm: 'aws:kms', keyId: arn, bucketKey: true } }) },
      {},
      (a) => a.keyManagers.set(arn, 'AWS'),
    );
    expect(result.findings.map((f) => f.message).join()).toMatch(/managed by AWS, not the customer/);
  });

  test('a bare key id is looked up in the bucket region; a missing key is a finding', async () => {
    const { result, account } = await run({
      b: compliantBucket('b', WEST, { encryption: { algorithm: 'aws:kms', keyId: 'abc', bucketKey: true } }),
    });
    expect(result.findings).toEqual([]);
    expect(account.calls).toContain(`DescribeKey abc @${WEST}`);
    const gone = await run(
      { b: compliantBucket('b', CA, { encryption: { algorithm: 'aws:kms', keyId: 'gone', bucketKey: true } }) },
      {},
      (a) => a.keyErrors.set('gone', awsError('NotFoundException')),
    );
    expect(gone.result.findings.map((f) => f.message).join()).toMatch(/does not exist \(NotFoundException\)/);
  });

  test('DescribeKey denied: the key cannot be judged (a verification finding), the run goes on', async () => {
    const arn = keyArn(CA, `${CA}-data`);
    const { result } = await run({ b: compliantBucket('b') }, {}, (a) =>
      a.keyErrors.set(arn, awsError('AccessDeniedException', 400)),
    );
    expect(rulesOf(result.findings)).toEqual([
      'CaResidency-Verify-Access GetBucketEncryption.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID',
    ]);
    expect(result.findings[0].message).toMatch(/DescribeKey\(.*\) was denied \(AccessDeniedException\)/);
  });

  test('bucket key off is a warning: reported, not failing', async () => {
    const { result } = await run({
      b: compliantBucket('b', CA, { encryption: { algorithm: 'aws:kms', keyId: keyArn(CA), bucketKey: false } }),
    });
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['CaResidency-Verify-BucketKey', 'warning']]);
    expect(result.nonCompliantBuckets).toBe(0);
  });
});

describe('versioning, public access block, TLS-only policy', () => {
  test('versioning suspended or never enabled', async () => {
    const { result } = await run({
      s: compliantBucket('s', CA, { versioning: 'Suspended' }),
      n: compliantBucket('n', CA, { versioning: undefined }),
    });
    expect(result.findings.map((f) => `${f.bucket}: ${f.message}`)).toEqual([
      'n: Versioning is never enabled; expected Enabled.',
      's: Versioning is Suspended; expected Enabled.',
    ]);
  });

  test('no public access block (NoSuchPublicAccessBlockConfiguration), or some settings off', async () => {
    const { result } = await run({
      none: compliantBucket('none', CA, { publicAccessBlock: undefined }),
      some: compliantBucket('some', CA, {
        publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false },
      }),
    });
    expect(result.findings.find((f) => f.bucket === 'none')!.message).toContain('NoSuchPublicAccessBlockConfiguration');
    expect(result.findings.find((f) => f.bucket === 'some')!.message).toBe(
      'Public access block settings off: BlockPublicPolicy, RestrictPublicBuckets; turn on all four.',
    );
  });

  test('no bucket policy (NoSuchBucketPolicy), a policy without the TLS deny, and an unreadable policy', async () => {
    const allowOnly = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::p/*',
        },
      ],
    });
    const onlyBucketArn = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::q',
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
      ],
    });
    const { result } = await run({
      none: compliantBucket('none', CA, { policy: undefined }),
      p: compliantBucket('p', CA, { policy: allowOnly }),
      q: compliantBucket('q', CA, { policy: onlyBucketArn }),
      bad: compliantBucket('bad', CA, { policy: '{not json' }),
    });
    expect(result.findings.map((f) => `${f.bucket} ${f.ruleId} ${f.path}`)).toEqual([
      'bad CaResidency-Verify-TlsOnly GetBucketPolicy.Policy',
      'none CaResidency-Verify-TlsOnly GetBucketPolicy',
      'p CaResidency-Verify-TlsOnly GetBucketPolicy.Policy.Statement',
      'q CaResidency-Verify-TlsOnly GetBucketPolicy.Policy.Statement',
    ]);
    expect(result.findings[1].message).toContain('NoSuchBucketPolicy');
  });
});

describe('replication', () => {
  const rule = (dest: string, replicaKey?: string, extra = {}) => ({
    ID: 'to-west',
    Status: 'Enabled' as const,
    Priority: 1,
    Filter: {},
    Destination: {
      Bucket: `arn:aws:s3:::${dest}`,
      EncryptionConfiguration: replicaKey ? { ReplicaKmsKeyID: replicaKey } : undefined,
    },
    SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' as const } },
    ...extra,
  });

  test('a destination in the recovery region with a replica key of that region passes', async () => {
    const { result, account } = await run({
      src: compliantBucket('src', CA, { replication: [rule('dst', keyArn(WEST))] }),
      dst: compliantBucket('dst', WEST),
    });
    expect(result.findings).toEqual([]);
    // The destination is located, not guessed from its name.
    expect(account.calls.filter((c) => c.startsWith('GetBucketLocation dst'))).toHaveLength(1);
  });

  test('a destination named ...-ca-west-1 but located in us-east-1 is fatal', async () => {
    const { result } = await run({
      src: compliantBucket('src', CA, { replication: [rule('replica-ca-west-1', keyArn('us-east-1'))] }),
      'replica-ca-west-1': compliantBucket('replica-ca-west-1', ''),
    });
    const f = result.findings.filter((x) => x.bucket === 'src');
    expect(f.map((x) => [x.ruleId, x.severity, x.path])).toEqual([
      ['CaResidency-Verify-ReplicationDestination', 'fatal', 'GetBucketReplication.Rules[0].Destination.Bucket'],
    ]);
    expect(f[0].message).toContain('in us-east-1, outside the allowed regions');
    expect(result.residencyDrift).toBe(2);
  });

  test('a replica key of another region than the destination is a finding', async () => {
    const { result } = await run({
      src: compliantBucket('src', CA, { replication: [rule('dst', keyArn(CA))] }),
      dst: compliantBucket('dst', WEST),
    });
    expect(rulesOf(result.findings)).toEqual([
      'CaResidency-Verify-ReplicationDestination GetBucketReplication.Rules[0].Destination.EncryptionConfiguration.ReplicaKmsKeyID',
    ]);
    expect(result.findings[0].message).toContain('is in ca-central-1; the destination bucket is in ca-west-1');
  });

  test('a destination that cannot be located (denied, another account) fails closed', async () => {
    const { result } = await run({ src: compliantBucket('src', CA, { replication: [rule('foreign', keyArn(WEST))] }) });
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['CaResidency-Verify-ReplicationDestination', 'fatal'],
    ]);
    expect(result.findings[0].message).toMatch(/could not be confirmed: it does not exist \(NoSuchBucket\)/);
  });

  test('SSE-KMS objects not selected for replication: nothing is replicated', async () => {
    const { result } = await run({
      src: compliantBucket('src', CA, {
        replication: [rule('dst', keyArn(WEST), { SourceSelectionCriteria: undefined })],
      }),
      dst: compliantBucket('dst', WEST),
    });
    expect(rulesOf(result.findings)).toEqual([
      'CaResidency-Verify-ReplicationConfigured GetBucketReplication.Rules[0].SourceSelectionCriteria.SseKmsEncryptedObjects.Status',
    ]);
  });

  test('ReplicationConfigurationNotFoundError is a finding only for buckets expected to replicate', async () => {
    const { result } = await run(
      { data: compliantBucket('data'), logs: compliantBucket('logs') },
      { expectReplication: ['data'] },
    );
    expect(result.findings.map((f) => `${f.bucket} ${f.ruleId}`)).toEqual([
      'data CaResidency-Verify-ReplicationConfigured',
    ]);
    expect(result.findings[0].message).toContain('ReplicationConfigurationNotFoundError');
  });
});

describe('object lock', () => {
  test('checked only where expected; ObjectLockConfigurationNotFoundError is a finding', async () => {
    const { result, account } = await run(
      {
        archive: compliantBucket('archive'),
        locked: compliantBucket('locked', CA, { objectLock: 'Enabled' }),
        other: compliantBucket('other'),
      },
      { expectObjectLock: ['archive', 'locked'] },
    );
    expect(result.findings.map((f) => `${f.bucket} ${f.ruleId}`)).toEqual(['archive CaResidency-Verify-ObjectLock']);
    expect(result.findings[0].message).toContain('ObjectLockConfigurationNotFoundError');
    expect(account.calls.some((c) => c.startsWith('GetObjectLockConfiguration other'))).toBe(false);
  });
});

describe('access denied, throttling, unexpected errors', () => {
  test('AccessDenied on one call of one bucket is a finding for that bucket; the other checks and buckets go on', async () => {
    const { result } = await run({
      a: compliantBucket('a', CA, {
        versioning: 'Suspended',
        errors: { GetBucketPolicy: awsError('AccessDenied', 403) },
      }),
      b: compliantBucket('b', CA, { publicAccessBlock: undefined }),
    });
    expect(result.findings.map((f) => `${f.bucket} ${f.ruleId} ${f.path}`)).toEqual([
      'a CaResidency-Verify-Access GetBucketPolicy',
      'a CaResidency-Verify-Versioning GetBucketVersioning.Status',
      'b CaResidency-Verify-PublicAccessBlock GetPublicAccessBlock',
    ]);
    expect(result.findings[0].message).toBe(
      'GetBucketPolicy was denied (AccessDenied); grant it as in docs/verify-iam-policy.json',
    );
  });

  test('GetBucketLocation denied: one finding, nothing else is tried on that bucket', async () => {
    const { result, account } = await run({
      a: compliantBucket('a', CA, { errors: { GetBucketLocation: awsError('AccessDenied', 403) } }),
    });
    expect(rulesOf(result.findings)).toEqual(['CaResidency-Verify-Access GetBucketLocation']);
    expect(result.buckets[0].region).toBeUndefined();
    expect(account.calls.filter((c) => c.includes(' a @'))).toEqual([`GetBucketLocation a @${CA}`]);
  });

  test('SlowDown and 503 are retried with exponential backoff, then the check passes', async () => {
    const { result, pauses } = await run({
      a: compliantBucket('a', CA, {
        errors: {
          GetBucketVersioning: [
            awsError('SlowDown', 503),
            awsError('SlowDown', 503),
            awsError('ServiceUnavailable', 503),
          ],
        },
      }),
    });
    expect(result.findings).toEqual([]);
    expect(pauses).toEqual([200, 400, 800]);
  });

  test('ThrottlingException from KMS is retried too', async () => {
    const arn = keyArn(CA, `${CA}-data`);
    const { result, pauses } = await run({ aaa: compliantBucket('aaa') }, {}, (acc) =>
      acc.keyErrors.set(arn, [awsError('ThrottlingException')]),
    );
    expect(result.findings).toEqual([]);
    expect(pauses).toEqual([200]);
  });

  test('retries are bounded: still throttled after the last attempt is a finding, not a hang', async () => {
    const pausesOut: number[] = [];
    const { result, pauses } = await run(
      { aaa: compliantBucket('aaa', CA, { errors: { GetBucketVersioning: awsError('SlowDown', 503) } }) },
      { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, sleep: async (ms) => void pausesOut.push(ms) } },
    );
    expect(pauses).toEqual([]);
    expect(pausesOut).toEqual([100, 200, 300]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'GetBucketVersioning was still throttled after 4 attempts (SlowDown)',
    ]);
  });

  test('an unexpected error is a finding naming it; the run does not crash', async () => {
    const { result } = await run({
      a: compliantBucket('a', CA, { errors: { GetPublicAccessBlock: awsError('InvalidRequest') } }),
    });
    expect(result.findings[0].message).toBe(
      'GetPublicAccessBlock failed with InvalidRequest: InvalidRequest (simulated)',
    );
  });
});

describe('listing', () => {
  test('ListBuckets is paginated with ContinuationToken: 1,234 buckets over 3 pages are all checked', async () => {
    const buckets: Record<string, FakeBucket> = {};
    for (let i = 0; i < 1234; i++)
      buckets[`b-${String(i).padStart(4, '0')}`] = compliantBucket(
        `b-${String(i).padStart(4, '0')}`,
        i % 2 ? CA : WEST,
      );
    buckets['b-0007'].versioning = 'Suspended';
    const progress: number[] = [];
    const { result, account } = await run(
      buckets,
      { onProgress: (done, total) => progress.push(done * 10000 + total) },
      (acc) => (acc.listPageSize = 500),
    );
    expect(account.calls.filter((c) => c.startsWith('ListBuckets'))).toHaveLength(3);
    expect(result.buckets).toHaveLength(1234);
    expect(result.nonCompliantBuckets).toBe(1);
    expect(progress).toHaveLength(1234);
    expect(progress[progress.length - 1]).toBe(1234 * 10000 + 1234);
  });

  test('ListBuckets throttled is retried; ListBuckets denied is one account finding', async () => {
    const throttled = await run({ a: compliantBucket('a') }, {}, (acc) =>
      acc.listErrors.push(awsError('SlowDown', 503)),
    );
    expect(throttled.result.buckets).toHaveLength(1);
    const denied = await run({ a: compliantBucket('a') }, {}, (acc) =>
      acc.listErrors.push(awsError('AccessDenied', 403)),
    );
    expect(denied.result.findings.map((f) => [f.bucket, f.ruleId])).toEqual([
      ['(account)', 'CaResidency-Verify-Access'],
    ]);
  });

  test('--bucket restricts the run without listing; a named bucket that does not exist is a finding', async () => {
    const { result, account } = await run(
      { aaa: compliantBucket('aaa'), bbb: compliantBucket('bbb', CA, { versioning: undefined }) },
      { buckets: ['aaa', 'missing-bucket'] },
    );
    expect(account.calls.some((c) => c.startsWith('ListBuckets'))).toBe(false);
    expect(result.buckets.map((b) => b.bucket)).toEqual(['aaa']);
    expect(result.findings.map((f) => `${f.bucket}: ${f.message}`)).toEqual([
      'missing-bucket: Bucket missing-bucket does not exist (NoSuchBucket).',
    ]);
  });

  test('invalid options name the field and the value', () => {
    expect(() => resolveVerifyOptions({ buckets: ['Bad_Name'] })).toThrow(
      'bucket: "Bad_Name" is not a valid S3 bucket name',
    );
    expect(() => resolveVerifyOptions({ concurrency: 0 })).toThrow(
      'concurrency: must be an integer from 1 to 64 (got 0)',
    );
  });
});

test('the real client factory creates one client per region and reuses it', () => {
  const clients = regionalClients();
  expect(clients.s3(CA)).toBe(clients.s3(CA));
  expect(clients.s3(CA)).not.toBe(clients.s3(WEST));
  expect(clients.kms(WEST)).toBe(clients.kms(WEST));
});
