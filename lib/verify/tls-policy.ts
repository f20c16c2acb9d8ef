/** Reading a live bucket policy for the statements that refuse plain HTTP: the same model the rules use. */
import { normalisePolicy } from '../policy/policy-statements';
import { deniesInsecureTransport as deniesWithoutTls, PolicyTarget } from '../policy/tls-statements';

/** The bucket and its objects, as the policy model's target. */
export function bucketTarget(bucket: string): PolicyTarget {
  return {
    service: 's3',
    resources: [
      { arn: `arn:aws:s3:::${bucket}`, type: 'bucket' },
      { arn: `arn:aws:s3:::${bucket}/*`, type: 'object' },
    ],
  };
}

/**
 * True when the policy denies every S3 action on the bucket and its objects to everyone when
 * `aws:SecureTransport` is false: what makes the bucket TLS-only.
 */
export function deniesInsecureTransport(policy: unknown, bucket: string): boolean {
  return deniesWithoutTls(normalisePolicy(policy), bucketTarget(bucket)).denied;
}
