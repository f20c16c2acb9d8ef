import * as path from 'path';
import { readCloudAssembly } from '../check/read-assembly';
import { ReadLimits } from '../check/read-limits';
import { runCheck } from '../check/run-check';
import { Exemption } from '../policy/options';
import { policyFromTemplates, TemplateUnderTest } from '../rules';
import { buildReport } from './build-report';
import { ResidencyReport } from './model';
import { readNagAcknowledgements } from './nag-acknowledgements';

export interface AssemblyReportOptions {
  /**
   * The day exemptions are judged against, printed in the report. Default: today (UTC). It is the report's only
   * date, and a day rather than a time, so two synths of the same app on the same day give identical reports;
   * pass one to make a report reproducible on any day.
   */
  readonly evaluationDate?: Date;
  /** Exemptions added to the ones the pack recorded (as `check --exemptions`). */
  readonly exemptions?: readonly Exemption[];
  /** How the directory is named in error messages. */
  readonly label?: string;
  /** Bounds on what is read from the assembly (untrusted input). */
  readonly limits?: ReadLimits;
}

/** The day (00:00 UTC) of a date, so that the time of a run never changes what is judged. */
export function dayOf(date: Date): Date {
  return new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
}

/**
 * The residency report of a cloud assembly (every stack, Stage assemblies included): the same evaluation
 * `ca-residency check` runs, plus the inventory. Throws CheckInputError on an unreadable assembly.
 */
export function reportFromAssembly(dir: string, options: AssemblyReportOptions = {}): ResidencyReport {
  return readAssemblyWithReport(dir, options).report;
}

/** The report of a cloud assembly with the templates it was built from (what `diff` compares besides the report). */
export function readAssemblyWithReport(
  dir: string,
  options: AssemblyReportOptions = {},
): { templates: TemplateUnderTest[]; report: ResidencyReport } {
  const label = options.label ?? dir;
  // Template files relative to the assembly, so the report does not depend on where it was synthesized.
  const templates = readCloudAssembly(dir, label, options.limits).map((t) =>
    t.templateFile ? { ...t, templateFile: path.relative(label, t.templateFile).split(path.sep).join('/') } : t,
  );
  const evaluationDate = dayOf(options.evaluationDate ?? new Date());
  const result = runCheck(templates, { exemptions: options.exemptions, evaluationDate });
  const recorded = policyFromTemplates(templates)?.options.exemptions ?? [];
  const report = buildReport(templates, {
    result,
    evaluationDate,
    exemptions: [...recorded, ...(options.exemptions ?? [])],
    nagAcknowledgements: readNagAcknowledgements(dir, label, options.limits),
  });
  return { templates, report };
}
