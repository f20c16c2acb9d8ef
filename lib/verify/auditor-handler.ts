import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { isFailing } from './findings';
import {
  AUDITOR_ENV,
  AUDITOR_NAMESPACE,
  BUCKETS_CHECKED_METRIC,
  NON_COMPLIANT_BUCKETS_METRIC,
  RESIDENCY_DRIFT_METRIC,
} from './auditor-metrics';
import { regionalClients, VerifyClients } from './clients';
import { verifyAccount, VerifyResult } from './verify-account';

/** What one audit run returns (also logged): counts and the failing findings, without object data. */
export interface AuditSummary {
  readonly bucketsChecked: number;
  readonly nonCompliantBuckets: number;
  readonly residencyDrift: number;
  readonly failing: { ruleId: string; bucket: string; region: string | null; path: string; message: string }[];
}

function listFromEnv(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const v = env[name];
  return v === undefined || v.trim() === ''
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

/** The metric data of one run, in the auditor's namespace. */
export function auditMetricData(result: VerifyResult, at: Date) {
  return [
    {
      MetricName: NON_COMPLIANT_BUCKETS_METRIC,
      Value: result.nonCompliantBuckets,
      Unit: 'Count' as const,
      Timestamp: at,
    },
    { MetricName: RESIDENCY_DRIFT_METRIC, Value: result.residencyDrift, Unit: 'Count' as const, Timestamp: at },
    { MetricName: BUCKETS_CHECKED_METRIC, Value: result.buckets.length, Unit: 'Count' as const, Timestamp: at },
  ];
}

/**
 * One audit: the same checks as `ca-residency verify` over every bucket of the account, then the counts as
 * CloudWatch metrics. Findings go to the function's (encrypted) log for the runbook's first look.
 */
export async function audit(
  env: NodeJS.ProcessEnv,
  clients: VerifyClients,
  cloudwatch: CloudWatchClient,
  now: () => Date = () => new Date(),
): Promise<AuditSummary> {
  const homeRegion = env[AUDITOR_ENV.homeRegion] ?? env.AWS_REGION ?? 'ca-central-1';
  const result = await verifyAccount(clients, {
    allowedRegions: listFromEnv(env, AUDITOR_ENV.allowedRegions),
    homeRegion,
    expectReplication: listFromEnv(env, AUDITOR_ENV.expectReplication),
    expectObjectLock: listFromEnv(env, AUDITOR_ENV.expectObjectLock),
  });
  await cloudwatch.send(
    new PutMetricDataCommand({ Namespace: AUDITOR_NAMESPACE, MetricData: auditMetricData(result, now()) }),
  );
  return {
    bucketsChecked: result.buckets.length,
    nonCompliantBuckets: result.nonCompliantBuckets,
    residencyDrift: result.residencyDrift,
    failing: result.findings
      .filter(isFailing)
      .map((f) => ({ ruleId: f.ruleId, bucket: f.bucket, region: f.region ?? null, path: f.path, message: f.message })),
  };
}

/** Lambda entry point (EventBridge Scheduler invokes it with a constant input it ignores). */
export async function handler(): Promise<AuditSummary> {
  const summary = await audit(process.env, regionalClients(), new CloudWatchClient({ region: process.env.AWS_REGION }));
  console.log(JSON.stringify({ message: 'residency audit', ...summary }));
  return summary;
}
