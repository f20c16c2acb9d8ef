import { DescribeKeyCommand, KeyMetadata } from '@aws-sdk/client-kms';
import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { errorName, isAccessDenied, isCredentialsError, isOneOf } from './aws-errors';
import { regionOfLocationConstraint } from './bucket-location';
import { VerifyClients } from './clients';
import { RetriesExhaustedError, RetryPolicy, withRetry } from './retry';
import { VerifyInputError } from './verify-options';

/** The result of one SDK call: its value, an absent configuration (by error name), or why it could not be made. */
export type Outcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'absent'; readonly error: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** One line saying why a call could not be made: denied, throttled out, or the error's name and message. */
export function failureReason(operation: string, e: unknown): string {
  if (e instanceof RetriesExhaustedError)
    return `${operation} was still throttled after ${e.attempts} attempts (${errorName(e.lastError)})`;
  if (isAccessDenied(e)) return `${operation} was denied (${errorName(e)}); grant it as in docs/verify-iam-policy.json`;
  const message = e instanceof Error && e.message ? `: ${e.message.split('\n')[0]}` : '';
  return `${operation} failed with ${errorName(e)}${message}`;
}

/** The one-line error for a run without credentials. */
export function noCredentials(e: unknown): VerifyInputError {
  return new VerifyInputError(
    `no AWS credentials found (${errorName(e)}); set AWS_PROFILE or credentials for the account to verify`,
  );
}

/**
 * Runs one SDK call with retries. Errors named in `absentNames` mean "not configured"; access denied,
 * exhausted retries and anything unexpected become `failed` with a reason: never an exception.
 */
export async function attempt<T>(
  operation: string,
  call: () => Promise<T>,
  retry: RetryPolicy,
  absentNames: readonly string[] = [],
): Promise<Outcome<T>> {
  try {
    return { kind: 'ok', value: await withRetry(operation, call, retry) };
  } catch (e) {
    if (isCredentialsError(e)) throw noCredentials(e);
    if (isOneOf(e, ...absentNames)) return { kind: 'absent', error: errorName(e) };
    return { kind: 'failed', reason: failureReason(operation, e) };
  }
}

/** Shared by every bucket of a run: clients, retry policy, and lookups made once (bucket regions, keys). */
export class VerifyContext {
  private readonly locations = new Map<string, Promise<Outcome<string>>>();
  private readonly keys = new Map<string, Promise<Outcome<KeyMetadata>>>();

  constructor(
    readonly clients: VerifyClients,
    /** Region whose S3 endpoint answers ListBuckets and GetBucketLocation. */
    readonly homeRegion: string,
    readonly retry: RetryPolicy,
  ) {}

  /** The region a bucket is in, from GetBucketLocation (never from its name). */
  bucketRegion(bucket: string): Promise<Outcome<string>> {
    let p = this.locations.get(bucket);
    if (!p) {
      p = attempt(
        `GetBucketLocation(${bucket})`,
        async () =>
          regionOfLocationConstraint(
            (await this.clients.s3(this.homeRegion).send(new GetBucketLocationCommand({ Bucket: bucket })))
              .LocationConstraint,
          ),
        this.retry,
        ['NoSuchBucket'],
      );
      this.locations.set(bucket, p);
    }
    return p;
  }

  /** KMS DescribeKey of a key id, ARN or alias, in `region` (ids and alias names resolve in the caller's region). */
  describeKey(keyId: string, region: string): Promise<Outcome<KeyMetadata>> {
    const cacheKey = `${region}|${keyId}`;
    let p = this.keys.get(cacheKey);
    if (!p) {
      p = attempt(
        `DescribeKey(${keyId})`,
        async () => {
          const md = (await this.clients.kms(region).send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
          if (!md) throw Object.assign(new Error('DescribeKey returned no KeyMetadata'), { name: 'EmptyResponse' });
          return md;
        },
        this.retry,
        ['NotFoundException'],
      );
      this.keys.set(cacheKey, p);
    }
    return p;
  }
}
