import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, REAL, runCli, tmpDir } from './support';

const SMALL = path.join(FIXTURES, 'small');
const CLEAN = path.join(SMALL, 'clean.yaml');
const US_REPLICA = path.join(SMALL, 'us-replica.json');
const ROOT = path.join(__dirname, '..', '..');

describe('exit codes', () => {
  test('0 when no error-severity finding', () => {
    const r = runCli(['check', CLEAN, '--region', 'ca-central-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 finding\(s\) in 2 resource\(s\) of 1 template\(s\)/);
    expect(r.stderr).toBe('');
  });

  test('1 when there is one (fatal or error)', () => {
    const r = runCli(['check', US_REPLICA, '--region', 'ca-central-1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'FATAL   CaResidency-DynamoDBReplicaRegion  Table (AWS::DynamoDB::GlobalTable)  Properties.Replicas[1].Region',
    );
  });

  test('check --help prints its usage and exits 0', () => {
    const r = runCli(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ca-residency check <path>\.\.\./);
  });

  test('an exemptions file lets a residency finding through, and the text report shows it', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'exemptions.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          ruleId: 'CaResidency-DynamoDBReplicaRegion',
          resource: 'Table',
          reason: 'Migration window, replica removed on cut-over',
          expires: '2099-12-31',
        },
      ]),
    );
    const r = runCli(['check', US_REPLICA, '--region', 'ca-central-1', '--exemptions', file, '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.map((f: any) => f.ruleId)).toEqual(['CaResidency-EncryptedAtRest']);
    expect(runCli(['check', US_REPLICA, '--region', 'ca-central-1', '--exemptions', file]).stdout).toContain(
      'EXEMPT  CaResidency-DynamoDBReplicaRegion',
    );
    // An expired exemption is not applied and is itself a finding.
    fs.writeFileSync(
      file,
      JSON.stringify({
        exemptions: [
          {
            ruleId: 'CaResidency-DynamoDBReplicaRegion',
            resource: 'Table',
            reason: 'Migration window, replica removed on cut-over',
            expires: '2001-01-01',
          },
        ],
      }),
    );
    const expired = JSON.parse(
      runCli(['check', US_REPLICA, '--region', 'ca-central-1', '--exemptions', file, '--format', 'json']).stdout,
    );
    expect(expired.findings.map((f: any) => f.ruleId).sort()).toEqual([
      'CaResidency-DynamoDBReplicaRegion',
      'CaResidency-EncryptedAtRest',
      'CaResidency-ExemptionInvalid',
    ]);
  });

  test('availability overrides and --region have the pack options meaning', () => {
    const dir = tmpDir();
    const tpl = path.join(dir, 'plan.yaml');
    fs.writeFileSync(
      tpl,
      'Resources:\n  Plan:\n    Type: AWS::Backup::RestoreTestingPlan\n    Properties:\n      RestoreTestingPlanName: p\n      ScheduleExpression: cron(0 5 ? * * *)\n      RecoveryPointSelection: { Algorithm: LATEST_WITHIN_WINDOW, IncludeVaults: ["*"], RecoveryPointTypes: [SNAPSHOT] }\n',
    );
    const west = JSON.parse(runCli(['check', tpl, '--region', 'ca-west-1', '--format', 'json']).stdout);
    expect(west.findings.map((f: any) => f.ruleId)).toContain('CaResidency-RegionAvailability');
    const overrides = path.join(dir, 'overrides.json');
    fs.writeFileSync(overrides, JSON.stringify({ 'ca-west-1': { 'AWS::Backup::RestoreTestingPlan': true } }));
    const fixed = JSON.parse(
      runCli(['check', tpl, '--region', 'ca-west-1', '--availability-overrides', overrides, '--format', 'json']).stdout,
    );
    expect(fixed.findings.map((f: any) => f.ruleId)).not.toContain('CaResidency-RegionAvailability');
    const outside = JSON.parse(runCli(['check', tpl, '--region', 'us-east-1', '--format', 'json']).stdout);
    expect(outside.findings.map((f: any) => f.ruleId)).toContain('CaResidency-StackRegion');
  });
});

describe('usage and input errors: exit 2, one line naming the file and the problem, no output file', () => {
  const dir = tmpDir();
  const notJson = path.join(dir, 'not-json.json');
  fs.writeFileSync(notJson, '{ "Resources": ');
  const noType = path.join(dir, 'no-type.json');
  fs.writeFileSync(noType, JSON.stringify({ Resources: { Bucket: { Properties: {} } } }));
  const list = path.join(dir, 'list.yaml');
  fs.writeFileSync(list, '- a\n- b\n');
  const badAssembly = path.join(dir, 'asm');
  fs.mkdirSync(badAssembly);
  fs.writeFileSync(
    path.join(badAssembly, 'manifest.json'),
    JSON.stringify({
      artifacts: {
        S: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://1/ca-central-1',
          properties: { templateFile: 'S.template.json' },
        },
      },
    }),
  );
  const emptyDir = path.join(dir, 'empty');
  fs.mkdirSync(emptyDir);
  const badExemptions = path.join(dir, 'exemptions.json');
  fs.writeFileSync(badExemptions, '{"exemptions": 3}');

  const cases: [string, string[], RegExp][] = [
    [
      'missing file',
      ['check', path.join(dir, 'nope.yaml'), '--region', 'ca-central-1'],
      /nope\.yaml: no such file or directory/,
    ],
    [
      'unreadable YAML',
      ['check', path.join(SMALL, 'broken.yaml'), '--region', 'ca-central-1'],
      /broken\.yaml: not valid YAML: .* at line 5, column 1/,
    ],
    [
      'unreadable JSON (by extension)',
      ['check', path.join(SMALL, 'broken.json'), '--region', 'ca-central-1'],
      /broken\.json: not valid JSON/,
    ],
    ['truncated JSON', ['check', notJson, '--region', 'ca-central-1'], /not-json\.json: not valid JSON/],
    [
      'template without Resources',
      ['check', path.join(SMALL, 'no-resources.yaml'), '--region', 'ca-central-1'],
      /no-resources\.yaml: not a CloudFormation template \(no Resources section\)/,
    ],
    [
      'a resource without Type',
      ['check', noType, '--region', 'ca-central-1'],
      /no-type\.json: resource Bucket has no Type/,
    ],
    [
      'a YAML list, not a template',
      ['check', list, '--region', 'ca-central-1'],
      /list\.yaml: not a CloudFormation template/,
    ],
    [
      'plain template, region unknown',
      ['check', CLEAN],
      /clean\.yaml: the template's region is unknown; give it with --region/,
    ],
    [
      'assembly whose template is missing',
      ['check', badAssembly],
      /S\.template\.json: cannot read the file \(ENOENT\)/,
    ],
    [
      'directory that is not an assembly',
      ['check', emptyDir],
      /empty: a directory without manifest\.json is not a cloud assembly/,
    ],
    ['unknown flag', ['check', CLEAN, '--regoin', 'ca-central-1'], /Unknown option '--regoin'/],
    [
      'unknown format',
      ['check', CLEAN, '--region', 'ca-central-1', '--format', 'xml'],
      /--format must be one of text, json, sarif, markdown, got 'xml'/,
    ],
    [
      'unknown command',
      ['bogus', CLEAN],
      /unknown command 'bogus'; the commands are check, report, verify, diff, policy/,
    ],
    [
      'empty --allowed-regions',
      ['check', CLEAN, '--region', 'ca-central-1', '--allowed-regions', ''],
      /--allowed-regions must name at least one region/,
    ],
    ['no path', ['check'], /check needs at least one template file or cloud assembly directory/],
    [
      'non-Canadian --allowed-regions',
      ['check', CLEAN, '--region', 'ca-central-1', '--allowed-regions', 'us-east-1'],
      /allowedRegions\[0\]: "us-east-1" is not a Canadian region/,
    ],
    [
      'malformed exemptions file',
      ['check', CLEAN, '--region', 'ca-central-1', '--exemptions', badExemptions],
      /exemptions\.json: expected a list of exemptions/,
    ],
  ];

  test.each(cases)('%s', (_name, argv, message) => {
    const output = path.join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
    const r = runCli([...argv, '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^ca-residency: [^\n]+\n$/); // one line, no stack trace
    expect(fs.existsSync(output)).toBe(false);
  });
});

describe('--output', () => {
  test('writes the whole report to the file, not stdout', () => {
    const out = path.join(tmpDir(), 'report.sarif');
    const r = runCli(['check', US_REPLICA, '--region', 'ca-central-1', '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf-8')).version).toBe('2.1.0');
  });
});

describe('as a real process', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin', 'ca-residency.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf-8',
    });

  test('findings: exit 1, text on stdout without colour when not a TTY', () => {
    const r = run([
      'check',
      path.relative(ROOT, path.join(REAL, '07-stackset-log-setup-management.json')),
      '--region',
      'ca-central-1',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'FATAL   CaResidency-ResidentRegion  TargetAccountLogging (AWS::CloudFormation::StackSet)',
    );
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('bad input: exit 2 with one line on stderr', () => {
    const r = run(['check', 'missing.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ca-residency: missing.yaml: no such file or directory\n');
  });
});
