/**
 * GetBucketLocation's LocationConstraint to a region. An empty (or absent) constraint is us-east-1, the legacy
 * `EU` is eu-west-1: both are answers S3 still gives for buckets created long ago.
 */
export function regionOfLocationConstraint(constraint: string | undefined | null): string {
  if (constraint === undefined || constraint === null || constraint === '') return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/** The region of an ARN (`arn:aws:kms:ca-central-1:123:key/...`), or undefined when it is not an ARN or has none. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return parts[3] || undefined;
}

/** A bucket name from a replication destination (`arn:aws:s3:::name`) or a bare name. */
export function bucketNameOfArn(value: string): string {
  return value.startsWith('arn:') ? value.split(':').slice(5).join(':') : value;
}
