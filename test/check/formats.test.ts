import * as path from 'path';
import { RULE_IDS } from '../../lib/rules';
import { REAL, runCli } from './support';
import { FINDING_JSON_FIELDS } from '../support/finding-json-fields';

const INPUTS = ['07-stackset-log-setup-management.json', '10-vscode-server-cloudfront.yaml'].map((f) =>
  path.join(REAL, f),
);
const run = (format: string, opts: { colour?: boolean } = {}) =>
  runCli(['check', ...INPUTS, '--region', 'ca-central-1', '--format', format], opts);

describe('json', () => {
  const doc = JSON.parse(run('json').stdout);

  test('exactly the documented keys, in order', () => {
    expect(Object.keys(doc)).toEqual(['findings', 'summary']);
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(FINDING_JSON_FIELDS);
    }
    expect(Object.keys(doc.summary)).toEqual(['resources', 'templates', 'findings', 'byCategory']);
    expect(doc.summary).toMatchObject({ templates: 2, resources: 40, findings: doc.findings.length });
    const total = Object.values<number>(doc.summary.byCategory).reduce((a, b) => a + b, 0);
    expect(total).toBe(doc.findings.length);
  });

  test('stable order (stack, logical id, path, rule), the same whatever the order of the inputs', () => {
    const keys = doc.findings.map((f: any) => [f.stack, f.logicalId, f.path, f.ruleId]);
    const sorted = [...keys].sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
    expect(keys).toEqual(sorted);
    const reversed = runCli(['check', ...[...INPUTS].reverse(), '--region', 'ca-central-1', '--format', 'json']).stdout;
    expect(reversed).toBe(run('json').stdout);
  });

  test('names the stack, its template and region', () => {
    expect(doc.findings[0]).toMatchObject({
      stack: '07-stackset-log-setup-management',
      template: INPUTS[0],
      region: 'ca-central-1',
    });
  });
});

describe('sarif', () => {
  // The SARIF 2.1.0 JSON schema cannot be downloaded here (offline); this checks the properties the
  // specification marks as required, and what code-scanning upload relies on.
  const log = JSON.parse(run('sarif').stdout);
  const json = JSON.parse(run('json').stdout);

  test('log, run and tool driver', () => {
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('ca-residency');
    expect(typeof driver.version).toBe('string');
    expect(driver.rules.map((r: any) => r.id)).toEqual([...RULE_IDS].sort());
    for (const r of driver.rules) expect(r.shortDescription.text.length).toBeGreaterThan(10);
  });

  test('one result per finding, with ruleId, level, message and physical and logical locations', () => {
    const { results, tool } = log.runs[0];
    expect(results).toHaveLength(json.findings.length);
    results.forEach((res: any, i: number) => {
      const f = json.findings[i];
      expect(res.ruleId).toBe(f.ruleId);
      expect(tool.driver.rules[res.ruleIndex].id).toBe(f.ruleId);
      expect(res.level).toBe(f.severity === 'warning' ? 'warning' : 'error');
      expect(res.message.text).toBe(f.message);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe(f.template);
      expect(res.locations[0].logicalLocations[0]).toMatchObject({ name: f.logicalId, kind: 'resource' });
    });
  });
});

describe('text', () => {
  test('grouped by stack, each group headed by stack, region and template, with a summary line', () => {
    const { stdout } = run('text');
    expect(stdout).toMatch(
      /^07-stackset-log-setup-management \(ca-central-1\) {2}.*07-stackset-log-setup-management\.json\n/,
    );
    expect(stdout).toMatch(/\n10-vscode-server-cloudfront \(ca-central-1\) {2}/);
    expect(stdout).toMatch(
      /\n\d+ finding\(s\) in 40 resource\(s\) of 2 template\(s\) \(.*residency \d.*\); 0 exempted, 0 acknowledged\n$/,
    );
  });

  test('coloured only when asked (the CLI asks when stdout is a TTY)', () => {
    expect(run('text').stdout).not.toContain('\u001b[');
    expect(run('text', { colour: true }).stdout).toContain('\u001b[31mFATAL');
  });
});

describe('markdown', () => {
  test('a summary, a table by category and one table per stack', () => {
    const md = run('markdown').stdout;
    expect(md).toMatch(/^## CaResidency check\n\n\*\*\d+ finding\(s\)\*\* in 40 resources of 2 templates\./);
    expect(md).toContain('| category | findings |');
    expect(md).toContain('### `07-stackset-log-setup-management` (ca-central-1)');
    expect(md).toMatch(
      /\| ⛔ fatal \| CaResidency-ResidentRegion \| `TargetAccountLogging` \(AWS::CloudFormation::StackSet\) \| `Properties\.StackInstancesGroup\[0\]\.Regions\[0\]` \|/,
    );
    // Every table row has the same number of cells (pipes in messages are escaped).
    for (const row of md
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('| ') &&
          !l.startsWith('| category') &&
          !l.startsWith('| severity') &&
          !/^\| [^|]+ \| \d+ \|$/.test(l),
      )) {
      expect(row.split(/(?<!\\)\|/).length).toBe(7);
    }
  });

  test('no findings reads as a pass', () => {
    expect(
      runCli([
        'check',
        path.join(REAL, '..', 'small', 'clean.yaml'),
        '--region',
        'ca-central-1',
        '--format',
        'markdown',
      ]).stdout,
    ).toMatch(/✅ No findings in 2 resources of 1 templates\./);
  });
});
