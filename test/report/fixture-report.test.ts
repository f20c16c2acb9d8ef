import * as path from 'path';
import { readInputs, runCheck } from '../../lib/check';
import { buildReport, renderReportJson, renderReportMarkdown, ResidencyReport } from '../../lib/report';
import { policyFromTemplates, TemplateUnderTest } from '../../lib/rules';

const FIXTURE = path.join(__dirname, 'fixtures', 'records.template.json');
const DAY = new Date('2026-01-15T00:00:00Z');

function reportOf(templates: TemplateUnderTest[], evaluationDate = DAY): ResidencyReport {
  const result = runCheck(templates, { evaluationDate });
  return buildReport(templates, {
    result,
    evaluationDate,
    exemptions: policyFromTemplates(templates)?.options.exemptions ?? [],
  });
}

const templates = readInputs([FIXTURE], 'ca-central-1', process.cwd()).map((t) => ({
  ...t,
  stackName: 'Records',
  account: '111122223333',
}));
const report = reportOf(templates);
const markdown = renderReportMarkdown(report);

test('findings are listed, including the one for an expired exemption, and the report says the build fails', () => {
  expect(report.summary).toMatchObject({ failing: true, findings: 5, exempted: 2, exemptionsExpiringSoon: 1 });
  expect(report.findings.map((f) => `${f.ruleId} ${f.logicalId}`)).toEqual([
    'CaResidency-ExemptionInvalid Plain',
    'CaResidency-EncryptedInTransit Export',
    'CaResidency-EncryptedInTransit Legacy',
    'CaResidency-EncryptedInTransit Plain',
    'CaResidency-EncryptedAtRest Plain',
  ]);
  expect(markdown).toMatch(/\| fatal \| residency \| CaResidency-ExemptionInvalid \| .*expired on 2025-12-31/);
});

test('valid exemptions are listed with reason, expiry and what they let through; one within 30 days is flagged', () => {
  expect(report.exemptions).toEqual([
    {
      ruleId: 'CaResidency-S3ReplicationDestination',
      resource: 'Records/Export/Resource',
      reason: 'Partner transfer agreed by the privacy office, ticket PRIV-112',
      expires: '2026-02-01',
      daysLeft: 17,
      expiringSoon: true,
      covers: ['Records/Export'],
    },
    {
      ruleId: 'CaResidency-EncryptedAtRest',
      resource: 'Legacy',
      reason: 'Legacy bucket migrates to the records key in Q3, ticket SEC-77',
      expires: '2026-09-30',
      daysLeft: 258,
      expiringSoon: false,
      covers: ['Records/Legacy'],
    },
  ]);
  expect(markdown).toContain(
    '| CaResidency-S3ReplicationDestination | `Records/Export/Resource` | ⚠️ **2026-02-01** (17 day(s) left) |',
  );
  expect(markdown).toContain('| CaResidency-EncryptedAtRest | `Legacy` | 2026-09-30 (258 days left) |');
  // Thirty-one days before expiry the flag is not raised yet; on the thirtieth it is.
  expect(reportOf(templates, new Date('2026-01-01T00:00:00Z')).exemptions[0].expiringSoon).toBe(false);
  expect(reportOf(templates, new Date('2026-01-02T00:00:00Z')).exemptions[0].expiringSoon).toBe(true);
});

test('a tag-based backup selection covers the tagged table only, with its copy region; a foreign replica has no region', () => {
  const byId = Object.fromEntries(report.dataStores.map((d) => [d.logicalId, d]));
  expect(byId.Table.backup).toEqual([
    {
      stackName: 'Records',
      plan: 'records-plan',
      planLogicalId: 'Plan',
      rule: 'nightly',
      selectedBy: 'tag backup=daily',
      selection: 'tagged',
      vault: 'records-vault',
      region: 'ca-central-1',
      copies: [{ vault: 'arn:aws:backup:ca-west-1:111122223333:backup-vault:records-copy', region: 'ca-west-1' }],
    },
  ]);
  for (const id of ['Plain', 'Legacy', 'Export']) expect(byId[id].backup).toEqual([]);
  expect(byId.Export.replication).toEqual([{ destination: 'arn:aws:s3:::partner-bucket-us' }]);
  expect(byId.Plain.atRest.status).not.toBe('customer-managed');
  expect(byId.Table.atRest).toMatchObject({
    status: 'customer-managed',
    key: { stackName: 'Records', logicalId: 'Key', region: 'ca-central-1' },
  });
});

test('controls follow the facts: residency and transit not met, at rest partial', () => {
  const status = Object.fromEntries(report.controls.map((c) => [c.id, c.status]));
  expect(status).toMatchObject({
    residency: 'not-met',
    'SC-28': 'partial',
    'SC-8': 'not-met',
    'CP-9': 'partial',
    'AU-2': 'not-met',
    'PIPEDA-4.7': 'not-met',
  });
});

test('a change to one resource changes only the lines about it', () => {
  const changed = templates.map((t) => {
    const template = JSON.parse(JSON.stringify(t.template));
    template.Resources.Table.Properties.Tags = [];
    return { ...t, template };
  });
  const before = markdown.split('\n');
  const after = renderReportMarkdown(reportOf(changed)).split('\n');
  const removed = before.filter((l) => !after.includes(l));
  const added = after.filter((l) => !before.includes(l));
  // The table's row, the CP-9 (and so PIPEDA 4.7) evidence, and the diagram's nodes and edges of its backup flow.
  const aboutTable =
    /^\| `Table`|\*\*CP-9\*\*|\*\*PIPEDA-4\.7\*\*|n_Records_Table|n_Records_Vault|records_copy|r_ca_west_1/;
  expect(removed.filter((l) => !aboutTable.test(l))).toEqual([]);
  expect(added.filter((l) => !aboutTable.test(l))).toEqual([]);
  expect(removed.length).toBeGreaterThan(0);
});

test('the JSON renders the same model, and the same input renders identically twice', () => {
  expect(JSON.parse(renderReportJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  expect(renderReportJson(reportOf(templates))).toBe(renderReportJson(report));
  expect(renderReportMarkdown(reportOf(templates))).toBe(markdown);
});
