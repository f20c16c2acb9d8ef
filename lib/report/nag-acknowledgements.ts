import * as fs from 'fs';
import * as path from 'path';
import { CheckInputError } from '../check/input-error';
import { RecordedNagAcknowledgement } from './exceptions';

/**
 * Acknowledged findings of every cdk-nag pack, from the `validation-report.json` CDK writes into the cloud
 * assembly (`pluginReports[].suppressedViolations[]`). No file means no acknowledgements (CDK leaves it out
 * when nothing was validated). Stack traces are not read: they hold machine paths.
 */
export function readNagAcknowledgements(assemblyDir: string, label: string = assemblyDir): RecordedNagAcknowledgement[] {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  let report: { pluginReports?: unknown };
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    throw new CheckInputError(`${path.join(label, 'validation-report.json')}: not valid JSON: ${(e as Error).message}`);
  }
  const out: RecordedNagAcknowledgement[] = [];
  for (const p of Array.isArray(report?.pluginReports) ? report.pluginReports : []) {
    for (const v of Array.isArray(p?.suppressedViolations) ? p.suppressedViolations : []) {
      const constructs = Array.isArray(v?.violatingConstructs) ? v.violatingConstructs : Array.isArray(v?.violatingResources) ? v.violatingResources : [];
      out.push({
        pluginName: String(p.pluginName ?? '?'),
        ruleName: String(v.ruleName ?? '?'),
        reason: String(v.reason ?? ''),
        acknowledgedAt: String(v.acknowledgedAt ?? ''),
        constructPaths: constructs.map((c: { constructPath?: unknown }) => c?.constructPath).filter((c: unknown): c is string => typeof c === 'string'),
      });
    }
  }
  return out;
}
