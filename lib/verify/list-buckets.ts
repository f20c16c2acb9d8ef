import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { RetryPolicy, withRetry } from './retry';

/** Every bucket name of the account, following ListBuckets' continuation tokens, sorted. */
export async function listAllBuckets(s3: S3Client, retry: RetryPolicy = {}): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await withRetry(
      'ListBuckets',
      () => s3.send(new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken: token })),
      retry,
    );
    for (const b of page.Buckets ?? []) if (b.Name) names.push(b.Name);
    token = page.ContinuationToken || undefined;
  } while (token);
  return [...new Set(names)].sort();
}
