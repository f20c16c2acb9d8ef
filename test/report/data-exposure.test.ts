import { runCheck } from '../../lib/check';
import { buildReport, renderReportJson, renderReportMarkdown, ResidencyReport } from '../../lib/report';
import { TemplateUnderTest } from '../../lib/rules';

// A reviewer reading residency-report.md sees data-exposure findings with their category, a count per category in
// the summary, and a control judged from the API stages and those findings.

const DAY = new Date('2026-12-06T00:00:00Z');

function stage(dataTrace: boolean) {
  return {
    Type: 'AWS::ApiGateway::Stage',
    Properties: {
      RestApiId: 'a1b2c3d4e5',
      StageName: 'prod',
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: dataTrace, LoggingLevel: 'ERROR' }],
    },
  };
}

function reportOf(resources: Record<string, unknown>): { report: ResidencyReport; markdown: string } {
  const templates: TemplateUnderTest[] = [
    { stackName: 'Front', region: 'ca-central-1', account: '111122223333', template: { Resources: resources } as any },
  ];
  const report = buildReport(templates, {
    result: runCheck(templates, { evaluationDate: DAY }),
    evaluationDate: DAY,
    exemptions: [],
  });
  return { report, markdown: renderReportMarkdown(report) };
}

const control = (report: ResidencyReport) => report.controls.find((c) => c.id === 'data-exposure');

describe('data exposure in the residency report', () => {
  // A deployment without a stage description holds no settings: it is not counted as a stage.
  const { report, markdown } = reportOf({
    TraceStage: stage(true),
    QuietStage: stage(false),
    Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: 'a1b2c3d4e5' } },
  });

  test('a data-trace stage is listed in the findings with its category', () => {
    const exposures = report.findings.filter((f) => f.category === 'data-exposure');
    expect(exposures.map((f) => `${f.ruleId} ${f.logicalId} ${f.path}`)).toEqual([
      'CaResidency-DataExposure TraceStage Properties.MethodSettings[0].DataTraceEnabled',
    ]);
    expect(markdown).toContain(
      '| error | data-exposure | CaResidency-DataExposure | `Front` | `TraceStage` (AWS::ApiGateway::Stage) | `Properties.MethodSettings[0].DataTraceEnabled` |',
    );
    expect(JSON.parse(renderReportJson(report)).findings).toContainEqual(
      expect.objectContaining({ category: 'data-exposure', logicalId: 'TraceStage' }),
    );
  });

  test('the summary counts findings per category', () => {
    expect(markdown).toMatch(/\*\*\d+ finding\(s\)\*\* \([^)]*data-exposure 1[^)]*\)\./);
  });

  test('the data-exposure control is not met, with the stages and findings it rests on', () => {
    expect(control(report)).toMatchObject({
      status: 'not-met',
      evidence:
        '1 of 2 API stage(s) with data trace off and no unencrypted cache; 1 data-exposure finding(s), 0 exempted',
    });
    expect(markdown).toMatch(/\| \*\*data-exposure\*\* Patient data kept out of logs and caches .* \| ❌ not met \|/);
    // PIPEDA 4.7 as a whole rests on it.
    expect(report.controls.find((c) => c.id === 'PIPEDA-4.7')?.evidence).toContain('data-exposure not-met');
  });

  test('stages with data trace off meet the control; an app without API stages does not apply', () => {
    const clean = reportOf({ QuietStage: stage(false) }).report;
    expect(clean.findings.filter((f) => f.category === 'data-exposure')).toEqual([]);
    expect(control(clean)).toMatchObject({ status: 'met', evidence: expect.stringMatching(/^1 of 1 API stage/) });
    const none = reportOf({ Topic: { Type: 'AWS::SNS::Topic', Properties: {} } }).report;
    expect(control(none)?.status).toBe('not-applicable');
  });
});
