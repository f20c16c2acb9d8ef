import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  ReplicationRule,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { VerifyClients } from '../../lib/verify';

// Tests run on Node 20: the SDK's notice that future releases need Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCOUNT = '111122223333';

/** An SDK-shaped service error. */
export function awsError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} (simulated)`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

export function keyArn(region: string, id = 'k-1'): string {
  return `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`;
}

/** A bucket as the fake account holds it; `undefined` fields are "not configured". */
export interface FakeBucket {
  /** Raw LocationConstraint as S3 returns it ('' for us-east-1). */
  location: string;
  encryption?: { algorithm: string; keyId?: string; bucketKey?: boolean };
  versioning?: 'Enabled' | 'Suspended';
  publicAccessBlock?: Partial<
    Record<'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets', boolean>
  >;
  policy?: string;
  replication?: ReplicationRule[];
  objectLock?: 'Enabled';
  /** Operation name → error thrown instead of answering (e.g. GetBucketPolicy → AccessDenied). */
  errors?: Record<string, Error | Error[]>;
}

export function regionOf(location: string): string {
  return location === '' ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
}

export function tlsOnlyPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/** A bucket meeting the whole baseline in `region`. */
export function compliantBucket(name: string, region = 'ca-central-1', extra: Partial<FakeBucket> = {}): FakeBucket {
  return {
    location: region,
    encryption: { algorithm: 'aws:kms', keyId: keyArn(regionOf(region), `${regionOf(region)}-data`), bucketKey: true },
    versioning: 'Enabled',
    publicAccessBlock: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
    policy: tlsOnlyPolicy(name),
    ...extra,
  };
}

/**
 * A simulated account: one mocked S3 and KMS client per region, answering from `buckets` and `keys`. A bucket
 * call sent to a client of the wrong region gets PermanentRedirect, as S3 does, so tests prove the regional
 * client is used. `created` counts client lookups per region.
 */
export class FakeAccount {
  readonly s3Clients = new Map<string, S3Client>();
  readonly kmsClients = new Map<string, KMSClient>();
  readonly s3Mocks = new Map<string, AwsStub<any, any, any>>();
  readonly kmsMocks = new Map<string, AwsStub<any, any, any>>();
  /** Key ARN → manager; keys not listed are customer-managed. */
  readonly keyManagers = new Map<string, 'AWS' | 'CUSTOMER'>();
  readonly keyErrors = new Map<string, Error | Error[]>();
  listPageSize = 1000;
  listErrors: Error[] = [];
  readonly calls: string[] = [];

  constructor(readonly buckets: Record<string, FakeBucket>) {}

  private fail(bucket: FakeBucket, op: string): void {
    const e = bucket.errors?.[op];
    if (!e) return;
    if (Array.isArray(e)) {
      const next = e.shift();
      if (next) throw next;
      return;
    }
    throw e;
  }

  private bucketFor(region: string, name: string, op: string): FakeBucket {
    this.calls.push(`${op} ${name} @${region}`);
    const b = this.buckets[name];
    if (!b) throw awsError('NoSuchBucket', 404);
    this.fail(b, op);
    if (op !== 'GetBucketLocation' && regionOf(b.location) !== region) throw awsError('PermanentRedirect', 301);
    return b;
  }

  private s3(region: string): S3Client {
    let c = this.s3Clients.get(region);
    if (c) return c;
    c = new S3Client({ region });
    const m = mockClient(c);
    m.on(ListBucketsCommand).callsFake((input) => {
      this.calls.push(`ListBuckets @${region}`);
      const e = this.listErrors.shift();
      if (e) throw e;
      const names = Object.keys(this.buckets).sort();
      const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
      const page = names.slice(start, start + Math.min(input.MaxBuckets ?? 10000, this.listPageSize));
      const next = start + page.length;
      return {
        Buckets: page.map((Name) => ({ Name })),
        ContinuationToken: next < names.length ? String(next) : undefined,
      };
    });
    m.on(GetBucketLocationCommand).callsFake((input) => ({
      LocationConstraint: this.bucketFor(region, input.Bucket, 'GetBucketLocation').location || undefined,
    }));
    m.on(GetBucketEncryptionCommand).callsFake((input) => {
      const b = this.bucketFor(region, input.Bucket, 'GetBucketEncryption');
      if (!b.encryption) throw awsError('ServerSideEncryptionConfigurationNotFoundError', 404);
      return {
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: b.encryption.algorithm,
                KMSMasterKeyID: b.encryption.keyId,
              },
              BucketKeyEnabled: b.encryption.bucketKey,
            },
          ],
        },
      };
    });
    m.on(GetBucketVersioningCommand).callsFake((input) => ({
      Status: this.bucketFor(region, input.Bucket, 'GetBucketVersioning').versioning,
    }));
    m.on(GetPublicAccessBlockCommand).callsFake((input) => {
      const b = this.bucketFor(region, input.Bucket, 'GetPublicAccessBlock');
      if (!b.publicAccessBlock) throw awsError('NoSuchPublicAccessBlockConfiguration', 404);
      return { PublicAccessBlockConfiguration: b.publicAccessBlock };
    });
    m.on(GetBucketPolicyCommand).callsFake((input) => {
      const b = this.bucketFor(region, input.Bucket, 'GetBucketPolicy');
      if (b.policy === undefined) throw awsError('NoSuchBucketPolicy', 404);
      return { Policy: b.policy };
    });
    m.on(GetBucketReplicationCommand).callsFake((input) => {
      const b = this.bucketFor(region, input.Bucket, 'GetBucketReplication');
      if (!b.replication) throw awsError('ReplicationConfigurationNotFoundError', 404);
      return { ReplicationConfiguration: { Role: `arn:aws:iam::${ACCOUNT}:role/replication`, Rules: b.replication } };
    });
    m.on(GetObjectLockConfigurationCommand).callsFake((input) => {
      const b = this.bucketFor(region, input.Bucket, 'GetObjectLockConfiguration');
      if (!b.objectLock) throw awsError('ObjectLockConfigurationNotFoundError', 404);
      return { ObjectLockConfiguration: { ObjectLockEnabled: b.objectLock } };
    });
    this.s3Clients.set(region, c);
    this.s3Mocks.set(region, m);
    return c;
  }

  private kms(region: string): KMSClient {
    let c = this.kmsClients.get(region);
    if (c) return c;
    c = new KMSClient({ region });
    const m = mockClient(c);
    m.on(DescribeKeyCommand).callsFake((input) => {
      const id: string = input.KeyId;
      this.calls.push(`DescribeKey ${id} @${region}`);
      const err = this.keyErrors.get(id);
      const next = Array.isArray(err) ? err.shift() : err;
      if (next) throw next;
      // A bare id or alias resolves in the caller's region; an ARN must be asked of its own region.
      const arn = id.startsWith('arn:') ? id : keyArn(region, id.replace(/^alias\//, 'alias-'));
      if (arn.split(':')[3] !== region) throw awsError('NotFoundException', 400);
      return {
        KeyMetadata: {
          KeyId: arn.split('/').pop(),
          Arn: arn,
          KeyManager: this.keyManagers.get(arn) ?? 'CUSTOMER',
          KeyState: 'Enabled',
        },
      };
    });
    this.kmsClients.set(region, c);
    this.kmsMocks.set(region, m);
    return c;
  }

  clients(): VerifyClients {
    return { s3: (r) => this.s3(r), kms: (r) => this.kms(r) };
  }
}

/** A sleep that records pauses and returns at once. */
export function instantSleep(): { sleep: (ms: number) => Promise<void>; pauses: number[] } {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms) => void pauses.push(ms) };
}
