import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CanadianResidencyChecks } from '../../lib/nag';
import { residencySummaryLine } from '../../lib/rules/summary-line';
import { CENTRAL } from '../rules/support';

const result = (findings: number, exempted: number, acknowledged: number, resources: number, templates: number) => ({
  findings: new Array(findings).fill({}),
  exempted: new Array(exempted).fill({}),
  acknowledged: new Array(acknowledged).fill({}),
  summary: { templates, resources, findings, byCategory: {} },
});

test('the line counts findings, resources and stacks, and names the report when there is one', () => {
  expect(residencySummaryLine(result(0, 0, 0, 158, 2) as any, 'cdk.out/residency-report.md')).toBe(
    'CaResidency: 0 findings in 158 resources of 2 stacks; report: cdk.out/residency-report.md',
  );
  expect(residencySummaryLine(result(1, 0, 0, 1, 1) as any)).toBe('CaResidency: 1 finding in 1 resource of 1 stack');
});

test('exempted and acknowledged findings are counted: they pass, but a reader should know', () => {
  expect(residencySummaryLine(result(0, 2, 1, 10, 1) as any)).toBe(
    'CaResidency: 0 findings (2 exempted, 1 acknowledged) in 10 resources of 1 stack',
  );
});

/** Synthesizes an app holding one unencrypted bucket in ca-central-1 and returns what the pack wrote on stderr. */
function stderrOfSynth(printSummary: boolean | undefined): string {
  const app = new App({ builtinCloudFormationValidation: false });
  const pack = new CanadianResidencyChecks(app, {
    printSummary,
    exemptions: [
      {
        ruleId: 'CaResidency-EncryptedAtRest',
        resource: 'Data/B',
        reason: 'Public open data set, no personal information',
        expires: '2099-01-01',
      },
    ],
  });
  Validations.of(app).addPlugins(pack);
  new s3.Bucket(new Stack(app, 'Data', { env: CENTRAL }), 'B');
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
  try {
    app.synth();
  } catch {
    // Findings other than the exempted one fail the synth; the line is printed before CDK throws.
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

test('at synth the pack prints its one line on stderr when asked', () => {
  expect(stderrOfSynth(true)).toMatch(/^CaResidency: \d+ findings? \(1 exempted\) in \d+ resources? of 1 stack\n$/);
});

test('under jest the pack stays quiet unless asked', () => {
  expect(stderrOfSynth(undefined)).toBe('');
});
