/**
 * The detective guardrails: AWS Config managed rules that watch, after deployment, what the pack
 * checks at synth time. Each entry records the regions of this policy where AWS does not offer the
 * rule (from the rule's page in the AWS Config developer guide), so a region never gets a rule that
 * would fail to deploy, and the gap is listed instead (docs/guardrails.md).
 */

export type DetectiveConcern =
  | 'encryption-at-rest'
  | 'encryption-in-transit'
  | 'backup-coverage'
  | 'backup-retention'
  | 'recovery-point-encryption'
  | 'recovery-point-deletion';

export interface DetectiveRule {
  /** AWS Config managed rule identifier. */
  readonly identifier: string;
  readonly concern: DetectiveConcern;
  /** What a NON_COMPLIANT evaluation means for the data. */
  readonly meaning: string;
  /** Canadian regions where AWS does not offer the managed rule. */
  readonly unavailableIn: readonly string[];
  /** The rule's page, which states its region availability. */
  readonly source: string;
  /** Rule parameters that take the configured minimum retention (days). */
  readonly retentionParameter?: string;
}

const page = (slug: string) => `https://docs.aws.amazon.com/config/latest/developerguide/${slug}.html`;

export const DETECTIVE_RULES: readonly DetectiveRule[] = [
  {
    identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
    concern: 'encryption-at-rest',
    meaning: 'a bucket is not encrypted with a KMS key',
    unavailableIn: [],
    source: page('s3-default-encryption-kms'),
  },
  {
    identifier: 'DYNAMODB_TABLE_ENCRYPTED_KMS',
    concern: 'encryption-at-rest',
    meaning: 'a DynamoDB table is not encrypted with a KMS key',
    unavailableIn: [],
    source: page('dynamodb-table-encrypted-kms'),
  },
  {
    identifier: 'RDS_STORAGE_ENCRYPTED',
    concern: 'encryption-at-rest',
    meaning: 'an RDS instance stores data unencrypted',
    unavailableIn: [],
    source: page('rds-storage-encrypted'),
  },
  {
    identifier: 'ENCRYPTED_VOLUMES',
    concern: 'encryption-at-rest',
    meaning: 'an attached EBS volume is unencrypted',
    unavailableIn: [],
    source: page('encrypted-volumes'),
  },
  {
    identifier: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
    concern: 'encryption-at-rest',
    meaning: 'an Aurora/RDS cluster stores data unencrypted',
    unavailableIn: ['ca-west-1'],
    source: page('rds-cluster-encrypted-at-rest'),
  },
  {
    identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    concern: 'encryption-in-transit',
    meaning: 'a bucket policy accepts requests without TLS',
    unavailableIn: [],
    source: page('s3-bucket-ssl-requests-only'),
  },
  {
    identifier: 'S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    concern: 'backup-coverage',
    meaning: 'a bucket is covered by no backup plan',
    unavailableIn: ['ca-west-1'],
    source: page('s3-resources-protected-by-backup-plan'),
  },
  {
    identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    concern: 'backup-retention',
    meaning: 'a backup plan runs less than daily or keeps recovery points shorter than the configured minimum',
    unavailableIn: ['ca-west-1'],
    source: page('backup-plan-min-frequency-and-min-retention-check'),
    retentionParameter: 'requiredRetentionDays',
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
    concern: 'backup-retention',
    meaning: 'a recovery point expires before the configured minimum retention',
    unavailableIn: ['ca-west-1'],
    source: page('backup-recovery-point-minimum-retention-check'),
    retentionParameter: 'requiredRetentionDays',
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
    concern: 'recovery-point-encryption',
    meaning: 'a recovery point is not encrypted',
    unavailableIn: ['ca-west-1'],
    source: page('backup-recovery-point-encrypted'),
  },
  {
    identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    concern: 'recovery-point-deletion',
    meaning: 'a backup vault access policy does not deny manual deletion of recovery points',
    unavailableIn: ['ca-west-1'],
    source: page('backup-recovery-point-manual-deletion-disabled'),
  },
];

/** The rules AWS offers in `region`. */
export function detectiveRulesFor(region: string): DetectiveRule[] {
  return DETECTIVE_RULES.filter((rule) => !rule.unavailableIn.includes(region));
}

/** The rules AWS does not offer in `region`: the detective gap reported for it. */
export function detectiveGapsIn(region: string): DetectiveRule[] {
  return DETECTIVE_RULES.filter((rule) => rule.unavailableIn.includes(region));
}
