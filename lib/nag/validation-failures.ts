import * as fs from 'fs';
import * as path from 'path';

interface ReportedViolation {
  readonly ruleName?: string;
  readonly description?: string;
  readonly violatingConstructs?: readonly { readonly constructPath?: string }[];
}

/**
 * The violations of every failing plugin in a cloud assembly's `validation-report.json`, one line each.
 *
 * Why this exists: the CDK CLI tells the app not to fail on validation (`@aws-cdk/core:failSynthOnValidationErrors`
 * is false) and judges the report itself, but only for the stacks it selected: `cdk synth` without arguments
 * selects the top-level stacks, so the findings of stacks inside Stages were written to the report and synth still
 * exited 0. An app with stages checks the report itself and exits non-zero.
 */
export function failedValidations(assemblyDir: string): string[] {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports?: readonly { pluginName?: string; conclusion?: string; violations?: readonly ReportedViolation[] }[];
  };
  const lines: string[] = [];
  for (const plugin of report.pluginReports ?? []) {
    if (plugin.conclusion !== 'failure') continue;
    const violations = plugin.violations ?? [];
    if (violations.length === 0) lines.push(`${plugin.pluginName}: failed without a listed violation`);
    for (const v of violations) {
      const where =
        (v.violatingConstructs ?? [])
          .map((c) => c.constructPath)
          .filter(Boolean)
          .join(', ') || '(no construct)';
      lines.push(`${plugin.pluginName} ${v.ruleName}: ${where}: ${v.description}`);
    }
  }
  return lines;
}
