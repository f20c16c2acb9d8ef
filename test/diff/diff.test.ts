import * as fs from 'fs';
import * as path from 'path';
import {
  diffAssemblies,
  diffVerdict,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
  ResidencyDiff,
  StackDiff,
} from '../../lib/diff';
import { reportFromAssembly } from '../../lib/report';
import { ACKNOWLEDGEMENT_REASON, EXEMPTION_REASON, RecordsApp, REPLICA_NAME, synthRecordsApp } from './apps';

/**
 * Pairs of small apps (base, head), each differing in one thing, diffed and rendered in all three formats. The
 * outputs are asserted whole; only the rules' own messages are taken from the diff (their wording belongs to the
 * rules and is asserted in their tests), as are the report's facts of a data store (asserted in the report's tests).
 */
const DATE = new Date('2026-11-28T00:00:00Z');
const US_KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const created: string[] = [];
const synth = (v: RecordsApp = {}) => {
  const dir = synthRecordsApp(v);
  created.push(dir);
  return dir;
};
let base: string;
beforeAll(() => {
  base = synth();
});
afterAll(() => created.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function diffOf(baseDir: string, headDir: string, allowDestructive = false) {
  const diff = diffAssemblies(baseDir, headDir, { evaluationDate: DATE });
  const verdict = diffVerdict(diff, allowDestructive);
  return {
    diff,
    verdict,
    json: JSON.parse(renderDiffJson(diff)) as ResidencyDiff,
    text: renderDiffText(diff, verdict),
    markdown: renderDiffMarkdown(diff, verdict),
  };
}

const none = { added: [], removed: [] };
function stack(name: 'Data' | 'Replica', status: StackDiff['status'], changes: Partial<StackDiff> = {}): StackDiff {
  const region = name === 'Data' ? 'ca-central-1' : 'ca-west-1';
  return {
    stack: name,
    region,
    status,
    dataStores: [],
    destructive: [],
    findings: none,
    exemptions: none,
    acknowledgements: none,
    ...changes,
  };
}
const summary = (s: Partial<ResidencyDiff['summary']> = {}) => ({
  destructive: 0,
  dataStoresAdded: 0,
  dataStoresRemoved: 0,
  dataStoresChanged: 0,
  findingsAdded: 0,
  findingsRemoved: 0,
  ...s,
});
/** The report's facts of a data store, as the diff's before/after carry them. */
function stateIn(dir: string, logicalId: string) {
  const d = reportFromAssembly(dir, { evaluationDate: DATE }).dataStores.find((x) => x.logicalId === logicalId)!;
  return { region: d.region, atRest: d.atRest, inTransit: d.inTransit, replication: d.replication, backup: d.backup };
}

test('a bucket renamed is replaced: holds data, fails unless destruction is allowed', () => {
  const head = synth({ bucketName: 'records-renamed' });
  const r = diffOf(base, head);
  expect(r.json).toEqual({
    stacks: [
      stack('Data', 'changed', {
        destructive: [
          { logicalId: 'Records091F6ECA', type: 'AWS::S3::Bucket', impact: 'replace', holdsData: true },
          // Its policy names the bucket, so it is replaced too (as `cdk diff` says); it holds no data.
          { logicalId: 'RecordsPolicy228CC23D', type: 'AWS::S3::BucketPolicy', impact: 'replace', holdsData: false },
        ],
      }),
      stack('Replica', 'unchanged'),
    ],
    summary: summary({ destructive: 2 }),
  });
  expect(r.verdict.code).toBe(1);
  expect(r.text)
    .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 2 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 0 removed.

Data (ca-central-1): changed
  destructive:
    ! Records091F6ECA (AWS::S3::Bucket) replaced: holds data
    ! RecordsPolicy228CC23D (AWS::S3::BucketPolicy) replaced: holds no data

Unchanged: Replica (ca-west-1)

fails: 1 data-holding resource(s) would be replaced or destroyed.
`);
  expect(r.markdown).toBe(`## Residency diff

❌ **fails: 1 data-holding resource(s) would be replaced or destroyed.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 2 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 0 removed.

### Data (ca-central-1): changed

**destructive**

- 🔥 \`Records091F6ECA\` (AWS::S3::Bucket) replaced: holds data
- 🔥 \`RecordsPolicy228CC23D\` (AWS::S3::BucketPolicy) replaced: holds no data

Unchanged: Replica (ca-west-1)
`);
  // The samples in the README and docs/ci.md are this case's outputs.
  const root = path.join(__dirname, '..', '..');
  expect(fs.readFileSync(path.join(root, 'README.md'), 'utf-8')).toContain(`\`\`\`text\n${r.text}\`\`\``);
  expect(fs.readFileSync(path.join(root, 'docs', 'ci.md'), 'utf-8')).toContain(`\`\`\`markdown\n${r.markdown}\`\`\``);
  // A reviewed migration: the same diff passes, saying what it lets through.
  const allowed = diffOf(base, head, true);
  expect(allowed.verdict.code).toBe(0);
  expect(allowed.text.split('\n').slice(-2)[0]).toBe(
    'passes: 1 data-holding resource(s) replaced or destroyed, allowed by --allow-destructive.',
  );
  expect(allowed.markdown).toContain(
    '✅ **passes: 1 data-holding resource(s) replaced or destroyed, allowed by --allow-destructive.**',
  );
});

test('a table removed is destroyed (its deletion policy deletes it) and leaves the data stores', () => {
  const r = diffOf(base, synth({ table: 'none' }));
  const before = stateIn(base, 'Sessions8896A56D');
  expect(before).toMatchObject({
    region: 'ca-central-1',
    atRest: { status: 'customer-managed', key: { stackName: 'Data', logicalId: 'SessionsKeyB983BD01' } },
    replication: [],
    backup: [],
  });
  expect(r.json).toEqual({
    stacks: [
      stack('Data', 'changed', {
        dataStores: [
          { logicalId: 'Sessions8896A56D', type: 'AWS::DynamoDB::Table', change: 'removed', before, fields: [] },
        ],
        // Its key is retained (orphaned, not destroyed): not listed.
        destructive: [
          { logicalId: 'Sessions8896A56D', type: 'AWS::DynamoDB::Table', impact: 'destroy', holdsData: true },
        ],
      }),
      stack('Replica', 'unchanged'),
    ],
    summary: summary({ destructive: 1, dataStoresRemoved: 1 }),
  });
  expect(r.verdict.code).toBe(1);
  expect(r.text)
    .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 1 destructive change(s); data stores 0 added, 1 removed, 0 changed; findings 0 added, 0 removed.

Data (ca-central-1): changed
  destructive:
    ! Sessions8896A56D (AWS::DynamoDB::Table) destroyed: holds data
  data stores:
    - Sessions8896A56D (AWS::DynamoDB::Table): in ca-central-1; key Data/SessionsKeyB983BD01 (ca-central-1); in transit ${before.inTransit.status}; replication none; backup none

Unchanged: Replica (ca-west-1)

fails: 1 data-holding resource(s) would be replaced or destroyed.
`);
  expect(r.markdown).toBe(`## Residency diff

❌ **fails: 1 data-holding resource(s) would be replaced or destroyed.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 1 destructive change(s); data stores 0 added, 1 removed, 0 changed; findings 0 added, 0 removed.

### Data (ca-central-1): changed

**destructive**

- 🔥 \`Sessions8896A56D\` (AWS::DynamoDB::Table) destroyed: holds data

**data stores**

- ➖ \`Sessions8896A56D\` (AWS::DynamoDB::Table): in ca-central-1; key \`Data/SessionsKeyB983BD01\` (ca-central-1); in transit ${before.inTransit.status}; replication none; backup none

Unchanged: Replica (ca-west-1)
`);
});

test('a retained table removed is orphaned, not destroyed: reported as a removed data store, and it passes', () => {
  const retained = synth({ table: 'retain' });
  const r = diffOf(retained, synth({ table: 'none' }));
  expect(r.json.stacks[0]).toEqual(
    stack('Data', 'changed', {
      dataStores: [
        {
          logicalId: 'Sessions8896A56D',
          type: 'AWS::DynamoDB::Table',
          change: 'removed',
          before: stateIn(retained, 'Sessions8896A56D'),
          fields: [],
        },
      ],
    }),
  );
  expect(r.json.summary).toEqual(summary({ dataStoresRemoved: 1 }));
  expect(r.verdict.code).toBe(0);
  expect(r.text).not.toContain('destructive:');
  expect(r.text.split('\n').slice(-2)[0]).toBe('passes: nothing destroys data and no finding is added.');
});

test("a key swapped for another region's key: key and key region change, and the findings it raises are added", () => {
  const head = synth({ keyArn: US_KEY });
  const r = diffOf(base, head);
  const before = stateIn(base, 'Records091F6ECA');
  const after = stateIn(head, 'Records091F6ECA');
  expect(before.atRest).toMatchObject({
    status: 'customer-managed',
    key: { stackName: 'Data', logicalId: 'Key961B73FD', region: 'ca-central-1' },
  });
  expect(after.atRest).toMatchObject({ status: 'not-proven', key: { reference: US_KEY, region: 'us-east-1' } });
  const keyPath =
    'Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID';
  const finding = (
    ruleId: string,
    severity: string,
    category: string,
    logicalId: string,
    resourceType: string,
    path: string,
  ) => ({
    ruleId,
    severity,
    category,
    stackName: 'Data',
    region: 'ca-central-1',
    logicalId,
    resourceType,
    path,
    message: expect.stringContaining(US_KEY),
  });
  expect(r.json).toEqual({
    stacks: [
      stack('Data', 'changed', {
        dataStores: [
          {
            logicalId: 'Records091F6ECA',
            type: 'AWS::S3::Bucket',
            change: 'changed',
            before,
            after,
            fields: ['encryption', 'key', 'keyRegion'],
          },
        ],
        findings: {
          added: [
            finding(
              'CaResidency-EncryptedAtRest',
              'error',
              'encryption-at-rest',
              'Records091F6ECA',
              'AWS::S3::Bucket',
              keyPath,
            ),
            finding('CaResidency-ResidentRegion', 'fatal', 'residency', 'Records091F6ECA', 'AWS::S3::Bucket', keyPath),
            // The replication role may use the key: its policy names the key's ARN too.
            finding(
              'CaResidency-ResidentRegion',
              'fatal',
              'residency',
              'RecordsReplicationRoleDefaultPolicyDD9B4CD9',
              'AWS::IAM::Policy',
              'Properties.PolicyDocument.Statement[3].Resource',
            ),
          ],
          removed: [],
        },
      }),
      stack('Replica', 'unchanged'),
    ],
    summary: summary({ dataStoresChanged: 1, findingsAdded: 3 }),
  });
  expect(r.verdict.code).toBe(1);
  const [m1, m2, m3] = r.json.stacks[0].findings.added.map((f) => f.message);
  expect(r.text)
    .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 1 changed; findings 3 added, 0 removed.

Data (ca-central-1): changed
  data stores:
    ~ Records091F6ECA (AWS::S3::Bucket)
        encryption: customer-managed → not-proven
        key: Data/Key961B73FD → ${US_KEY}
        keyRegion: ca-central-1 → us-east-1
  findings:
    + error CaResidency-EncryptedAtRest on Records091F6ECA (AWS::S3::Bucket) at ${keyPath}
        ${m1}
    + fatal CaResidency-ResidentRegion on Records091F6ECA (AWS::S3::Bucket) at ${keyPath}
        ${m2}
    + fatal CaResidency-ResidentRegion on RecordsReplicationRoleDefaultPolicyDD9B4CD9 (AWS::IAM::Policy) at Properties.PolicyDocument.Statement[3].Resource
        ${m3}

Unchanged: Replica (ca-west-1)

fails: 3 finding(s) added.
`);
  const md = (m: string) => m.replace(/([\\`*_<>[\]|#])/g, '\\$1');
  expect(r.markdown).toBe(`## Residency diff

❌ **fails: 3 finding(s) added.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 1 changed; findings 3 added, 0 removed.

### Data (ca-central-1): changed

**data stores**

- ✏️ \`Records091F6ECA\` (AWS::S3::Bucket)
  - encryption: customer-managed → not-proven
  - key: \`Data/Key961B73FD\` → \`${US_KEY}\`
  - keyRegion: ca-central-1 → us-east-1

**findings**

- ➕ error CaResidency-EncryptedAtRest on \`Records091F6ECA\` (AWS::S3::Bucket) at \`${keyPath}\`
  - ${md(m1)}
- ➕ fatal CaResidency-ResidentRegion on \`Records091F6ECA\` (AWS::S3::Bucket) at \`${keyPath}\`
  - ${md(m2)}
- ➕ fatal CaResidency-ResidentRegion on \`RecordsReplicationRoleDefaultPolicyDD9B4CD9\` (AWS::IAM::Policy) at \`Properties.PolicyDocument.Statement[3].Resource\`
  - ${md(m3)}

Unchanged: Replica (ca-west-1)
`);
});

test('a replication target moved to a bucket that cannot be proven Canadian: replication changes and its finding is added', () => {
  const moved = 'records-replica-us-east-1';
  const head = synth({ replicaName: moved });
  const r = diffOf(base, head);
  const before = stateIn(base, 'Records091F6ECA');
  const after = stateIn(head, 'Records091F6ECA');
  expect(before.replication).toEqual([
    {
      destination: `arn:aws:s3:::${REPLICA_NAME}`,
      region: 'ca-west-1',
      stackName: 'Replica',
      logicalId: 'ReplicaDDFB2A87',
    },
  ]);
  expect(after.replication).toEqual([{ destination: `arn:aws:s3:::${moved}` }]);
  const path = 'Properties.ReplicationConfiguration.Rules[0].Destination.Bucket';
  expect(r.json).toEqual({
    stacks: [
      stack('Data', 'changed', {
        dataStores: [
          {
            logicalId: 'Records091F6ECA',
            type: 'AWS::S3::Bucket',
            change: 'changed',
            before,
            after,
            fields: ['replication'],
          },
        ],
        findings: {
          added: [
            {
              ruleId: 'CaResidency-S3ReplicationDestination',
              severity: 'fatal',
              category: 'residency',
              stackName: 'Data',
              region: 'ca-central-1',
              logicalId: 'Records091F6ECA',
              resourceType: 'AWS::S3::Bucket',
              path,
              message: expect.stringContaining(moved),
            },
          ],
          removed: [],
        },
      }),
      stack('Replica', 'unchanged'),
    ],
    summary: summary({ dataStoresChanged: 1, findingsAdded: 1 }),
  });
  expect(r.verdict.code).toBe(1);
  const message = r.json.stacks[0].findings.added[0].message;
  expect(r.text)
    .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 1 changed; findings 1 added, 0 removed.

Data (ca-central-1): changed
  data stores:
    ~ Records091F6ECA (AWS::S3::Bucket)
        replication: arn:aws:s3:::${REPLICA_NAME} (ca-west-1) → arn:aws:s3:::${moved} (unknown region)
  findings:
    + fatal CaResidency-S3ReplicationDestination on Records091F6ECA (AWS::S3::Bucket) at ${path}
        ${message}

Unchanged: Replica (ca-west-1)

fails: 1 finding(s) added.
`);
  expect(r.markdown).toBe(`## Residency diff

❌ **fails: 1 finding(s) added.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 1 changed; findings 1 added, 0 removed.

### Data (ca-central-1): changed

**data stores**

- ✏️ \`Records091F6ECA\` (AWS::S3::Bucket)
  - replication: \`arn:aws:s3:::${REPLICA_NAME}\` (ca-west-1) → \`arn:aws:s3:::${moved}\` (unknown region)

**findings**

- ➕ fatal CaResidency-S3ReplicationDestination on \`Records091F6ECA\` (AWS::S3::Bucket) at \`${path}\`
  - ${message.replace(/([\\`*_<>[\]|#])/g, '\\$1')}

Unchanged: Replica (ca-west-1)
`);
});

describe('findings and exemptions', () => {
  let withAccelerator: string;
  beforeAll(() => {
    withAccelerator = synth({ accelerator: 'open' });
  });
  const globalService = (message: string) => ({
    ruleId: 'CaResidency-GlobalService',
    severity: 'fatal',
    category: 'residency',
    stackName: 'Data',
    region: 'ca-central-1',
    logicalId: 'Accelerator8EB0B6B1',
    resourceType: 'AWS::GlobalAccelerator::Accelerator',
    path: 'Type',
    message,
  });

  test('a new finding is added and fails, even with --allow-destructive', () => {
    const r = diffOf(base, withAccelerator, true);
    expect(r.json).toEqual({
      stacks: [
        stack('Data', 'changed', {
          findings: { added: [globalService(expect.stringContaining('Global Accelerator'))], removed: [] },
        }),
        stack('Replica', 'unchanged'),
      ],
      summary: summary({ findingsAdded: 1 }),
    });
    expect(r.verdict.code).toBe(1);
    const message = r.json.stacks[0].findings.added[0].message;
    expect(r.text)
      .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 1 added, 0 removed.

Data (ca-central-1): changed
  findings:
    + fatal CaResidency-GlobalService on Accelerator8EB0B6B1 (AWS::GlobalAccelerator::Accelerator) at Type
        ${message}

Unchanged: Replica (ca-west-1)

fails: 1 finding(s) added.
`);
    expect(r.markdown).toBe(`## Residency diff

❌ **fails: 1 finding(s) added.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 1 added, 0 removed.

### Data (ca-central-1): changed

**findings**

- ➕ fatal CaResidency-GlobalService on \`Accelerator8EB0B6B1\` (AWS::GlobalAccelerator::Accelerator) at \`Type\`
  - ${message.replace(/([\\`*_<>[\]|#])/g, '\\$1')}

Unchanged: Replica (ca-west-1)
`);
  });

  test('an exemption added: the exemption with its expiry and what it covers is added, the finding it lets through removed; it passes', () => {
    const r = diffOf(withAccelerator, synth({ accelerator: 'exempted' }));
    const exemption = {
      ruleId: 'CaResidency-GlobalService',
      resource: 'Data/Accelerator',
      reason: EXEMPTION_REASON,
      expires: '2099-01-01',
      covers: ['Data/Accelerator8EB0B6B1'],
    };
    expect(r.json).toEqual({
      stacks: [
        stack('Data', 'changed', {
          findings: { added: [], removed: [globalService(expect.any(String))] },
          exemptions: { added: [exemption], removed: [] },
        }),
        stack('Replica', 'unchanged'),
      ],
      summary: summary({ findingsRemoved: 1 }),
    });
    expect(r.verdict.code).toBe(0);
    const message = r.json.stacks[0].findings.removed[0].message;
    expect(r.text)
      .toBe(`Residency diff: 2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 1 removed.

Data (ca-central-1): changed
  findings:
    - fatal CaResidency-GlobalService on Accelerator8EB0B6B1 (AWS::GlobalAccelerator::Accelerator) at Type
        ${message}
  exemptions:
    + CaResidency-GlobalService on Data/Accelerator, expires 2099-01-01, covers Data/Accelerator8EB0B6B1
        ${EXEMPTION_REASON}

Unchanged: Replica (ca-west-1)

passes: nothing destroys data and no finding is added.
`);
    expect(r.markdown).toBe(`## Residency diff

✅ **passes: nothing destroys data and no finding is added.**

2 stack(s): 1 changed, 0 added, 0 removed, 1 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 1 removed.

### Data (ca-central-1): changed

**findings**

- ➖ fatal CaResidency-GlobalService on \`Accelerator8EB0B6B1\` (AWS::GlobalAccelerator::Accelerator) at \`Type\`
  - ${message.replace(/([\\`*_<>[\]|#])/g, '\\$1')}

**exemptions**

- ➕ CaResidency-GlobalService on \`Data/Accelerator\`, expires 2099-01-01, covers \`Data/Accelerator8EB0B6B1\`
  - ${EXEMPTION_REASON}

Unchanged: Replica (ca-west-1)
`);
  });
});

test('a pure tag change reports nothing: every stack unchanged, and it passes', () => {
  const r = diffOf(base, synth({ teamTag: 'records' }));
  expect(r.json).toEqual({ stacks: [stack('Data', 'unchanged'), stack('Replica', 'unchanged')], summary: summary() });
  expect(r.verdict.code).toBe(0);
  expect(r.text)
    .toBe(`Residency diff: 2 stack(s): 0 changed, 0 added, 0 removed, 2 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 0 removed.

Unchanged: Data (ca-central-1), Replica (ca-west-1)

passes: nothing destroys data and no finding is added.
`);
  expect(r.markdown).toBe(`## Residency diff

✅ **passes: nothing destroys data and no finding is added.**

2 stack(s): 0 changed, 0 added, 0 removed, 2 unchanged. 0 destructive change(s); data stores 0 added, 0 removed, 0 changed; findings 0 added, 0 removed.

Unchanged: Data (ca-central-1), Replica (ca-west-1)
`);
});

test('the same inputs give byte-identical output; base against itself is all unchanged', () => {
  const head = created[created.length - 1];
  expect(diffOf(base, head).markdown).toBe(diffOf(base, head).markdown);
  expect(renderDiffJson(diffAssemblies(base, base, { evaluationDate: DATE }))).toBe(
    renderDiffJson(diffAssemblies(base, base, { evaluationDate: DATE })),
  );
  expect(diffOf(base, base).json.stacks.map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
});

test('an acknowledgement added: the acknowledgement is added and the finding it silences removed', () => {
  const r = diffOf(synth({ scratch: 'open' }), synth({ scratch: 'acknowledged' }));
  const data = r.json.stacks[0];
  expect(data.status).toBe('changed');
  expect(data.findings.added).toEqual([]);
  expect(data.findings.removed.map((f) => [f.ruleId, f.logicalId, f.severity])).toEqual([
    ['CaResidency-EncryptedAtRest', 'ScratchF72D2ED6', 'error'],
  ]);
  expect(data.acknowledgements).toEqual({
    added: [
      {
        pack: 'CaResidency',
        ruleId: 'CaResidency-EncryptedAtRest',
        acknowledgedAt: 'Data/Scratch',
        resources: ['Data/Scratch/Resource'],
        reason: ACKNOWLEDGEMENT_REASON,
      },
    ],
    removed: [],
  });
  expect(r.verdict.code).toBe(0);
  expect(r.text).toContain(`  acknowledgements:
    + CaResidency CaResidency-EncryptedAtRest at Data/Scratch for Data/Scratch/Resource
        ${ACKNOWLEDGEMENT_REASON}
`);
});

test('a removed stack: its data stores are removed, what its deletion policies delete is destroyed, retained ones are not', () => {
  const r = diffOf(base, synth({ replicaStack: false }));
  const replica = r.json.stacks.find((s) => s.stack === 'Replica')!;
  expect(replica.status).toBe('removed');
  expect(replica.dataStores).toEqual([
    {
      logicalId: 'ReplicaDDFB2A87',
      type: 'AWS::S3::Bucket',
      change: 'removed',
      before: stateIn(base, 'ReplicaDDFB2A87'),
      fields: [],
    },
  ]);
  // The bucket and its key are retained (CDK's default for both); the bucket policy is deleted with the stack.
  expect(replica.destructive).toEqual([
    { logicalId: 'ReplicaPolicy5DA963D8', type: 'AWS::S3::BucketPolicy', impact: 'destroy', holdsData: false },
  ]);
  // The records bucket still replicates to the name, which no stack of the app defines any more.
  expect(r.json.stacks.find((s) => s.stack === 'Data')!.findings.added.map((f) => f.ruleId)).toEqual([
    'CaResidency-S3ReplicationDestination',
  ]);
  expect(r.text).toContain('\nReplica (ca-west-1): removed\n');
  const back = diffOf(created[created.length - 1], base);
  expect(back.json.stacks.find((s) => s.stack === 'Replica')).toMatchObject({
    status: 'added',
    destructive: [],
    dataStores: [{ change: 'added', logicalId: 'ReplicaDDFB2A87' }],
  });
});
