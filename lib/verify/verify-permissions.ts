/**
 * The AWS calls `verify` and the auditor make, and the IAM action each needs (S3 names several actions
 * differently from the API: GetBucketEncryption needs s3:GetEncryptionConfiguration). One table: the auditor's
 * role policy, docs/verify-iam-policy.json and the test that runs the handler against a fake account all read it.
 */
export interface VerifyCall {
  /** The SDK command's operation name, as the handler's `attempt(...)` labels it. */
  readonly operation: string;
  readonly action: string;
  /** What the action is authorised on: any bucket, any key, or nothing (an action without resource type). */
  readonly resource: 'bucket' | 'key' | 'none';
}

export const VERIFY_CALLS: readonly VerifyCall[] = [
  { operation: 'ListBuckets', action: 's3:ListAllMyBuckets', resource: 'none' },
  { operation: 'GetBucketLocation', action: 's3:GetBucketLocation', resource: 'bucket' },
  { operation: 'GetBucketEncryption', action: 's3:GetEncryptionConfiguration', resource: 'bucket' },
  { operation: 'GetBucketVersioning', action: 's3:GetBucketVersioning', resource: 'bucket' },
  { operation: 'GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock', resource: 'bucket' },
  { operation: 'GetBucketPolicy', action: 's3:GetBucketPolicy', resource: 'bucket' },
  { operation: 'GetBucketReplication', action: 's3:GetReplicationConfiguration', resource: 'bucket' },
  { operation: 'GetObjectLockConfiguration', action: 's3:GetBucketObjectLockConfiguration', resource: 'bucket' },
  { operation: 'DescribeKey', action: 'kms:DescribeKey', resource: 'key' },
];

/** The auditor's own call after an audit: its metrics, pinned to its namespace by a condition. */
export const PUBLISH_METRICS_CALL: VerifyCall = {
  operation: 'PutMetricData',
  action: 'cloudwatch:PutMetricData',
  resource: 'none',
};

/** The IAM actions of the calls on a resource kind, in table order. */
export function verifyActions(resource: VerifyCall['resource']): string[] {
  return VERIFY_CALLS.filter((c) => c.resource === resource).map((c) => c.action);
}
