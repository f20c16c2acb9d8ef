import { ResidencyDiff } from './model';

/** Whether a diff passes the gate, and why not. */
export interface DiffVerdict {
  /** 1: a data-holding resource would be replaced, destroyed or may be replaced (unless allowed), or a failing finding is added. */
  readonly code: 0 | 1;
  /** Why it fails, one phrase per cause (empty when it passes). */
  readonly reasons: readonly string[];
  /** Data-holding resources replaced or destroyed that `--allow-destructive` let through. */
  readonly allowed: number;
}

/**
 * The gate: fails on a data-holding resource that would be replaced, destroyed or may be replaced (unless
 * `allowDestructive`: a reviewed migration), and on an added finding that fails a build (error or fatal, as
 * `check` fails on), which no flag lets through.
 */
export function diffVerdict(diff: ResidencyDiff, allowDestructive: boolean): DiffVerdict {
  const destructive = diff.stacks.reduce((n, s) => n + s.destructive.filter((d) => d.holdsData).length, 0);
  const failing = new Set(
    diff.stacks.flatMap((s) =>
      s.findings.added.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => JSON.stringify(f)),
    ),
  ).size;
  const reasons: string[] = [];
  if (destructive > 0 && !allowDestructive)
    reasons.push(`${destructive} data-holding resource(s) would be replaced or destroyed`);
  if (failing > 0) reasons.push(`${failing} finding(s) added`);
  return { code: reasons.length > 0 ? 1 : 0, reasons, allowed: allowDestructive ? destructive : 0 };
}
