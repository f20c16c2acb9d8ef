#!/usr/bin/env node
import { existsSync } from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { ConfigError } from '../lib/config/config-error';
import { PLACEHOLDER_ACCOUNT_ID } from '../lib/config/defaults';
import { CONFIG_FILE_CONTEXT_KEY, resolveEnvironments } from '../lib/config/load';
import { CanadianResidencyChecks } from '../lib/nag';
import { failedValidations } from '../lib/nag/validation-failures';
import { synthWithResidencyReport } from '../lib/report/synth-with-report';
import { REPORT_MARKDOWN_FILE } from '../lib/report/write-report';
import { residencySummaryLine } from '../lib/rules/summary-line';
import { alertSubscriberDeclarations } from '../lib/stacks/alert-subscriber-declarations';
import { buildResidencyStacks } from '../lib/stacks/residency-app';
import { buildOrganisation } from '../lib/stacks/organisation';

const app = new App();

/** A configuration problem is the user's to fix: print the list and exit 1, not a stack trace. */
function exitOnConfigError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const resolved = exitOnConfigError(() => resolveEnvironments(app.node.getAllContext()));
const { configs, listed } = resolved;
if (configs.some((config) => config.accountId === PLACEHOLDER_ACCOUNT_ID)) {
  console.error(
    `cdk-ca-residency: using the placeholder account ${PLACEHOLDER_ACCOUNT_ID}; set -c caResidency.accountId=<your account> before deploying.`,
  );
}

// A configuration with `environments` gets one Stage per environment; a single one keeps its top-level stacks.
// With `pipeline` on, the delivery pipeline (tooling account) deploys those same stages wave by wave.
exitOnConfigError(() => {
  if (listed) buildOrganisation(app, resolved, app.node.tryGetContext(CONFIG_FILE_CONTEXT_KEY));
  else buildResidencyStacks(app, configs[0]);
});
// Our residency pack first: its findings are the ones that block a deployment outright. It prints no line of its
// own: the one below also names the report.
// Alert subscribers from the config are declared destinations too (listed in every report with their reason).
const declaredDestinations = configs.flatMap((config) => [
  ...(config.declaredDestinations ?? []),
  ...alertSubscriberDeclarations(config),
]);
const residency = new CanadianResidencyChecks(app, { printSummary: false, declaredDestinations });
Validations.of(app).addPlugins(residency, new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));

// Synthesize explicitly so the reviewer report (residency-report.md/.json) lands in the same cloud assembly.
try {
  const assembly = synthWithResidencyReport(app);
  // The CLI judges the validation report only for the stacks it selected, which leaves out stacks in Stages.
  const failures = listed ? failedValidations(assembly.directory) : [];
  if (failures.length > 0) {
    console.error(
      `Validation failed in the environment stages (${failures.length} finding(s)):\n${failures.map((f) => `  - ${f}`).join('\n')}`,
    );
    process.exitCode = 1;
  }
} finally {
  // Also when synth failed on findings: the count and the report are what the reader needs next.
  const result = residency.lastSynthResult;
  const report = path.join(app.outdir, REPORT_MARKDOWN_FILE);
  const shown = path.relative(process.cwd(), report).startsWith('..') ? report : path.relative(process.cwd(), report);
  if (result) console.error(residencySummaryLine(result, existsSync(report) ? shown : undefined));
}
