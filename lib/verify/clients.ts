import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';

/** The SDK clients verify uses, one per region. Injected, so tests pass mocks and the CLI real clients. */
export interface VerifyClients {
  s3(region: string): S3Client;
  kms(region: string): KMSClient;
}

/**
 * Real clients, created on first use and cached per region (one client per region for the whole run).
 * The SDK's own retries are off: verify retries throttling itself, with a bound it reports.
 */
export function regionalClients(): VerifyClients {
  const s3 = new Map<string, S3Client>();
  const kms = new Map<string, KMSClient>();
  return {
    s3(region) {
      let c = s3.get(region);
      if (!c) {
        // followRegionRedirects: GetBucketLocation of a bucket in another region answers with a redirect.
        c = new S3Client({ region, maxAttempts: 1, followRegionRedirects: true });
        s3.set(region, c);
      }
      return c;
    },
    kms(region) {
      let c = kms.get(region);
      if (!c) {
        c = new KMSClient({ region, maxAttempts: 1 });
        kms.set(region, c);
      }
      return c;
    },
  };
}
