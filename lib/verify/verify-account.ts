import { isCredentialsError } from './aws-errors';
import { failureReason, noCredentials, VerifyContext } from './context';
import { BucketReport, checkBucket } from './check-bucket';
import { VerifyClients } from './clients';
import { isFailing, verifyFinding, VerifyFinding } from './findings';
import { listAllBuckets } from './list-buckets';
import { resolveVerifyOptions, VerifyOptions } from './verify-options';

/** Name used for findings about the account rather than one bucket (ListBuckets denied). */
export const ACCOUNT_SUBJECT = '(account)';

/** Everything one `verify` run found. Buckets and findings in stable order (bucket name, then rule). */
export interface VerifyResult {
  readonly buckets: readonly BucketReport[];
  readonly findings: readonly VerifyFinding[];
  /** Buckets with at least one error or fatal finding. */
  readonly nonCompliantBuckets: number;
  /** Buckets with a failing residency finding (outside the allowed regions, or replicating outside them). */
  readonly residencyDrift: number;
}

/** Summarizes bucket reports (also used when the canary adds its findings). */
export function summarize(buckets: readonly BucketReport[], extra: readonly VerifyFinding[] = []): VerifyResult {
  const findings = [...buckets.flatMap((b) => b.findings), ...extra].sort(
    (a, b) =>
      (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  // Counted over the buckets checked only: a finding about the account or a missing bucket is a finding, not a
  // non-compliant bucket (never "1 of 0 bucket(s)").
  const checked = new Set(buckets.map((b) => b.bucket));
  const failing = findings.filter((f) => isFailing(f) && checked.has(f.bucket));
  return {
    buckets,
    findings,
    nonCompliantBuckets: new Set(failing.map((f) => f.bucket)).size,
    residencyDrift: new Set(failing.filter((f) => f.category === 'residency').map((f) => f.bucket)).size,
  };
}

/**
 * Checks every bucket of the account (or the named ones) against the residency baseline. Never throws for
 * what it finds in the account: denied or failing calls become findings. Throws VerifyInputError on bad options.
 */
export async function verifyAccount(clients: VerifyClients, options: VerifyOptions = {}): Promise<VerifyResult> {
  const o = resolveVerifyOptions(options);
  const ctx = new VerifyContext(clients, o.homeRegion, o.retry);
  let names: readonly string[];
  if (o.buckets) names = o.buckets;
  else {
    try {
      names = await listAllBuckets(clients.s3(o.homeRegion), o.retry);
    } catch (e) {
      if (isCredentialsError(e)) throw noCredentials(e);
      const f = verifyFinding(
        'CaResidency-Verify-Access',
        ACCOUNT_SUBJECT,
        o.homeRegion,
        'ListBuckets',
        `${failureReason('ListBuckets', e)}; no bucket could be checked.`,
      );
      return summarize([], [f]);
    }
  }
  const reports: BucketReport[] = new Array(names.length);
  let next = 0;
  let done = 0;
  // A small pool: accounts with hundreds of buckets finish in minutes, not hours, without tripping throttling.
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      reports[i] = await checkBucket(names[i], ctx, {
        allowedRegions: o.allowedRegions,
        replication: o.expectReplication.has(names[i]),
        objectLock: o.expectObjectLock.has(names[i]),
      });
      o.onProgress?.(++done, names.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, Math.max(1, names.length)) }, worker));
  // A bucket named on the command line that does not exist is a finding; one deleted since the listing is not.
  const missing = o.buckets
    ? reports
        .filter((r) => r.gone)
        .map((r) =>
          verifyFinding(
            'CaResidency-Verify-Access',
            r.bucket,
            undefined,
            'GetBucketLocation',
            `Bucket ${r.bucket} does not exist (NoSuchBucket).`,
          ),
        )
    : [];
  return summarize(
    reports.filter((r) => !r.gone),
    missing,
  );
}
