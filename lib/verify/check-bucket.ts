import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { bucketNameOfArn, regionOfArn } from './bucket-location';
import { attempt, VerifyContext } from './context';
import { verifyFinding, VerifyFinding, VerifyRuleId } from './findings';
import { judgeDefaultKey } from './judge-key';
import { deniesInsecureTransport } from './tls-policy';

/** What is expected of one bucket beyond the baseline every bucket must meet. */
export interface BucketExpectations {
  readonly allowedRegions: readonly string[];
  /** Replication must be configured (e.g. the primary data bucket). */
  readonly replication: boolean;
  /** Object lock must be enabled (e.g. a locked audit archive). */
  readonly objectLock: boolean;
}

/** The outcome for one bucket. `region` is undefined when its location could not be read. */
export interface BucketReport {
  readonly bucket: string;
  readonly region?: string;
  readonly findings: VerifyFinding[];
  /** The bucket disappeared between listing and checking (NoSuchBucket): nothing to judge. */
  readonly gone?: boolean;
}

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/** Every check on one bucket. Each check stands alone: one denied call does not stop the others. */
export async function checkBucket(
  bucket: string,
  ctx: VerifyContext,
  expected: BucketExpectations,
): Promise<BucketReport> {
  const findings: VerifyFinding[] = [];
  const location = await ctx.bucketRegion(bucket);
  if (location.kind === 'absent') return { bucket, findings, gone: true };
  if (location.kind === 'failed') {
    findings.push(
      verifyFinding(
        'CaResidency-Verify-Access',
        bucket,
        undefined,
        'GetBucketLocation',
        `${location.reason}. Without its region nothing else about the bucket can be checked.`,
      ),
    );
    return { bucket, findings };
  }
  const region = location.value;
  const add = (ruleId: VerifyRuleId, path: string, message: string) =>
    findings.push(verifyFinding(ruleId, bucket, region, path, message));
  const denied = (operation: string, reason: string) => add('CaResidency-Verify-Access', operation, reason);

  if (!expected.allowedRegions.includes(region)) {
    add(
      'CaResidency-Verify-BucketRegion',
      'GetBucketLocation.LocationConstraint',
      `Bucket is in ${region}, outside the allowed regions (${expected.allowedRegions.join(', ')}). Move its data to a Canadian bucket and delete it.`,
    );
  }
  const s3 = ctx.clients.s3(region);
  const r = ctx.retry;
  const [enc, ver, pab, pol, rep, lock] = await Promise.all([
    attempt('GetBucketEncryption', () => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })), r, [
      'ServerSideEncryptionConfigurationNotFoundError',
    ]),
    attempt('GetBucketVersioning', () => s3.send(new GetBucketVersioningCommand({ Bucket: bucket })), r),
    attempt('GetPublicAccessBlock', () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })), r, [
      'NoSuchPublicAccessBlockConfiguration',
    ]),
    attempt('GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })), r, [
      'NoSuchBucketPolicy',
    ]),
    attempt('GetBucketReplication', () => s3.send(new GetBucketReplicationCommand({ Bucket: bucket })), r, [
      'ReplicationConfigurationNotFoundError',
    ]),
    expected.objectLock
      ? attempt(
          'GetObjectLockConfiguration',
          () => s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })),
          r,
          ['ObjectLockConfigurationNotFoundError'],
        )
      : Promise.resolve(undefined),
  ]);

  // Default encryption: SSE-KMS, a customer-managed key of the bucket's own region, bucket key on.
  let encryptedWithKms = false;
  if (enc.kind === 'failed') denied('GetBucketEncryption', enc.reason);
  else if (enc.kind === 'absent') {
    add(
      'CaResidency-Verify-DefaultEncryption',
      'GetBucketEncryption',
      `No default encryption configuration (${enc.error}). Set SSE-KMS with a customer-managed key of ${region}.`,
    );
  } else {
    const rule: ServerSideEncryptionRule | undefined = enc.value.ServerSideEncryptionConfiguration?.Rules?.[0];
    const byDefault = rule?.ApplyServerSideEncryptionByDefault;
    const algorithm = byDefault?.SSEAlgorithm;
    if (!algorithm || !KMS_ALGORITHMS.includes(algorithm)) {
      add(
        'CaResidency-Verify-DefaultEncryption',
        'GetBucketEncryption.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm',
        `SSEAlgorithm is ${algorithm ?? '(none)'}; expected aws:kms with a customer-managed key of ${region}.`,
      );
    } else {
      encryptedWithKms = true;
      const keyId = byDefault?.KMSMasterKeyID;
      if (!keyId) {
        add(
          'CaResidency-Verify-DefaultEncryption',
          'GetBucketEncryption.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID',
          `SSE-KMS without KMSMasterKeyID uses the AWS managed aws/s3 key; set a customer-managed key of ${region}.`,
        );
      } else {
        for (const p of await judgeDefaultKey(keyId, region, ctx)) {
          add(
            p.cannotCheck ? 'CaResidency-Verify-Access' : 'CaResidency-Verify-DefaultEncryption',
            'GetBucketEncryption.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID',
            p.message,
          );
        }
      }
      if (rule?.BucketKeyEnabled !== true) {
        add(
          'CaResidency-Verify-BucketKey',
          'GetBucketEncryption.Rules[0].BucketKeyEnabled',
          `BucketKeyEnabled is ${String(rule?.BucketKeyEnabled ?? false)}; turn the bucket key on to cut KMS requests and cost.`,
        );
      }
    }
  }

  if (ver.kind === 'failed') denied('GetBucketVersioning', ver.reason);
  else if (ver.kind === 'ok' && ver.value.Status !== 'Enabled') {
    add(
      'CaResidency-Verify-Versioning',
      'GetBucketVersioning.Status',
      `Versioning is ${ver.value.Status ?? 'never enabled'}; expected Enabled.`,
    );
  }

  if (pab.kind === 'failed') denied('GetPublicAccessBlock', pab.reason);
  else if (pab.kind === 'absent') {
    add(
      'CaResidency-Verify-PublicAccessBlock',
      'GetPublicAccessBlock',
      `No public access block on the bucket (${pab.error}); turn on all four settings.`,
    );
  } else if (pab.kind === 'ok') {
    const c = pab.value.PublicAccessBlockConfiguration ?? {};
    const off = (['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).filter(
      (k) => c[k] !== true,
    );
    if (off.length > 0)
      add(
        'CaResidency-Verify-PublicAccessBlock',
        `GetPublicAccessBlock.PublicAccessBlockConfiguration.${off[0]}`,
        `Public access block settings off: ${off.join(', ')}; turn on all four.`,
      );
  }

  if (pol.kind === 'failed') denied('GetBucketPolicy', pol.reason);
  else if (pol.kind === 'absent') {
    add(
      'CaResidency-Verify-TlsOnly',
      'GetBucketPolicy',
      `No bucket policy (${pol.error}), so requests without TLS are not refused; add a Deny on s3:* when aws:SecureTransport is false.`,
    );
  } else if (pol.kind === 'ok') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(pol.value.Policy ?? '');
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined)
      add(
        'CaResidency-Verify-TlsOnly',
        'GetBucketPolicy.Policy',
        'The bucket policy is not valid JSON, so a TLS-only statement cannot be confirmed.',
      );
    else if (!deniesInsecureTransport(parsed, bucket)) {
      add(
        'CaResidency-Verify-TlsOnly',
        'GetBucketPolicy.Policy.Statement',
        'The policy does not deny every S3 action on the bucket and its objects to every principal when aws:SecureTransport is false (judged by the same policy model as CaResidency-EncryptedInTransit).',
      );
    }
  }

  if (rep.kind === 'failed') denied('GetBucketReplication', rep.reason);
  else if (rep.kind === 'absent') {
    if (expected.replication)
      add(
        'CaResidency-Verify-ReplicationConfigured',
        'GetBucketReplication',
        `Replication is expected for this bucket but it has none (${rep.error}).`,
      );
  } else if (rep.kind === 'ok') {
    const rules = rep.value.ReplicationConfiguration?.Rules ?? [];
    if (expected.replication && !rules.some((x) => x.Status === 'Enabled')) {
      add(
        'CaResidency-Verify-ReplicationConfigured',
        'GetBucketReplication.Rules',
        'Replication is expected for this bucket but no rule is Enabled.',
      );
    }
    for (const [i, rule] of rules.entries()) {
      const at = `GetBucketReplication.Rules[${i}]`;
      const destination = rule.Destination?.Bucket;
      if (!destination) continue;
      const destName = bucketNameOfArn(destination);
      const destLocation = await ctx.bucketRegion(destName);
      if (destLocation.kind !== 'ok') {
        const why = destLocation.kind === 'absent' ? `it does not exist (${destLocation.error})` : destLocation.reason;
        add(
          'CaResidency-Verify-ReplicationDestination',
          `${at}.Destination.Bucket`,
          `Replication rule ${rule.ID ?? i} sends objects to ${destName}, whose region could not be confirmed: ${why}. A destination that cannot be located is treated as outside Canada.`,
        );
        continue;
      }
      const destRegion = destLocation.value;
      if (!expected.allowedRegions.includes(destRegion)) {
        add(
          'CaResidency-Verify-ReplicationDestination',
          `${at}.Destination.Bucket`,
          `Replication rule ${rule.ID ?? i} sends objects to ${destName} in ${destRegion}, outside the allowed regions (${expected.allowedRegions.join(', ')}).`,
        );
      }
      const replicaKey = rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID;
      if (replicaKey) {
        const keyRegion = regionOfArn(replicaKey);
        if (keyRegion !== destRegion) {
          add(
            'CaResidency-Verify-ReplicationDestination',
            `${at}.Destination.EncryptionConfiguration.ReplicaKmsKeyID`,
            `Replica key ${replicaKey} is ${keyRegion ? `in ${keyRegion}` : 'not a key ARN with a region'}; the destination bucket is in ${destRegion}.`,
          );
        }
      }
      if (
        encryptedWithKms &&
        rule.Status === 'Enabled' &&
        rule.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status !== 'Enabled'
      ) {
        add(
          'CaResidency-Verify-ReplicationConfigured',
          `${at}.SourceSelectionCriteria.SseKmsEncryptedObjects.Status`,
          `Replication rule ${rule.ID ?? i} does not replicate SSE-KMS objects, and this bucket encrypts with SSE-KMS: nothing reaches ${destName}.`,
        );
      }
    }
  }

  if (lock?.kind === 'failed') denied('GetObjectLockConfiguration', lock.reason);
  else if (lock?.kind === 'absent')
    add(
      'CaResidency-Verify-ObjectLock',
      'GetObjectLockConfiguration',
      `Object lock is expected but not configured (${lock.error}).`,
    );
  else if (lock?.kind === 'ok' && lock.value.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
    add(
      'CaResidency-Verify-ObjectLock',
      'GetObjectLockConfiguration.ObjectLockEnabled',
      `ObjectLockEnabled is ${lock.value.ObjectLockConfiguration?.ObjectLockEnabled ?? '(not set)'}; expected Enabled.`,
    );
  }
  return { bucket, region, findings };
}
