import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { ResidencyNames } from '../../lib/config/naming';
import { REPORT_JSON_FILE, REPORT_MARKDOWN_FILE, ResidencyReport } from '../../lib/report';
import { referenceAssemblyDir, SAMPLE_DATE, synthReferenceApp } from '../support/reference-assembly';

// Two syntheses of the same app must write the same report: the run's shared synthesis and one of this file's own.
const first = referenceAssemblyDir();
const second = synthReferenceApp();
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf-8');
const report: ResidencyReport = JSON.parse(read(first, REPORT_JSON_FILE));
const markdown = read(first, REPORT_MARKDOWN_FILE);
const names = new ResidencyNames(DEFAULT_CONFIG);
const PRIMARY = names.stackName('primary');
const RECOVERY = names.stackName('recovery');

afterAll(() => fs.rmSync(second, { recursive: true, force: true }));

const store = (stack: string, idPrefix: string) => {
  const found = report.dataStores.filter((d) => d.stackName === stack && d.logicalId.startsWith(idPrefix));
  expect(found).toHaveLength(1);
  return found[0];
};

test('two syntheses write byte-identical Markdown and JSON reports into the assembly', () => {
  expect(read(second, REPORT_MARKDOWN_FILE)).toBe(markdown);
  expect(read(second, REPORT_JSON_FILE)).toBe(read(first, REPORT_JSON_FILE));
  expect(report.evaluationDate).toBe(SAMPLE_DATE);
  // No machine path or time of day leaks into the report.
  expect(markdown).not.toContain(first);
  expect(markdown).not.toMatch(/\d{2}:\d{2}:\d{2}/);
});

test('lists both stacks with region, account and resource counts', () => {
  expect(report.stacks.map((s) => [s.stackName, s.region, s.account])).toEqual([
    [PRIMARY, 'ca-central-1', DEFAULT_CONFIG.accountId],
    [RECOVERY, 'ca-west-1', DEFAULT_CONFIG.accountId],
  ]);
  for (const s of report.stacks) {
    expect(s.resources).toBe(Object.values(s.resourceTypes).reduce((a, b) => a + b, 0));
    expect(s.resourceTypes['AWS::S3::Bucket']).toBeGreaterThan(0);
  }
  expect(report.summary).toMatchObject({ stacks: 2, findings: 0, failing: false });
});

test('every data store is listed with a customer-managed key of its own region, where the service offers one', () => {
  const buckets = report.dataStores.filter((d) => d.type === 'AWS::S3::Bucket');
  expect(buckets.map((b) => `${b.stackName}/${b.constructPath}`).sort()).toEqual([
    `${PRIMARY}/Primary/AuditTrail/Archive/Bucket/Resource`,
    `${PRIMARY}/Primary/DataBucket/Bucket/Resource`,
    `${PRIMARY}/Primary/Foundation/AccessLogs/Bucket/Resource`,
    `${RECOVERY}/Recovery/AuditArchiveCopy/Archive/Bucket/Resource`,
    `${RECOVERY}/Recovery/Foundation/AccessLogs/Bucket/Resource`,
    `${RECOVERY}/Recovery/ReplicaBucket/Bucket/Resource`,
  ]);
  for (const d of report.dataStores) {
    if (d.type === 'AWS::Lambda::Function' && d.atRest.key === undefined) {
      expect(d.atRest.status).toBe('service-managed'); // no environment variables: nothing of ours at rest
      continue;
    }
    if (d.type === 'AWS::Scheduler::Schedule') {
      expect(d.atRest.status).toBe('service-managed'); // no target input: no payload stored
      continue;
    }
    expect({
      id: `${d.stackName}/${d.logicalId}`,
      status: d.atRest.status,
      keyRegion: d.atRest.key?.region,
      keyStack: d.atRest.key?.stackName,
    }).toEqual({
      id: `${d.stackName}/${d.logicalId}`,
      status: 'customer-managed',
      keyRegion: d.region,
      keyStack: d.stackName,
    });
  }
  expect(new Set(report.dataStores.map((d) => d.type))).toEqual(
    new Set([
      'AWS::S3::Bucket',
      'AWS::SNS::Topic',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
      'AWS::Backup::BackupVault',
      'AWS::CloudTrail::Trail',
      'AWS::Lambda::Function',
      'AWS::Scheduler::Schedule',
    ]),
  );
});

test('buckets and topics deny requests without TLS (and TLS below 1.2 for buckets)', () => {
  for (const d of report.dataStores.filter((x) => x.type === 'AWS::S3::Bucket')) {
    expect(d.inTransit).toEqual({
      status: 'enforced',
      detail: 'BucketPolicy denies TLS below 1.2, denies requests without TLS',
    });
  }
  for (const d of report.dataStores.filter((x) => x.type === 'AWS::SNS::Topic'))
    expect(d.inTransit.status).toBe('enforced');
});

test('the data bucket replicates to the replica bucket of the recovery stack in ca-west-1, with a ca-west-1 key', () => {
  const data = store(PRIMARY, 'DataBucket');
  expect(data.replication).toEqual([
    {
      destination: `arn:aws:s3:::${names.bucketName('replica', 'ca-west-1')}`,
      region: 'ca-west-1',
      stackName: RECOVERY,
      logicalId: store(RECOVERY, 'ReplicaBucket').logicalId,
      key: {
        reference: `arn:aws:kms:ca-west-1:${DEFAULT_CONFIG.accountId}:${names.keyAlias('data')}`,
        region: 'ca-west-1',
      },
    },
  ]);
  expect(report.dataStores.filter((d) => d.replication.length > 0).map((d) => d.logicalId)).toEqual([
    store(PRIMARY, 'AuditTrailArchive').logicalId,
    data.logicalId,
  ]);
});

test('the backup plan covers the data bucket (by tag and by ARN) in every rule, with copies to the ca-west-1 vault', () => {
  const data = store(PRIMARY, 'DataBucket');
  expect(data.backup.map((b) => b.rule).sort()).toEqual(['daily', 'monthly', 'weekly']);
  for (const b of data.backup) {
    expect(b).toMatchObject({
      stackName: PRIMARY,
      plan: `${PRIMARY}-plan`,
      vault: names.vaultName(),
      region: 'ca-central-1',
    });
    expect(b.selectedBy).toBe('resource ARN + tag residency:backup=true');
    expect(b.copies).toEqual([
      {
        vault: `arn:aws:backup:ca-west-1:${DEFAULT_CONFIG.accountId}:backup-vault:${names.vaultName()}`,
        region: 'ca-west-1',
      },
    ]);
  }
  // Nothing else carries the backup tag: besides the data bucket, each region's plan covers its access-log bucket
  // (by ARN), with copies in the other region.
  const backedUp = report.dataStores.filter((d) => d.backup.length > 0);
  expect(backedUp.map((d) => `${d.stackName}/${d.logicalId}`).sort()).toEqual(
    [
      `${PRIMARY}/${data.logicalId}`,
      `${PRIMARY}/${store(PRIMARY, 'FoundationAccessLogs').logicalId}`,
      `${RECOVERY}/${store(RECOVERY, 'FoundationAccessLogs').logicalId}`,
    ].sort(),
  );
  for (const d of backedUp)
    expect(d.backup.every((b) => b.copies.length === 1 && b.copies[0].region !== d.region)).toBe(true);
});

test('controls are derived from the templates, with their evidence', () => {
  const status = Object.fromEntries(report.controls.map((c) => [c.id, c.status]));
  expect(status).toEqual({
    residency: 'met',
    'SC-28': 'met',
    'SC-12': 'met',
    'SC-8': 'met',
    'SC-13': 'met',
    // Every bucket has a copy in the other region: backup copies (data, access logs), replicas (data, audit
    // archive), or being the replica of a source there (replica bucket, audit archive copy).
    'CP-9': 'met',
    // The reference app exposes no API: nothing can copy payloads into logs or caches.
    'data-exposure': 'not-applicable',
    'CP-10': 'met',
    'AU-2': 'met',
    'AU-6': 'met',
    'AU-9': 'met',
    'SI-4': 'met',
    'PIPEDA-4.7': 'met',
  });
  expect(report.controls.find((c) => c.id === 'CP-9')!.evidence).toMatch(/^6 of 6 data store\(s\)/);
  for (const c of report.controls) expect(c.references.length).toBeGreaterThan(0);
});

test('acknowledgements of the other packs are listed with their reasons', () => {
  const hipaa = report.acknowledgements.filter((a) => a.pack === 'HIPAA.Security');
  expect(hipaa.map((a) => a.acknowledgedAt)).toContain('Recovery/ReplicaBucket/Bucket');
  for (const a of report.acknowledgements) expect(a.reason.length).toBeGreaterThan(20);
});

test('the Markdown has every section and a Mermaid diagram with the cross-region flows', () => {
  for (const h of [
    '## Stacks',
    '## Data stores',
    '## Findings',
    '## Exemptions',
    '## Acknowledgements',
    '## Controls',
    '## Data flows',
  ]) {
    expect(markdown).toContain(`\n${h}\n`);
  }
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1];
  expect(mermaid).toMatch(/subgraph r_ca_central_1\["ca-central-1"\]/);
  expect(mermaid).toMatch(/subgraph r_ca_west_1\["ca-west-1"\]/);
  expect(mermaid).toMatch(/n_cacr_dev_primary_DataBucket\w+ ==>\|"replication"\| n_cacr_dev_recovery_ReplicaBucket\w+/);
  expect(mermaid).toMatch(
    /n_cacr_dev_primary_FoundationVault\w+ ==>\|"copy cacr-dev-primary-plan \(daily, monthly, weekly\)"\| n_cacr_dev_recovery_FoundationVault\w+/,
  );
  expect(mermaid).toMatch(/-\.->\|"trail files"\|/);
  expect(mermaid).toMatch(/n_external_API_activity_in_ca_west_1 -\.->\|"multi-region trail"\|/);
});

test('docs/sample-report.md is what the current reference app produces (regenerate it with the command in docs/ci.md)', () => {
  const sample = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'sample-report.md'), 'utf-8');
  expect(markdown).toBe(sample);
});
