import * as path from 'path';
import { confinementOf } from '../check/read-file';
import { readAssemblyJson } from '../check/read-assembly';
import { ReadLimits } from '../check/read-limits';
import { RecordedNagAcknowledgement } from './exceptions';

/**
 * Acknowledged findings of every cdk-nag pack, from the `validation-report.json` CDK writes into the cloud
 * assembly (`pluginReports[].suppressedViolations[]`). No file means no acknowledgements (CDK leaves it out
 * when nothing was validated). Stack traces are not read: they hold machine paths. Read like every file of an
 * untrusted assembly: confined to it, bounded.
 */
export function readNagAcknowledgements(
  assemblyDir: string,
  label: string = assemblyDir,
  limits: ReadLimits = {},
): RecordedNagAcknowledgement[] {
  const within = confinementOf(assemblyDir, label);
  const report = readAssemblyJson(
    within,
    within.root,
    'validation-report.json',
    path.join(label, 'validation-report.json'),
    limits,
    true,
  ) as { pluginReports?: unknown } | undefined;
  const out: RecordedNagAcknowledgement[] = [];
  for (const p of Array.isArray(report?.pluginReports) ? report.pluginReports : []) {
    for (const v of Array.isArray(p?.suppressedViolations) ? p.suppressedViolations : []) {
      const constructs = Array.isArray(v?.violatingConstructs)
        ? v.violatingConstructs
        : Array.isArray(v?.violatingResources)
          ? v.violatingResources
          : [];
      out.push({
        pluginName: String(p.pluginName ?? '?'),
        ruleName: String(v.ruleName ?? '?'),
        reason: String(v.reason ?? ''),
        acknowledgedAt: String(v.acknowledgedAt ?? ''),
        constructPaths: constructs
          .map((c: { constructPath?: unknown }) => c?.constructPath)
          .filter((c: unknown): c is string => typeof c === 'string'),
      });
    }
  }
  return out;
}
