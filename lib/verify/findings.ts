import { Finding, FindingCategory, FindingSeverity } from '../rules/types';

/**
 * Categories of live findings. The engine's categories plus two that only a deployed account has:
 * `data-protection` (versioning, public access, object lock, a replication that does not arrive) and
 * `verification` (a check that could not be made: access denied, throttled, an unexpected error).
 */
export type VerifyCategory = FindingCategory | 'data-protection' | 'verification';

/** The checks `verify` makes, by rule id, with the one-line summary shown in SARIF and `--help`. */
export const VERIFY_RULES = {
  'CaResidency-Verify-BucketRegion': {
    category: 'residency',
    severity: 'fatal',
    summary: 'The bucket is in an allowed (Canadian) region.',
  },
  'CaResidency-Verify-DefaultEncryption': {
    category: 'encryption-at-rest',
    severity: 'error',
    summary: "Default encryption is SSE-KMS with a customer-managed key of the bucket's own region.",
  },
  'CaResidency-Verify-BucketKey': {
    category: 'encryption-at-rest',
    severity: 'warning',
    summary: 'The S3 bucket key is on (fewer KMS requests).',
  },
  'CaResidency-Verify-Versioning': {
    category: 'data-protection',
    severity: 'error',
    summary: 'Versioning is Enabled.',
  },
  'CaResidency-Verify-PublicAccessBlock': {
    category: 'data-protection',
    severity: 'error',
    summary: 'All four public access block settings are on.',
  },
  'CaResidency-Verify-TlsOnly': {
    category: 'encryption-in-transit',
    severity: 'error',
    summary: 'The bucket policy denies requests without TLS (aws:SecureTransport false).',
  },
  'CaResidency-Verify-ReplicationDestination': {
    category: 'residency',
    severity: 'fatal',
    summary: 'Every replication destination is a bucket located in an allowed region, its replica key in that region.',
  },
  'CaResidency-Verify-ReplicationConfigured': {
    category: 'data-protection',
    severity: 'error',
    summary: 'Buckets expected to replicate have a replication configuration.',
  },
  'CaResidency-Verify-ObjectLock': {
    category: 'data-protection',
    severity: 'error',
    summary: 'Buckets expected to be object-locked have object lock enabled.',
  },
  'CaResidency-Verify-Access': {
    category: 'verification',
    severity: 'error',
    summary: 'Every check could be made (not denied, not throttled out, no unexpected error).',
  },
  'CaResidency-Verify-ReplicationCanary': {
    category: 'data-protection',
    severity: 'error',
    summary:
      "A canary object written to the primary bucket arrives in the replica, encrypted with a key of the replica's region.",
  },
} as const satisfies Record<string, { category: VerifyCategory; severity: FindingSeverity; summary: string }>;

export type VerifyRuleId = keyof typeof VERIFY_RULES;

/** One problem found in one live bucket. `path` names the API and field, e.g. `GetBucketVersioning.Status`. */
export interface VerifyFinding {
  readonly ruleId: VerifyRuleId;
  readonly category: VerifyCategory;
  readonly severity: FindingSeverity;
  readonly bucket: string;
  /** The bucket's region when it is known. */
  readonly region?: string;
  readonly path: string;
  readonly message: string;
}

/** A finding for `bucket`, category and severity taken from the rule (a severity may be lowered, e.g. to warning). */
export function verifyFinding(
  ruleId: VerifyRuleId,
  bucket: string,
  region: string | undefined,
  path: string,
  message: string,
  severity?: FindingSeverity,
): VerifyFinding {
  const rule = VERIFY_RULES[ruleId];
  return { ruleId, category: rule.category, severity: severity ?? rule.severity, bucket, region, path, message };
}

/** True when the finding fails the run (exit 1, counted as non-compliant). */
export function isFailing(f: { severity: FindingSeverity }): boolean {
  return f.severity === 'error' || f.severity === 'fatal';
}

/**
 * The same finding in the engine's shape, so the `check` formatters apply: the bucket stands where a stack
 * and a logical id stand. The engine's category union does not know verify's two extra categories; the
 * formatters only print the category, so the value is carried through as it is.
 */
export function toEngineFinding(f: VerifyFinding): Finding {
  return {
    ruleId: f.ruleId,
    category: f.category as FindingCategory,
    severity: f.severity,
    stackName: f.bucket,
    region: f.region,
    logicalId: f.bucket,
    resourceType: 'AWS::S3::Bucket',
    path: f.path,
    message: f.message,
  };
}
