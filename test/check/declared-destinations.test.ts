import * as fs from 'fs';
import * as path from 'path';
import { buildReport } from '../../lib/report/build-report';
import { renderReportMarkdown } from '../../lib/report/render-markdown';
import { ResidencyEngine } from '../../lib/rules';
import { runCli, tmpDir } from './support';

/** A template whose SNS subscription posts to a partner's HTTPS endpoint, outside AWS. */
const template = {
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/records' } },
    ToPartner: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'https', Endpoint: 'https://intake.partner.example.ca/hook' },
    },
  },
};
const declaration = {
  destination: 'https://intake.partner.example.ca/*',
  region: 'ca-central-1',
  reason: 'Partner intake hosted in Montreal under contract 2026-14',
};

const dir = tmpDir();
const file = path.join(dir, 'partner.template.json');
fs.writeFileSync(file, JSON.stringify(template));
const declared = path.join(dir, 'declared.yaml');
fs.writeFileSync(
  declared,
  `declaredDestinations:\n  - destination: '${declaration.destination}'\n    region: ${declaration.region}\n    reason: ${declaration.reason}\n`,
);

const DEST = 'CaResidency-DataDestination';

describe('check --declared-destinations', () => {
  test('without the declaration the third-party endpoint is a residency finding', () => {
    const r = runCli(['check', file, '--region', 'ca-central-1', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === DEST)).toHaveLength(1);
  });
  test('with it the path passes and the declaration is listed with its reason (text and json)', () => {
    const json = JSON.parse(
      runCli(['check', file, '--region', 'ca-central-1', '--format', 'json', '--declared-destinations', declared])
        .stdout,
    );
    expect(json.findings.filter((f: { ruleId: string }) => f.ruleId === DEST)).toEqual([]);
    expect(json.declaredDestinations).toEqual([
      expect.objectContaining({
        logicalId: 'ToPartner',
        path: 'Properties.Endpoint',
        region: 'ca-central-1',
        reason: declaration.reason,
      }),
    ]);
    const text = runCli(['check', file, '--region', 'ca-central-1', '--declared-destinations', declared]).stdout;
    expect(text).toMatch(/DECLARED .*ToPartner .*Properties\.Endpoint .*contract 2026-14/);
  });
  test('a bad declaration is one input error naming the field, exit 2', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([
        {
          destination: 'https://x.example.com/*',
          region: 'us-east-1',
          reason: 'Because the vendor said so, in writing',
        },
      ]),
    );
    const r = runCli(['check', file, '--region', 'ca-central-1', '--declared-destinations', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/declaredDestinations\[0\]\.region: "us-east-1"/);
    expect(r.stdout).toBe('');
  });
});

describe('residency report', () => {
  test('lists declared destinations with their reason', () => {
    const templates = [{ stackName: 'Partner', region: 'ca-central-1', template }];
    const result = new ResidencyEngine({ declaredDestinations: [declaration] }).evaluate(templates);
    const report = buildReport(templates, { result, evaluationDate: new Date('2026-11-29'), exemptions: [] });
    expect(report.declaredDestinations).toEqual([
      expect.objectContaining({ stackName: 'Partner', logicalId: 'ToPartner', reason: declaration.reason }),
    ]);
    expect(renderReportMarkdown(report)).toMatch(/## Declared destinations[\s\S]*ToPartner[\s\S]*contract 2026-14/);
  });
});
