import * as fs from 'fs';
import * as path from 'path';
import { AssemblyReportOptions } from './assembly-report';
import { writeResidencyReport } from './write-report';

/** What is needed of a CDK App (structural, so lib/report stays free of construct types). */
export interface SynthesizableApp {
  readonly outdir: string;
  synth(): { readonly directory: string };
}

/**
 * `app.synth()`, then the residency report written into the cloud assembly. When validation fails, CDK has
 * already written the templates and `validation-report.json` before it throws: the report is written then too
 * (reviewers see the findings) and the error is rethrown unchanged, so `cdk synth` still fails as before.
 */
export function synthWithResidencyReport(
  app: SynthesizableApp,
  options: AssemblyReportOptions = {},
): { readonly directory: string } {
  let assembly: { readonly directory: string };
  try {
    assembly = app.synth();
  } catch (e) {
    if (fs.existsSync(path.join(app.outdir, 'manifest.json'))) {
      try {
        writeResidencyReport(app.outdir, options);
      } catch {
        // The synth error is the one to show; a report problem would only hide it.
      }
    }
    throw e;
  }
  writeResidencyReport(assembly.directory, options);
  return assembly;
}
