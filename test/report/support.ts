import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { CanadianResidencyChecks } from '../../lib/nag';
import { synthWithResidencyReport } from '../../lib/report';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { cdkJsonContext } from '../support/cdk-app';

/** The day docs/sample-report.md was generated for (`report cdk.out --date …`). */
export const SAMPLE_DATE = '2026-11-28';

/**
 * Synthesize the reference app in-process as bin/app.ts does (same packs, report written after synth), with
 * the context the CDK CLI adds (construct path metadata). Returns the assembly directory.
 */
export function synthReferenceApp(evaluationDate: Date = new Date(`${SAMPLE_DATE}T00:00:00Z`)): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-residency-report-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false, context: { ...cdkJsonContext(), 'aws:cdk:enable-path-metadata': true } });
  buildResidencyStacks(app, DEFAULT_CONFIG);
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app), new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  synthWithResidencyReport(app, { evaluationDate });
  return outdir;
}
