import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { readTemplateFile } from '../../lib/check/read-template';
import { evaluateTemplates, Finding, ResidencyEngine } from '../../lib/rules';
import { ConditionVariant, conditionVariants, MAX_COMBINED_CONDITIONS } from '../../lib/rules/condition-variants';
import { CfnTemplate } from '../../lib/rules/types';
import { conditionsLeftToDeploy, tut } from './support';

const NO_VALUE = { Ref: 'AWS::NoValue' };
const undecided = conditionsLeftToDeploy;
const evaluateEngine = (templates: Parameters<ResidencyEngine['evaluate']>[0]) =>
  new ResidencyEngine().evaluate(templates);
const judge = (resources: CfnTemplate['Resources'], extra: Partial<CfnTemplate> = undecided('Replicate')) =>
  evaluateTemplates([tut('S', 'ca-central-1', resources, extra)]);
/** A function `Fn` with these properties over the few it needs, and a customer key `Key` of the stack. */
const lambdaWith = (properties: Record<string, unknown>): CfnTemplate['Resources'] => ({
  Fn: {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::111111111111:role/fn',
      Code: { ZipFile: 'exports.handler = async () => {};' },
      ...properties,
    },
  },
  Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
});
/** An encrypted topic `Topic` (key `Key`) with these subscriptions. */
const topicSubscribing = (subscription: unknown): CfnTemplate['Resources'] => ({
  Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { Ref: 'Key' }, Subscription: subscription } },
  Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
});
const summary = (findings: Finding[], id: string) =>
  findings.filter((f) => f.logicalId === id).map((f) => `${f.ruleId.replace('CaResidency-', '')} ${f.path}`);

describe('a property behind Fn::If is judged as each branch deploys it', () => {
  // Each of these hid its finding before: the rules read a path through the Fn::If object and found nothing there.
  test('a replication configuration to us-east-1 chosen by a condition', () => {
    const replication = {
      Role: 'arn:aws:iam::111111111111:role/replication',
      Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::records-replica-us-east-1' } }],
    };
    // The replica bucket exists, in another stack of the app, in us-east-1.
    const app = evaluateTemplates([
      tut(
        'S',
        'ca-central-1',
        {
          Source: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              VersioningConfiguration: { Status: 'Enabled' },
              ReplicationConfiguration: { 'Fn::If': ['Replicate', replication, NO_VALUE] },
            },
          },
        },
        undecided('Replicate'),
      ),
      tut('Replica', 'us-east-1', {
        Replica: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'records-replica-us-east-1' } },
      }),
    ]);
    const replicated = app.filter(
      (x) => x.logicalId === 'Source' && x.ruleId === 'CaResidency-S3ReplicationDestination',
    );
    expect(replicated.map((x) => [x.path, /us-east-1.*\(when condition Replicate is true\)$/.test(x.message)])).toEqual(
      [['Properties.ReplicationConfiguration.Rules[0].Destination.Bucket', true]],
    );
  });

  test('a list of topic subscriptions chosen by a condition, one to a queue in us-east-1', () => {
    const findings = judge(
      topicSubscribing({
        'Fn::If': ['Notify', [{ Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:records' }], NO_VALUE],
      }),
      undecided('Notify'),
    );
    expect(summary(findings, 'Topic').filter((s) => s.startsWith('DataDestination'))).toEqual([
      'DataDestination Properties.Subscription[0].Endpoint',
    ]);
  });

  test('environment variables behind a condition still need a customer key', () => {
    const env = { Variables: { PATIENT_TABLE: 'records' } };
    const open = judge(
      lambdaWith({ Environment: { 'Fn::If': ['Configured', env, NO_VALUE] } }),
      undecided('Configured'),
    );
    expect(open.filter((f) => f.logicalId === 'Fn' && f.ruleId === 'CaResidency-EncryptedAtRest')).toEqual([
      expect.objectContaining({
        path: 'Properties.KmsKeyArn',
        message: expect.stringMatching(/Configured is true\)$/),
      }),
    ]);
    // Clean look-alike: the same condition with the variables under a customer key of the stack.
    const keyed = judge(
      lambdaWith({
        Environment: { 'Fn::If': ['Configured', env, NO_VALUE] },
        KmsKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] },
      }),
      undecided('Configured'),
    );
    expect(keyed.filter((f) => f.logicalId === 'Fn' && f.ruleId === 'CaResidency-EncryptedAtRest')).toEqual([]);
  });

  test('clean look-alikes: both branches Canadian and encrypted, or the property removed, give no finding', () => {
    const findings = judge(
      {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            KmsMasterKeyId: { 'Fn::If': ['UseWest', { 'Fn::GetAtt': ['Key', 'Arn'] }, { Ref: 'Key' }] },
            RedrivePolicy: { 'Fn::If': ['Dlq', { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } }, NO_VALUE] },
          },
        },
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { Ref: 'Key' } } },
        Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
      },
      undecided('UseWest', 'Dlq'),
    );
    expect(summary(findings, 'Queue').filter((s) => !s.startsWith('EncryptedInTransit'))).toEqual([]);
  });

  test('a finding of every branch is reported once, without a condition; one of some branches names them', () => {
    const findings = judge(
      {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            BillingMode: { 'Fn::If': ['OnDemand', 'PAY_PER_REQUEST', 'PROVISIONED'] },
            // No SSESpecification in either branch: one finding, whatever the billing mode.
          },
        },
        Stream: {
          Type: 'AWS::Kinesis::Stream',
          Properties: {
            ShardCount: 1,
            StreamEncryption: {
              'Fn::If': ['Encrypt', { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }, NO_VALUE],
            },
          },
        },
        Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
      },
      undecided('OnDemand', 'Encrypt'),
    );
    const table = findings.filter((f) => f.logicalId === 'Table' && f.ruleId === 'CaResidency-EncryptedAtRest');
    expect(table).toHaveLength(1);
    expect(table[0].message).not.toMatch(/when condition/);
    const stream = findings.filter((f) => f.logicalId === 'Stream' && f.ruleId === 'CaResidency-EncryptedAtRest');
    expect(stream.map((f) => f.message)).toEqual([expect.stringMatching(/\(when condition Encrypt is false\)$/)]);
  });

  test('an Fn::If naming a condition the template does not declare (CloudFormation refuses it): both branches judged', () => {
    const findings = judge(
      {
        Sub: {
          Type: 'AWS::SNS::Subscription',
          Properties: {
            TopicArn: 'arn:aws:sns:ca-central-1:111111111111:t',
            Protocol: 'sqs',
            Endpoint: {
              'Fn::If': ['Nowhere', 'arn:aws:sqs:ca-central-1:111111111111:q', 'arn:aws:sqs:us-east-1:111111111111:q'],
            },
          },
        },
      },
      undecided('Declared'),
    );
    expect(summary(findings, 'Sub')).toEqual(['DataDestination Properties.Endpoint.Fn::If[2]']);
  });
});

describe('combinations, as deployed', () => {
  const lambda = (variables: unknown, extra: Record<string, unknown> = {}) =>
    lambdaWith({ KmsKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] }, Environment: { Variables: variables }, ...extra });
  const ok = 'arn:aws:sqs:ca-central-1:111111111111:ok';
  const bad = 'arn:aws:sqs:us-east-1:111111111111:bad';

  test('beyond 6 conditions: not passed, and the value two true and two false conditions reach is still found', () => {
    const target = {
      'Fn::If': ['A', { 'Fn::If': ['B', { 'Fn::If': ['C', ok, { 'Fn::If': ['D', ok, bad] }] }, ok] }, ok],
    };
    const findings = judge(
      lambda({
        TARGET: target,
        E: { 'Fn::If': ['E', '1', '0'] },
        F: { 'Fn::If': ['F', '1', '0'] },
        G: { 'Fn::If': ['G', '1', '0'] },
      }),
      undecided('A', 'B', 'C', 'D', 'E', 'F', 'G'),
    );
    const own = findings.filter((f) => f.logicalId === 'Fn');
    expect(own.map((f) => f.ruleId).sort()).toEqual([
      'CaResidency-ConditionCombinations',
      'CaResidency-ResidentRegion',
    ]);
    // Judged as written, the region walk follows every branch.
    expect(own.find((f) => f.ruleId === 'CaResidency-ResidentRegion')?.message).toMatch(/us-east-1/);
  });

  test('an element AWS::NoValue may remove does not move the others: one finding, at the template index', () => {
    const findings = judge(
      topicSubscribing([
        { 'Fn::If': ['C', { Protocol: 'sqs', Endpoint: ok }, NO_VALUE] },
        { Protocol: 'sqs', Endpoint: bad },
      ]),
      undecided('C'),
    );
    expect(
      findings
        .filter((f) => f.logicalId === 'Topic' && f.category === 'residency')
        .map((f) => [f.path, /when condition/.test(f.message)]),
    ).toEqual([['Properties.Subscription[1].Endpoint', false]]);
  });

  test("the resource's own Condition holds wherever it is deployed: its other branch is not judged", () => {
    const findings = judge(
      {
        Q: {
          Type: 'AWS::SQS::Queue',
          Condition: 'UseKms',
          Properties: { KmsMasterKeyId: { 'Fn::If': ['UseKms', { 'Fn::GetAtt': ['Key', 'Arn'] }, NO_VALUE] } },
        },
        Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
      },
      undecided('UseKms'),
    );
    expect(summary(findings, 'Q').filter((x) => x.startsWith('EncryptedAtRest'))).toEqual([]);
  });

  test("a resource's inline policy behind a condition is judged as each branch writes it", () => {
    const tlsOnly = {
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    const efs = (policy: unknown) =>
      judge(
        {
          Fs: {
            Type: 'AWS::EFS::FileSystem',
            Properties: { Encrypted: true, KmsKeyId: { Ref: 'Key' }, FileSystemPolicy: policy },
          },
          Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
        },
        undecided('Strict'),
      ).filter((f) => f.logicalId === 'Fs' && f.ruleId === 'CaResidency-EncryptedInTransit');
    expect(efs({ 'Fn::If': ['Strict', tlsOnly, tlsOnly] })).toEqual([]);
    expect(efs({ 'Fn::If': ['Strict', tlsOnly, NO_VALUE] }).map((f) => f.message)).toEqual([
      expect.stringMatching(/\(when condition Strict is false\)$/),
    ]);
  });

  test('too many combinations to judge each: a finding, and the resource still judged as written', () => {
    const names = Array.from({ length: 100 }, (_, i) => `T${i}`);
    const findings = judge(
      lambda(Object.fromEntries(names.map((n) => [n, { 'Fn::If': [n, 'a', NO_VALUE] }])), {
        DeadLetterConfig: { TargetArn: bad },
      }),
      undecided(...names),
    );
    const own = findings.filter((f) => f.logicalId === 'Fn');
    expect(own.filter((f) => f.ruleId === 'CaResidency-ConditionCombinations')).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/more than 6 conditions/) }),
    ]);
    // What the rules find in the resource as written is still reported.
    expect(own.some((f) => f.category === 'residency' && f.message.includes('us-east-1'))).toBe(true);
  });
});

describe('conditions decided at synth time: the branch never taken is never deployed', () => {
  // A template written for many regions, deployed in one: `IsUsEast1` is false in ca-central-1.
  const US_TOPIC = 'arn:aws:sns:us-east-1:111111111111:alerts';
  const CA_TOPIC = 'arn:aws:sns:ca-central-1:111111111111:alerts';
  const alarmTo = (region: string | undefined, conditions: Record<string, unknown>, parameters = {}) =>
    evaluateTemplates([
      tut(
        'S',
        region,
        {
          Alarm: {
            Type: 'AWS::CloudWatch::Alarm',
            Properties: {
              MetricName: 'Errors',
              Namespace: 'App',
              Statistic: 'Sum',
              Period: 60,
              EvaluationPeriods: 1,
              Threshold: 1,
              ComparisonOperator: 'GreaterThanThreshold',
              AlarmActions: [{ 'Fn::If': ['IsUs', US_TOPIC, CA_TOPIC] }],
            },
          },
        },
        { Conditions: conditions, Parameters: parameters },
      ),
    ]).filter((f) => f.logicalId === 'Alarm' && f.category === 'residency');
  const isUs = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] };

  test('decided from the stack region, through Fn::Not, Fn::And, Fn::Or and Condition: no finding', () => {
    expect(alarmTo('ca-central-1', { IsUs: isUs })).toEqual([]);
    expect(
      alarmTo('ca-central-1', { IsCa: { 'Fn::Not': [isUs] }, IsUs: { 'Fn::Not': [{ Condition: 'IsCa' }] } }),
    ).toEqual([]);
    // And with a known false is false, whatever the parameter; Or with a known true is true.
    const free = { Mode: { Type: 'String', Default: 'a' } };
    const fromParameter = { 'Fn::Equals': [{ Ref: 'Mode' }, 'a'] };
    expect(alarmTo('ca-central-1', { IsUs: { 'Fn::And': [isUs, fromParameter] } }, free)).toEqual([]);
    expect(
      alarmTo('ca-central-1', { IsUs: { 'Fn::Not': [{ 'Fn::Or': [{ 'Fn::Not': [isUs] }, fromParameter] }] } }, free),
    ).toEqual([]);
    // A parameter whose AllowedValues cannot equal the other side.
    const constrained = { Mode: { Type: 'String', AllowedValues: ['ca', 'qc'] } };
    expect(alarmTo('ca-central-1', { IsUs: { 'Fn::Equals': [{ Ref: 'Mode' }, 'us'] } }, constrained)).toEqual([]);
  });

  test('a resource whose own Condition is false at synth time is never deployed, so never judged', () => {
    const template = (condition: unknown) =>
      tut(
        'S',
        'ca-central-1',
        {
          UsOnly: {
            Type: 'AWS::SNS::Subscription',
            Condition: 'IsUs',
            Properties: { TopicArn: CA_TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:q' },
          },
        },
        { Conditions: { IsUs: condition }, Parameters: { Where: { Type: 'String', Default: 'ca' } } },
      );
    const never = evaluateEngine([template(isUs)]);
    expect([never.findings, never.summary.resources]).toEqual([[], 0]);
    // Left to deploy time, it may be deployed: judged.
    const maybe = evaluateEngine([template({ 'Fn::Equals': [{ Ref: 'Where' }, 'us'] })]);
    expect(maybe.findings.map((f) => `${f.ruleId} ${f.logicalId}`)).toEqual(['CaResidency-DataDestination UsOnly']);
  });

  test('conditions referring to conditions are each decided once; a long chain is left to deploy time, not a crash', () => {
    // Each level refers twice to the one below: evaluated afresh, 30 levels would take 2^30 steps.
    const doubling: Record<string, unknown> = { C0: isUs };
    for (let i = 1; i <= 30; i++)
      doubling[`C${i}`] = { 'Fn::Or': [{ Condition: `C${i - 1}` }, { Condition: `C${i - 1}` }] };
    expect(alarmTo('ca-central-1', { ...doubling, IsUs: { Condition: 'C30' } })).toEqual([]);
    // 3,000 conditions deep (CloudFormation allows it): too deep to decide now, so both branches are judged.
    const chain: Record<string, unknown> = { N0: isUs };
    for (let i = 1; i <= 3000; i++) chain[`N${i}`] = { 'Fn::Not': [{ Condition: `N${i - 1}` }] };
    expect(alarmTo('ca-central-1', { ...chain, IsUs: { Condition: 'N3000' } }).map((f) => f.path)).toEqual([
      'Properties.AlarmActions[0]',
    ]);
    // Functions nested as deep as a document may be, in each of 33 chained conditions.
    const nested: Record<string, unknown> = { D0: isUs };
    for (let i = 1; i <= 33; i++) {
      let f: unknown = { Condition: `D${i - 1}` };
      for (let k = 0; k < 126; k++) f = { 'Fn::Not': [f] };
      nested[`D${i}`] = f;
    }
    expect(alarmTo('ca-central-1', { ...nested, IsUs: { Condition: 'D33' } }).map((f) => f.path)).toEqual([
      'Properties.AlarmActions[0]',
    ]);
  });

  test('left to deploy time, each branch is judged: the foreign one is a finding naming its condition', () => {
    const expectFinding = (findings: Finding[]) =>
      expect(findings.map((f) => [f.path, f.message.endsWith('(when condition IsUs is true)')])).toEqual([
        ['Properties.AlarmActions[0]', true],
      ]);
    // The region is unknown (an environment-agnostic stack).
    expectFinding(alarmTo(undefined, { IsUs: isUs }));
    // A parameter with a default can be overridden at deploy time; one with several allowed values may match.
    expectFinding(
      alarmTo(
        'ca-central-1',
        { IsUs: { 'Fn::Equals': [{ Ref: 'Where' }, 'us'] } },
        { Where: { Type: 'String', Default: 'ca' } },
      ),
    );
    expectFinding(
      alarmTo(
        'ca-central-1',
        { IsUs: { 'Fn::Equals': [{ Ref: 'Where' }, 'us'] } },
        { Where: { Type: 'String', AllowedValues: ['ca', 'us'] } },
      ),
    );
    // The partition follows the region: unknown with it, and not the commercial one in China or GovCloud.
    expectFinding(
      alarmTo('cn-north-1', { IsUs: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws-cn'] }] } }),
    );
    // Fn::Base64 changes what it encodes.
    expectFinding(alarmTo(undefined, { IsUs: { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws-us-gov'] } }));
    expectFinding(alarmTo('ca-central-1', { IsUs: { 'Fn::Equals': [{ 'Fn::Base64': 'us' }, 'us'] } }));
    // The stack's name and an account the assembly does not name are chosen at deployment.
    expectFinding(alarmTo('ca-central-1', { IsUs: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'S'] } }));
    // A condition that refers to itself, or to one not defined, cannot be decided.
    expectFinding(alarmTo('ca-central-1', { IsUs: { 'Fn::Or': [{ Condition: 'IsUs' }, isUs] } }));
    expectFinding(alarmTo('ca-central-1', { IsUs: { Condition: 'Missing' } }));
  });
});

/** The combinations judged for `properties` (expected to be judged combination by combination). */
function variantsOf(properties: unknown, declared: readonly string[]): readonly ConditionVariant[] {
  const judgement = conditionVariants(properties, new Set(declared));
  if (judgement?.kind !== 'variants') throw new Error(`expected variants, got ${JSON.stringify(judgement)}`);
  return judgement.variants;
}

describe('conditionVariants', () => {
  test('properties without Fn::If have none: the resource is judged as written', () => {
    expect(conditionVariants({ A: { B: [1, { Ref: 'X' }] } }, new Set(['C']))).toBeUndefined();
    expect(conditionVariants(undefined, new Set(['C']))).toBeUndefined();
    // An Fn::If naming a condition not declared is not chosen.
    expect(conditionVariants({ A: { 'Fn::If': ['Other', 'a', 'b'] } }, new Set(['C']))).toBeUndefined();
  });

  test('one condition used twice takes the same branch in both places; AWS::NoValue removes keys and elements', () => {
    const judged = variantsOf(
      {
        A: { 'Fn::If': ['C', 'a1', 'a2'] },
        B: [{ 'Fn::If': ['C', 'b1', NO_VALUE] }, 'b'],
        D: { 'Fn::If': ['C', NO_VALUE, { E: 'e' }] },
      },
      ['C'],
    );
    expect(judged.map((v) => [Object.fromEntries(v.conditions), v.properties])).toEqual([
      [{ C: true }, { A: 'a1', B: ['b1', 'b'] }],
      [{ C: false }, { A: 'a2', B: ['b'], D: { E: 'e' } }],
    ]);
    // Where an element removed shifted the others, paths read as the template's.
    expect(judged[1].templatePath('Properties.B[0]')).toBe('Properties.B[1]');
    expect(judged[0].templatePath('Properties.B[0]')).toBe('Properties.B[0]');
  });

  test('a key named __proto__ stays a key of the chosen properties', () => {
    const properties = JSON.parse('{"__proto__": {"Fn::If": ["C", "x", "y"]}}') as unknown;
    const [first] = variantsOf(properties, ['C']);
    expect(Object.keys(first.properties)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(first.properties)).toBe(Object.prototype);
  });

  test('every combination up to the bound; only the branch a decided condition takes is walked', () => {
    const withConditions = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`P${i}`, { 'Fn::If': [`C${i}`, 'yes', 'no'] }]));
    const names = Array.from({ length: 20 }, (_, i) => `C${i}`);
    expect(variantsOf(withConditions(MAX_COMBINED_CONDITIONS), names)).toHaveLength(2 ** MAX_COMBINED_CONDITIONS);
    // C9 decided true: its other branch, with six more conditions, is never deployed and does not count.
    const behindDecided = {
      ...withConditions(MAX_COMBINED_CONDITIONS),
      Q: { 'Fn::If': ['C9', 'q', withConditions(20)] },
    };
    const judgement = conditionVariants(behindDecided, new Set(names), (c) => (c === 'C9' ? true : undefined));
    expect(judgement?.kind === 'variants' && judgement.variants.map((v) => v.properties.Q)).toEqual(
      Array.from({ length: 64 }, () => 'q'),
    );
  });

  test('too many combinations, or too much to copy for each, is refused rather than judged in part', () => {
    // Seven conditions: 128 combinations (the walk stops at the seventh).
    const tags = Array.from({ length: 100 }, (_, i) => ({
      'Fn::If': [`T${i}`, { Key: `k${i}`, Value: 'v' }, NO_VALUE],
    }));
    const names = Array.from({ length: 100 }, (_, i) => `T${i}`);
    expect(conditionVariants({ Tags: tags }, new Set(names))).toMatchObject({ kind: 'too-many', conditions: 7 });
    // Few conditions over a large document: 64 copies of it would be too much.
    const large = {
      Big: Array.from({ length: 20_000 }, (_, i) => i),
      ...Object.fromEntries(names.slice(0, 6).map((n) => [n, { 'Fn::If': [n, 1, 2] }])),
    };
    expect(conditionVariants(large, new Set(names))).toMatchObject({ kind: 'too-many', combinations: 64 });
  });

  test('no variant holds an Fn::If that names a condition (property)', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('a', 1, true, null),
        fc.constant(NO_VALUE),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('K', 'L', 'Fn::If'), tie('node'), { maxKeys: 2 }),
        fc.tuple(fc.constantFrom('C1', 'C2', 'C3'), tie('node'), tie('node')).map(([c, a, b]) => ({
          'Fn::If': [c, a, b],
        })),
      ),
    })).node;
    fc.assert(
      fc.property(value, (properties) => {
        const declared = ['C1', 'C2', 'C3'];
        const judgement = conditionVariants(properties, new Set(declared));
        if (judgement === undefined) return;
        for (const v of variantsOf(properties, declared))
          expect(conditionVariants(v.properties, new Set(declared))).toBeUndefined();
      }),
    );
  });
});

describe('real templates: a property put behind a condition never loses a finding', () => {
  // Metamorphic: for every property of every resource of the public templates (to depth 4), `Fn::If [c, V, V]` and
  // `Fn::If [c, V, AWS::NoValue]` deploy V in at least one branch, so every finding about that resource must remain.
  const REAL = path.join(__dirname, '..', 'fixtures', 'check', 'real');
  const files = fs.readdirSync(REAL).filter((f) => /\.(json|ya?ml)$/.test(f));
  const key = (f: Finding) => `${f.ruleId} ${f.logicalId}`;

  test.each(files)('%s', (file) => {
    const template = readTemplateFile(path.join(REAL, file));
    const run = (t: CfnTemplate) =>
      evaluateTemplates([{ stackName: 'S', region: 'ca-central-1', templateFile: file, template: t }]);
    // The probe's condition is left to deploy time: a parameter with only a default.
    const probe = {
      Parameters: { ...template.Parameters, ProbeStage: { Type: 'String', Default: 'a' } },
      Conditions: { ...template.Conditions, Probe: { 'Fn::Equals': [{ Ref: 'ProbeStage' }, 'a'] } },
    };
    const before = new Set(run(template).map(key));
    const lost: string[] = [];
    let cases = 0;
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      const paths: string[][] = [];
      const visit = (v: unknown, at: string[]) => {
        if (at.length > 4 || v === null || typeof v !== 'object') return;
        for (const k of Object.keys(v)) {
          if (k === 'Ref' || k.startsWith('Fn::')) return;
          paths.push([...at, k]);
          visit((v as Record<string, unknown>)[k], [...at, k]);
        }
      };
      visit(resource.Properties, []);
      for (const at of paths) {
        for (const otherwise of ['same', 'removed'] as const) {
          const copy = JSON.parse(JSON.stringify({ ...template, ...probe })) as {
            Resources: Record<string, { Properties: object }>;
          };
          let parent = copy.Resources[id].Properties as Record<string, unknown>;
          for (const k of at.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
          const last = at[at.length - 1];
          parent[last] = { 'Fn::If': ['Probe', parent[last], otherwise === 'same' ? parent[last] : NO_VALUE] };
          cases++;
          const after = new Set(run(copy as CfnTemplate).map(key));
          for (const k of before)
            if (k.endsWith(` ${id}`) && !after.has(k)) lost.push(`${at.join('.')} ${otherwise}: ${k}`);
        }
      }
    }
    expect(cases).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});
