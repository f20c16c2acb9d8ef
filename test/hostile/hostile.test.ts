/**
 * `check` and `report` on hostile input, as the real process CI runs on a pull request's artifacts: every refusal
 * is exit 2 with one line naming the file, no stack trace, within 5 s of CPU and 512 MB, and never a hang.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CliRun, hostileDir, removeCompiledCli, runCliProcess } from './run-cli';

const CPU_BUDGET_MS = 5000;
const MEMORY_BUDGET_MB = 512;

const BUCKET = { Type: 'AWS::S3::Bucket', Properties: {} };

afterAll(removeCompiledCli);

function expectRefused(r: CliRun, message: RegExp): void {
  expect({ status: r.status, signal: r.signal }).toEqual({ status: 2, signal: null });
  expect(r.stderr).toMatch(/^ca-residency: [^\n]+\n$/); // one line
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|Maximum call stack/);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).toBe('');
  expectWithinBudget(r);
}

function expectWithinBudget(r: CliRun): void {
  expect(r.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  expect(r.maxRssMb).toBeLessThan(MEMORY_BUDGET_MB);
}

/** A cloud assembly with one stack whose manifest names `templateFile`. */
function assembly(templateFile: string, dir = hostileDir()): string {
  const asm = path.join(dir, 'cdk.out');
  fs.mkdirSync(asm, { recursive: true });
  fs.writeFileSync(
    path.join(asm, 'manifest.json'),
    JSON.stringify({
      version: '48.0.0',
      artifacts: {
        S: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111122223333/ca-central-1',
          properties: { templateFile },
        },
      },
    }),
  );
  return asm;
}

describe('assembly paths stay inside the assembly, and only bounded regular files are read', () => {
  test('a templateFile of ../../../../dev/zero is refused, not read until memory runs out', () => {
    const asm = assembly('../../../../../../../../dev/zero');
    expectRefused(
      runCliProcess(['check', asm]),
      /dev\/zero: '(\.\.\/)+dev\/zero' leads outside the cloud assembly \S+cdk\.out; refused/,
    );
  });

  test('a symlink inside the assembly to a JSON object outside it is refused, not accepted as an empty stack', () => {
    const dir = hostileDir();
    fs.writeFileSync(path.join(dir, 'outside.json'), '{}');
    const asm = assembly('S.template.json', dir);
    fs.symlinkSync(path.join(dir, 'outside.json'), path.join(asm, 'S.template.json'));
    expectRefused(
      runCliProcess(['check', asm]),
      /S\.template\.json: 'S\.template\.json' leads outside the cloud assembly/,
    );
  });

  test('a FIFO as a template is refused at once, not waited on forever', () => {
    const asm = assembly('S.template.json');
    execFileSync('mkfifo', [path.join(asm, 'S.template.json')]);
    expectRefused(
      runCliProcess(['check', asm], { timeoutMs: 30000 }),
      /S\.template\.json: a FIFO, not a regular file; refused/,
    );
  });

  test('a template over the size limit is refused (the limit is --max-file-mb)', () => {
    const asm = assembly('S.template.json');
    fs.writeFileSync(
      path.join(asm, 'S.template.json'),
      JSON.stringify({ Resources: { B: BUCKET }, Metadata: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expectRefused(
      runCliProcess(['check', asm, '--max-file-mb', '1']),
      /S\.template\.json: larger than the 1048576 byte limit; refused/,
    );
    expect(runCliProcess(['check', asm, '--max-file-mb', '3']).status).toBe(1); // under the limit: judged
  });

  test('a nested-assembly cycle is named, not a stack overflow', () => {
    const asm = path.join(hostileDir(), 'cdk.out');
    fs.mkdirSync(path.join(asm, 'assembly-A'), { recursive: true });
    fs.writeFileSync(
      path.join(asm, 'manifest.json'),
      JSON.stringify({ artifacts: { A: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-A' } } } }),
    );
    fs.writeFileSync(
      path.join(asm, 'assembly-A', 'manifest.json'),
      JSON.stringify({ artifacts: { Back: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } } }),
    );
    expectRefused(
      runCliProcess(['check', asm]),
      /assembly-A\/manifest\.json: nested assembly Back forms a cycle \(\S*cdk\.out → \S*assembly-A → \S*cdk\.out\)/,
    );
  });

  test.each([
    ['check FILE', (f: string) => ['check', f, '--region', 'ca-central-1']],
    [
      '--exemptions',
      (f: string) => [
        'check',
        path.join(__dirname, '..', 'fixtures', 'check', 'small', 'clean.yaml'),
        '--region',
        'ca-central-1',
        '--exemptions',
        f,
      ],
    ],
    [
      '--availability-overrides',
      (f: string) => [
        'check',
        path.join(__dirname, '..', 'fixtures', 'check', 'small', 'clean.yaml'),
        '--region',
        'ca-central-1',
        '--availability-overrides',
        f,
      ],
    ],
  ])('%s: /dev/zero and a FIFO are refused', (_name, argv) => {
    expectRefused(runCliProcess(argv('/dev/zero')), /\/dev\/zero: a character device, not a regular file; refused/);
    const fifo = path.join(hostileDir(), 'options.json');
    execFileSync('mkfifo', [fifo]);
    expectRefused(
      runCliProcess(argv(fifo), { timeoutMs: 30000 }),
      /options\.json: a FIFO, not a regular file; refused/,
    );
  });

  test('report refuses the same assembly paths', () => {
    const asm = assembly('../../../../../../../../dev/zero');
    expectRefused(runCliProcess(['report', asm]), /dev\/zero: '(\.\.\/)+dev\/zero' leads outside the cloud assembly/);
  });
});

describe('documents: nesting, duplicates, encodings, tags', () => {
  const file = (name: string, content: string | Buffer) => {
    const f = path.join(hostileDir(), name);
    fs.writeFileSync(f, content);
    return f;
  };

  test('JSON nested 3,000 deep is one line naming the file, not "Maximum call stack size exceeded"', () => {
    const f = file(
      'deep.json',
      `{"Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"Tags":${'['.repeat(3000)}${']'.repeat(3000)}}}}}`,
    );
    expectRefused(
      runCliProcess(['check', f, '--region', 'ca-central-1']),
      /deep\.json: not valid JSON: nested deeper than 256 levels at line 1/,
    );
  });

  test('YAML nested 3,000 deep is one line naming the file', () => {
    const f = file(
      'deep.yaml',
      `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    );
    expectRefused(
      runCliProcess(['check', f, '--region', 'ca-central-1']),
      /deep\.yaml: not valid YAML: nested (deeper than 256 levels|too deeply to read)/,
    );
  });

  test('duplicate keys in JSON are refused like YAML\'s ("Resources" twice would drop a bucket)', () => {
    const f = file('dup.json', '{"Resources": {"Open": {"Type": "AWS::S3::Bucket"}}, "Resources": {}}');
    expectRefused(
      runCliProcess(['check', f, '--region', 'ca-central-1']),
      /dup\.json: not valid JSON: duplicate key "Resources" at line 1/,
    );
    const nested = file(
      'dup-nested.json',
      '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"A": 1, "\\u0041": 2}}}}',
    );
    expectRefused(
      runCliProcess(['check', nested, '--region', 'ca-central-1']),
      /dup-nested\.json: not valid JSON: duplicate key "A"/,
    );
  });

  test('a UTF-8 byte-order mark is accepted; flow-style YAML starting with { is read as YAML', () => {
    const bom = file(
      'bom.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic', Properties: {} } } })),
      ]),
    );
    const flow = file(
      'flow.yaml',
      '{Resources: {T: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref Key}}, Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}}}\n',
    );
    for (const f of [bom, flow]) {
      const r = runCliProcess(['check', f, '--region', 'ca-central-1', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).summary.resources).toBeGreaterThan(0);
    }
  });

  test('an unknown YAML tag is refused with the tag named, not read as a string', () => {
    const f = file(
      'tag.yaml',
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Reff Name\n',
    );
    expectRefused(
      runCliProcess(['check', f, '--region', 'ca-central-1']),
      /tag\.yaml: not valid YAML: Unresolved tag: !Reff/,
    );
  });

  test('invalid UTF-8 is refused, not judged as U+FFFD', () => {
    const f = file(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    expectRefused(runCliProcess(['check', f, '--region', 'ca-central-1']), /latin1\.yaml: not valid UTF-8; refused/);
  });

  test('YAML aliases that expand exponentially (billion laughs) are refused, not expanded', () => {
    let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++)
      yaml += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    expectRefused(
      runCliProcess(['check', file('laughs.yaml', `${yaml}Resources: {}\n`), '--region', 'ca-central-1']),
      /laughs\.yaml: not valid YAML: Excessive alias count/,
    );
  });

  test('a YAML mapping of 40,000 keys is read in linear time (uniqueKeys was quadratic: ~10 s of CPU here)', () => {
    let yaml = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {}\nMappings:\n  Big:\n';
    for (let i = 0; i < 40000; i++) yaml += `    K${i}: {V: x}\n`;
    const r = runCliProcess(['check', file('big.yaml', yaml), '--region', 'ca-central-1', '--format', 'json']);
    expect(r.status).toBe(1); // the unencrypted topic: judged, not refused
    expectWithinBudget(r);
  });
});

describe('conditions built to explode', () => {
  test('conditions referring twice to each other 30 deep, 3,000 chained, and 1,600 conditional tags: judged within budget', () => {
    const conditions: Record<string, unknown> = { C0: { 'Fn::Equals': [{ Ref: 'Stage' }, 'x'] } };
    for (let i = 1; i <= 30; i++)
      conditions[`C${i}`] = { 'Fn::Or': [{ Condition: `C${i - 1}` }, { Condition: `C${i - 1}` }] };
    for (let i = 1; i <= 3000; i++) conditions[`N${i}`] = { 'Fn::Not': [{ Condition: i === 1 ? 'C30' : `N${i - 1}` }] };
    const tags = Array.from({ length: 1600 }, (_, i) => {
      conditions[`T${i}`] = { Condition: 'N3000' };
      return { 'Fn::If': [`T${i}`, { Key: `k${i}`, Value: 'v' }, { Ref: 'AWS::NoValue' }] };
    });
    const template = {
      Parameters: { Stage: { Type: 'String', Default: 'x' } },
      Conditions: conditions,
      Resources: {
        Q: {
          Type: 'AWS::SQS::Queue',
          Condition: 'C30',
          Properties: { KmsMasterKeyId: { 'Fn::If': ['N3000', 'alias/aws/sqs', 'alias/aws/sqs'] }, Tags: tags },
        },
      },
    };
    const f = path.join(hostileDir(), 'conditions.json');
    fs.writeFileSync(f, JSON.stringify(template));
    const r = runCliProcess(['check', f, '--region', 'ca-central-1', '--format', 'json']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: '' });
    const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((x) => x.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['CaResidency-ConditionCombinations', 'CaResidency-EncryptedAtRest']));
    expectWithinBudget(r);
  });
});

describe('output that cannot be written', () => {
  /** A template with enough findings that the text report overflows a pipe's buffer. */
  function manyFindings(): string {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) resources[`Bucket${i}`] = BUCKET;
    const f = path.join(hostileDir(), 'many.json');
    fs.writeFileSync(f, JSON.stringify({ Resources: resources }));
    return f;
  }

  test.each([
    ['a closed pipe (| head -c 1)', '| head -c 1 >/dev/null', /cannot write to standard output \(EPIPE\)/],
    ['a full disk (>/dev/full)', '>/dev/full', /cannot write to standard output \(ENOSPC\)/],
  ])('check to %s: exit 2, one line, no stack trace', (_name, suffix, message) => {
    const r = runCliProcess(['check', manyFindings(), '--region', 'ca-central-1'], { shellSuffix: suffix });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ca-residency: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
    expectWithinBudget(r);
  });

  test('report to a closed pipe exits 2 (its documented code), not 1', () => {
    const asm = assembly('S.template.json');
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) resources[`Bucket${i}`] = BUCKET;
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify({ Resources: resources }));
    const r = runCliProcess(['report', asm], { shellSuffix: '| head -c 1 >/dev/null' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ca-residency: cannot write to standard output \(EPIPE\)\n$/);
  });
});

describe('the command as shipped: one bundled file', () => {
  test('--version and the SARIF tool version are the package version, found from the bundle', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(runCliProcess(['--version']).stdout).toBe(`${version}\n`);
    const asm = assembly('S.template.json');
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify({ Resources: { B: BUCKET } }));
    const sarif = runCliProcess(['check', asm, '--format', 'sarif']);
    expect(sarif.status).toBe(1);
    expect(JSON.parse(sarif.stdout)).toMatchObject({ runs: [{ tool: { driver: { version } } }] });
  });
});

describe('lazy loading: what a run does not need, it does not load', () => {
  const SMALL = path.join(__dirname, '..', 'fixtures', 'check', 'small');

  test('check of JSON loads neither the AWS SDK nor yaml; check of YAML loads yaml only; report loads no SDK', () => {
    const json = runCliProcess(['check', path.join(SMALL, 'us-replica.json'), '--region', 'ca-central-1']);
    expect(json.status).toBe(1);
    expect(json.packages.filter((p) => p.startsWith('@aws-sdk/') || p === 'yaml')).toEqual([]);
    const yaml = runCliProcess(['check', path.join(SMALL, 'clean.yaml'), '--region', 'ca-central-1']);
    expect(yaml.status).toBe(0);
    expect(yaml.packages).toContain('yaml');
    expect(yaml.packages.filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
    const asm = assembly('S.template.json');
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify({ Resources: { B: BUCKET } }));
    const report = runCliProcess(['report', asm]);
    expect(report.status).toBe(0);
    expect(report.packages.filter((p) => p.startsWith('@aws-sdk/') || p === 'yaml')).toEqual([]);
  });
});

describe('resource types named after JavaScript object properties', () => {
  // A template may name any type; `constructor` or `__proto__` must not be answered from a catalogue's prototype.
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

  test.each(NAMES)('check: type %s is unknown and unclassified (findings, exit 1), not an internal error', (type) => {
    const asm = assembly('S.template.json');
    const template = { Resources: { X: { Type: type, Properties: { Name: 'x' } }, B: BUCKET } };
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify(template));
    const r = runCliProcess(['check', asm, '--format', 'json']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 1,
      stderr: expect.not.stringMatching(/internal error/) as unknown,
    });
    const rules = (JSON.parse(r.stdout) as { findings: { logicalId: string; ruleId: string }[] }).findings
      .filter((f) => f.logicalId === 'X')
      .map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['CaResidency-RegionAvailability', 'CaResidency-Unclassified']));
    expectWithinBudget(r);
  });

  test('check --iam: such a type has no policy locations (findings, exit 1), not "not iterable"', () => {
    const asm = assembly('S.template.json');
    const template = { Resources: { X: { Type: 'constructor' }, Y: { Type: 'toString' }, B: BUCKET } };
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify(template));
    const r = runCliProcess(['check', asm, '--iam', '--format', 'json']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 1,
      stderr: expect.not.stringMatching(/internal error/) as unknown,
    });
    expectWithinBudget(r);
  });

  test('report: such types are counted per stack and are not data stores (was an internal error)', () => {
    const asm = assembly('S.template.json');
    const template = { Resources: { X: { Type: 'constructor' }, Y: { Type: '__proto__' }, B: BUCKET } };
    fs.writeFileSync(path.join(asm, 'S.template.json'), JSON.stringify(template));
    const r = runCliProcess(['report', asm, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      stacks: { resourceTypes: Record<string, number> }[];
      dataStores: { logicalId: string }[];
    };
    // Parsed, not an object literal: `__proto__:` in a literal would set the prototype instead of a key.
    expect(report.stacks[0].resourceTypes).toEqual(JSON.parse('{"AWS::S3::Bucket":1,"constructor":1,"__proto__":1}'));
    expect(report.dataStores.map((d) => d.logicalId)).toEqual(['B']);
  });
});
