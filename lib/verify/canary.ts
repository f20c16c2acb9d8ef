import { randomBytes } from 'crypto';
import {
  DeleteObjectCommand,
  GetBucketReplicationCommand,
  HeadObjectCommand,
  HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { bucketNameOfArn, regionOfArn } from './bucket-location';
import { VerifyClients } from './clients';
import { attempt, VerifyContext } from './context';
import { verifyFinding, VerifyFinding } from './findings';
import { realSleep, RetryPolicy } from './retry';

export interface CanaryOptions {
  /** The replicated source bucket (the primary data bucket). */
  readonly sourceBucket: string;
  /** @default - the destination of the source bucket's first enabled replication rule */
  readonly replicaBucket?: string;
  /** Longest wait for the replica. @default 15 minutes (the Replication Time Control target) */
  readonly timeoutMs?: number;
  /** Pause between two looks at the replica. @default 5 s */
  readonly pollIntervalMs?: number;
  /** @default 'ca-residency-canary/' */
  readonly keyPrefix?: string;
  readonly homeRegion?: string;
  readonly retry?: RetryPolicy;
  /** Injected for tests. @default Date.now */
  readonly now?: () => number;
  /** Injected for tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface CanaryReport {
  readonly key: string;
  readonly sourceBucket: string;
  readonly replicaBucket?: string;
  readonly replicaRegion?: string;
  /** Measured from the end of PutObject to the first HeadObject that found the replica. */
  readonly delayMs?: number;
  readonly arrived: boolean;
  /** Object versions and delete markers removed from both buckets. */
  readonly deletedVersions: number;
  readonly findings: VerifyFinding[];
}

const BODY = 'ca-residency replication canary: safe to delete\n';

/**
 * Proves replication works, not only that it is configured: writes a small uniquely named object to the source
 * bucket, waits (bounded) for it in the replica, checks the replica's status and the region of its key, and
 * deletes every version of the canary key from both buckets — also on timeout or failure.
 */
export async function runCanary(clients: VerifyClients, options: CanaryOptions): Promise<CanaryReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const retry: RetryPolicy = { sleep, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const pollMs = options.pollIntervalMs ?? 5000;
  const ctx = new VerifyContext(clients, options.homeRegion ?? 'ca-central-1', retry);
  const source = options.sourceBucket;
  const key = `${options.keyPrefix ?? 'ca-residency-canary/'}${new Date(now()).toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const findings: VerifyFinding[] = [];
  const fail = (bucket: string, region: string | undefined, path: string, message: string) =>
    findings.push(verifyFinding('CaResidency-Verify-ReplicationCanary', bucket, region, path, message));

  const sourceLocation = await ctx.bucketRegion(source);
  if (sourceLocation.kind !== 'ok') {
    fail(
      source,
      undefined,
      'GetBucketLocation',
      `Canary not run: ${sourceLocation.kind === 'absent' ? `${source} does not exist` : sourceLocation.reason}.`,
    );
    return { key, sourceBucket: source, arrived: false, deletedVersions: 0, findings };
  }
  const sourceRegion = sourceLocation.value;
  const s3 = clients.s3(sourceRegion);

  let replica = options.replicaBucket;
  if (!replica) {
    const rep = await attempt(
      'GetBucketReplication',
      () => s3.send(new GetBucketReplicationCommand({ Bucket: source })),
      retry,
      ['ReplicationConfigurationNotFoundError'],
    );
    const dest =
      rep.kind === 'ok'
        ? rep.value.ReplicationConfiguration?.Rules?.find((r) => r.Status === 'Enabled')?.Destination?.Bucket
        : undefined;
    if (!dest) {
      fail(
        source,
        sourceRegion,
        'GetBucketReplication',
        `Canary not run: ${rep.kind === 'failed' ? rep.reason : `${source} has no enabled replication rule`}.`,
      );
      return { key, sourceBucket: source, arrived: false, deletedVersions: 0, findings };
    }
    replica = bucketNameOfArn(dest);
  }
  const replicaLocation = await ctx.bucketRegion(replica);
  if (replicaLocation.kind !== 'ok') {
    fail(
      source,
      sourceRegion,
      'GetBucketLocation',
      `Canary not run: the replica ${replica} could not be located (${replicaLocation.kind === 'absent' ? 'NoSuchBucket' : replicaLocation.reason}).`,
    );
    return { key, sourceBucket: source, replicaBucket: replica, arrived: false, deletedVersions: 0, findings };
  }
  const replicaRegion = replicaLocation.value;
  const r3 = clients.s3(replicaRegion);

  let arrived = false;
  let delayMs: number | undefined;
  let deletedVersions = 0;
  try {
    const put = await attempt(
      'PutObject',
      () => s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: BODY, ContentType: 'text/plain' })),
      retry,
    );
    if (put.kind !== 'ok') {
      fail(
        source,
        sourceRegion,
        'PutObject',
        `Canary not written: ${put.kind === 'failed' ? put.reason : 'unexpected answer'}.`,
      );
      return { key, sourceBucket: source, replicaBucket: replica, replicaRegion, arrived, deletedVersions, findings };
    }
    const start = now();
    let head: HeadObjectCommandOutput | undefined;
    for (;;) {
      const look = await attempt(
        'HeadObject',
        () => r3.send(new HeadObjectCommand({ Bucket: replica, Key: key })),
        retry,
        ['NotFound', 'NoSuchKey'],
      );
      if (look.kind === 'ok') {
        head = look.value;
        delayMs = now() - start;
        break;
      }
      if (look.kind === 'failed') {
        fail(source, sourceRegion, `HeadObject(${replica})`, `Canary could not look at the replica: ${look.reason}.`);
        break;
      }
      const src = await attempt(
        'HeadObject',
        () => s3.send(new HeadObjectCommand({ Bucket: source, Key: key })),
        retry,
      );
      if (src.kind === 'ok' && src.value.ReplicationStatus === 'FAILED') {
        fail(
          source,
          sourceRegion,
          'HeadObject.ReplicationStatus',
          `Replication of canary ${key} to ${replica} FAILED (source x-amz-replication-status).`,
        );
        break;
      }
      if (now() - start >= timeoutMs) {
        fail(
          source,
          sourceRegion,
          'HeadObject',
          `Canary ${key} did not reach ${replica} (${replicaRegion}) within ${Math.round(timeoutMs / 1000)} s.`,
        );
        break;
      }
      await sleep(pollMs);
    }
    if (head) {
      arrived = true;
      if (head.ReplicationStatus !== 'REPLICA') {
        fail(
          replica,
          replicaRegion,
          'HeadObject.ReplicationStatus',
          `The object found in ${replica} has replication status ${head.ReplicationStatus ?? '(none)'}, not REPLICA.`,
        );
      }
      const keyRegion = head.SSEKMSKeyId ? regionOfArn(head.SSEKMSKeyId) : undefined;
      if (head.ServerSideEncryption !== 'aws:kms' && head.ServerSideEncryption !== 'aws:kms:dsse') {
        fail(
          replica,
          replicaRegion,
          'HeadObject.ServerSideEncryption',
          `The replica is encrypted with ${head.ServerSideEncryption ?? 'nothing'}, not SSE-KMS with a key of ${replicaRegion}.`,
        );
      } else if (keyRegion !== replicaRegion) {
        fail(
          replica,
          replicaRegion,
          'HeadObject.SSEKMSKeyId',
          `The replica is encrypted with ${head.SSEKMSKeyId ?? '(no key id)'}, ${keyRegion ? `a key of ${keyRegion}` : 'a key whose region is unknown'}; the replica bucket is in ${replicaRegion}.`,
        );
      }
      const src = await attempt(
        'HeadObject',
        () => s3.send(new HeadObjectCommand({ Bucket: source, Key: key })),
        retry,
      );
      if (src.kind === 'ok' && src.value.ReplicationStatus !== 'COMPLETED') {
        // S3 can report PENDING for a moment after the replica exists; only FAILED is wrong.
        if (src.value.ReplicationStatus === 'FAILED')
          fail(
            source,
            sourceRegion,
            'HeadObject.ReplicationStatus',
            `The source reports replication FAILED for canary ${key}.`,
          );
      }
    }
  } finally {
    for (const [bucket, region, client] of [
      [source, sourceRegion, s3],
      [replica, replicaRegion, r3],
    ] as const) {
      const removed = await deleteAllVersions(client, bucket, key, retry);
      deletedVersions += removed.deleted;
      if (removed.error) {
        findings.push(
          verifyFinding(
            'CaResidency-Verify-ReplicationCanary',
            bucket,
            region,
            'DeleteObject',
            `Canary ${key} could not be removed: ${removed.error}. Delete every version of it by hand.`,
            'warning',
          ),
        );
      }
    }
  }
  if (!arrived && findings.some((f) => f.path === 'HeadObject')) {
    findings.push(
      verifyFinding(
        'CaResidency-Verify-ReplicationCanary',
        replica,
        replicaRegion,
        'HeadObject',
        `If canary ${key} arrives later, delete it from ${replica}.`,
        'warning',
      ),
    );
  }
  return {
    key,
    sourceBucket: source,
    replicaBucket: replica,
    replicaRegion,
    delayMs,
    arrived,
    deletedVersions,
    findings,
  };
}

/** Deletes every version and delete marker of exactly `key` (version deletes are not replicated: each bucket is cleaned). */
async function deleteAllVersions(
  client: ReturnType<VerifyClients['s3']>,
  bucket: string,
  key: string,
  retry: RetryPolicy,
): Promise<{ deleted: number; error?: string }> {
  let deleted = 0;
  const listed = await attempt(
    'ListObjectVersions',
    () => client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key })),
    retry,
  );
  if (listed.kind !== 'ok') return { deleted, error: listed.kind === 'failed' ? listed.reason : 'unexpected answer' };
  const versions = [...(listed.value.Versions ?? []), ...(listed.value.DeleteMarkers ?? [])].filter(
    (v) => v.Key === key,
  );
  for (const v of versions) {
    const del = await attempt(
      'DeleteObject',
      () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: v.VersionId })),
      retry,
    );
    if (del.kind !== 'ok') return { deleted, error: del.kind === 'failed' ? del.reason : 'unexpected answer' };
    deleted++;
  }
  return { deleted };
}
