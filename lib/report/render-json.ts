import { ResidencyReport } from './model';

/** `residency-report.json`: the model as is, two-space indented, ending with a newline. */
export function renderReportJson(report: ResidencyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
