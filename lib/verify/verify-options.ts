import { CliError } from '../cli/cli-error';
import { DEFAULT_ALLOWED_REGIONS, isCanadianRegion } from '../policy/regions';
import { RetryPolicy } from './retry';

/** A problem with what `verify` was asked to do (a flag, an option): exit 2 with a one-line message. */
export class VerifyInputError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'VerifyInputError';
  }
}

/** S3's bucket naming rules (general purpose buckets): 3-63 lowercase letters, digits, dots and hyphens. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

export interface VerifyOptions {
  /** Regions buckets and replicas may be in: Canadian regions only. @default ca-central-1, ca-west-1 */
  readonly allowedRegions?: readonly string[];
  /** Region whose S3 endpoint lists buckets and answers GetBucketLocation. @default ca-central-1 */
  readonly homeRegion?: string;
  /** Check only these buckets (no ListBuckets call). @default - every bucket of the account */
  readonly buckets?: readonly string[];
  /** Buckets that must have replication configured. @default - none */
  readonly expectReplication?: readonly string[];
  /** Buckets that must have object lock enabled. @default - none */
  readonly expectObjectLock?: readonly string[];
  /** Buckets checked at the same time. @default 8 */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  /** Called after each bucket (done, total): the CLI draws a progress line on a TTY. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ResolvedVerifyOptions {
  readonly allowedRegions: readonly string[];
  readonly homeRegion: string;
  readonly buckets?: readonly string[];
  readonly expectReplication: ReadonlySet<string>;
  readonly expectObjectLock: ReadonlySet<string>;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Validates options, naming the field and the value; throws VerifyInputError listing every problem. */
export function resolveVerifyOptions(o: VerifyOptions = {}): ResolvedVerifyOptions {
  const problems: string[] = [];
  const allowedRegions = o.allowedRegions ?? DEFAULT_ALLOWED_REGIONS;
  if (allowedRegions.length === 0) problems.push('allowedRegions: must name at least one region (got an empty list)');
  for (const r of allowedRegions) {
    if (!isCanadianRegion(r))
      problems.push(`allowedRegions: only Canadian regions (ca-central-1, ca-west-1) can be allowed (got "${r}")`);
  }
  const homeRegion = o.homeRegion ?? 'ca-central-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(homeRegion))
    problems.push(`homeRegion: must be a region name such as ca-central-1 (got "${homeRegion}")`);
  const concurrency = o.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    problems.push(`concurrency: must be an integer from 1 to 64 (got ${concurrency})`);
  for (const b of [...(o.buckets ?? []), ...(o.expectReplication ?? []), ...(o.expectObjectLock ?? [])]) {
    if (!isValidBucketName(b)) problems.push(`bucket: "${b}" is not a valid S3 bucket name`);
  }
  if (problems.length > 0) throw new VerifyInputError(problems.join('; '));
  return {
    allowedRegions,
    homeRegion,
    buckets: o.buckets ? [...new Set(o.buckets)].sort() : undefined,
    expectReplication: new Set(o.expectReplication ?? []),
    expectObjectLock: new Set(o.expectObjectLock ?? []),
    concurrency,
    retry: o.retry ?? {},
    onProgress: o.onProgress,
  };
}
