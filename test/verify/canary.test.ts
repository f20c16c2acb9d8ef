import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { runCanary } from '../../lib/verify';
import { awsError, compliantBucket, FakeAccount, keyArn } from './fake-account';

const CA = 'ca-central-1';
const WEST = 'ca-west-1';
const SOURCE = 'cacr-dev-data-111122223333-ca-central-1';
const REPLICA = 'cacr-dev-replica-111122223333-ca-west-1';

interface StoredVersion {
  key: string;
  versionId: string;
}

/**
 * The source and replica buckets with an object store per bucket. The replica copy appears after
 * `arrivesAfterLooks` HeadObject calls on the replica (never when undefined).
 */
function setup(
  opts: {
    arrivesAfterLooks?: number;
    replicaKey?: string;
    replicaStatus?: string;
    putError?: Error;
    deleteError?: Error;
  } = {},
) {
  const account = new FakeAccount({
    [SOURCE]: compliantBucket(SOURCE, CA, {
      replication: [
        {
          ID: 'replicate-to-ca-west-1',
          Status: 'Enabled',
          Priority: 1,
          Filter: {},
          Destination: {
            Bucket: `arn:aws:s3:::${REPLICA}`,
            EncryptionConfiguration: { ReplicaKmsKeyID: keyArn(WEST) },
          },
        },
      ],
    }),
    [REPLICA]: compliantBucket(REPLICA, WEST),
  });
  const clients = account.clients();
  clients.s3(CA);
  clients.s3(WEST);
  const store: Record<string, StoredVersion[]> = { [SOURCE]: [], [REPLICA]: [] };
  const deleted: string[] = [];
  let looks = 0;
  let version = 0;
  for (const region of [CA, WEST]) {
    const m = account.s3Mocks.get(region)!;
    m.on(PutObjectCommand).callsFake((input) => {
      if (opts.putError) throw opts.putError;
      store[input.Bucket].push({ key: input.Key, versionId: `v${++version}` });
      return { VersionId: `v${version}` };
    });
    m.on(HeadObjectCommand).callsFake((input) => {
      if (input.Bucket === SOURCE)
        return { ReplicationStatus: looks >= (opts.arrivesAfterLooks ?? Infinity) ? 'COMPLETED' : 'PENDING' };
      looks++;
      if (opts.arrivesAfterLooks === undefined || looks <= opts.arrivesAfterLooks) throw awsError('NotFound', 404);
      if (!store[REPLICA].some((v) => v.key === input.Key))
        store[REPLICA].push({ key: input.Key, versionId: `r${++version}` });
      return {
        ReplicationStatus: opts.replicaStatus ?? 'REPLICA',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: opts.replicaKey ?? keyArn(WEST),
      };
    });
    m.on(ListObjectVersionsCommand).callsFake((input) => ({
      Versions: store[input.Bucket]
        .filter((v) => v.key.startsWith(input.Prefix))
        .map((v) => ({ Key: v.key, VersionId: v.versionId })),
      DeleteMarkers: [],
    }));
    m.on(DeleteObjectCommand).callsFake((input) => {
      if (opts.deleteError) throw opts.deleteError;
      deleted.push(`${input.Bucket}/${input.VersionId}`);
      store[input.Bucket] = store[input.Bucket].filter((v) => v.versionId !== input.VersionId);
      return {};
    });
  }
  // A clock that moves only when the canary sleeps.
  let clock = 1_700_000_000_000;
  const sleeps: number[] = [];
  const deps = { now: () => clock, sleep: async (ms: number) => void (sleeps.push(ms), (clock += ms)) };
  return { account, clients, store, deleted, sleeps, deps };
}

test('success: the replica arrives, REPLICA status and a ca-west-1 key; the delay is measured; both copies are deleted', async () => {
  const { clients, store, deleted, sleeps, deps } = setup({ arrivesAfterLooks: 3 });
  const report = await runCanary(clients, { sourceBucket: SOURCE, pollIntervalMs: 5000, ...deps });
  expect(report.findings).toEqual([]);
  expect(report).toMatchObject({
    arrived: true,
    replicaBucket: REPLICA,
    replicaRegion: WEST,
    delayMs: 15000,
    deletedVersions: 2,
  });
  expect(report.key).toMatch(/^ca-residency-canary\/2023-11-14T22-13-20-000Z-[0-9a-f]{8}$/);
  expect(sleeps).toEqual([5000, 5000, 5000]);
  expect(deleted.map((d) => d.split('/')[0]).sort()).toEqual([SOURCE, REPLICA].sort());
  expect(store[SOURCE]).toEqual([]);
  expect(store[REPLICA]).toEqual([]);
});

test('a replica encrypted with a key of another region, or not marked REPLICA, is a finding', async () => {
  const { clients, deps } = setup({ arrivesAfterLooks: 0, replicaKey: keyArn(CA), replicaStatus: 'COMPLETED' });
  const report = await runCanary(clients, { sourceBucket: SOURCE, ...deps });
  expect(report.findings.map((f) => [f.bucket, f.path])).toEqual([
    [REPLICA, 'HeadObject.ReplicationStatus'],
    [REPLICA, 'HeadObject.SSEKMSKeyId'],
  ]);
  expect(report.findings[1].message).toContain('a key of ca-central-1; the replica bucket is in ca-west-1');
});

test('timeout: bounded wait, a finding, and the source copy is still deleted', async () => {
  const { clients, deleted, sleeps, deps, store } = setup({ arrivesAfterLooks: undefined });
  const report = await runCanary(clients, { sourceBucket: SOURCE, timeoutMs: 60_000, pollIntervalMs: 10_000, ...deps });
  expect(report.arrived).toBe(false);
  expect(sleeps).toEqual([10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  expect(report.findings.map((f) => [f.severity, f.message])).toEqual([
    ['error', expect.stringMatching(/did not reach .* \(ca-west-1\) within 60 s/)],
    ['warning', expect.stringMatching(/If canary .* arrives later, delete it from/)],
  ]);
  expect(deleted).toHaveLength(1);
  expect(store[SOURCE]).toEqual([]);
});

test('cleanup runs even when waiting throws', async () => {
  const { clients, deleted, deps } = setup({ arrivesAfterLooks: undefined });
  await expect(
    runCanary(clients, {
      sourceBucket: SOURCE,
      now: deps.now,
      sleep: async () => Promise.reject(new Error('interrupted')),
    }),
  ).rejects.toThrow('interrupted');
  expect(deleted).toHaveLength(1);
});

test('a denied PutObject is a finding and nothing is left behind', async () => {
  const { clients, deleted, deps } = setup({ putError: awsError('AccessDenied', 403) });
  const report = await runCanary(clients, { sourceBucket: SOURCE, ...deps });
  expect(report.findings.map((f) => f.message)).toEqual([
    'Canary not written: PutObject was denied (AccessDenied); grant it as in docs/verify-iam-policy.json.',
  ]);
  expect(deleted).toEqual([]);
});

test('a failing delete is reported (warning) with the key to remove by hand', async () => {
  const { clients, deps } = setup({ arrivesAfterLooks: 0, deleteError: awsError('AccessDenied', 403) });
  const report = await runCanary(clients, { sourceBucket: SOURCE, ...deps });
  expect(report.findings.map((f) => [f.bucket, f.severity, f.path])).toEqual([
    [SOURCE, 'warning', 'DeleteObject'],
    [REPLICA, 'warning', 'DeleteObject'],
  ]);
  expect(report.findings[0].message).toContain(report.key);
});

test('a source without replication is a finding; the canary is not written', async () => {
  const account = new FakeAccount({ [SOURCE]: compliantBucket(SOURCE) });
  const report = await runCanary(account.clients(), { sourceBucket: SOURCE, sleep: async () => undefined });
  expect(report.findings.map((f) => f.message)).toEqual([`Canary not run: ${SOURCE} has no enabled replication rule.`]);
});
