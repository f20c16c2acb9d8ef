import fc from 'fast-check';
import { CfnTemplate, evaluateTemplates, Finding } from '../../lib/rules';
import { tut } from './support';

/**
 * A stack's resources whose policies differ only in naming themselves share one TLS verdict. Sharing must never
 * change a finding: each resource is reported exactly as if its policy had been judged on its own.
 */
const RULE = 'CaResidency-EncryptedInTransit';
type Resources = CfnTemplate['Resources'];

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const objectsOf = (id: string) => ({ 'Fn::Join': ['', [arnOf(id), '/*']] });

function bucket(id: string, props: Record<string, unknown> = {}): Resources {
  return { [id]: { Type: 'AWS::S3::Bucket', Properties: props } };
}

function policy(id: string, bucketId: string, statements: unknown[]): Resources {
  return {
    [id]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: bucketId }, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
    },
  };
}

/** A complete TLS-only policy (no plain HTTP, no TLS below 1.2) about `target`'s bucket and objects. */
const tlsOnlyFor = (target: string) => [
  denyPlain([arnOf(target), objectsOf(target)]),
  denyOldTls([arnOf(target), objectsOf(target)]),
];

/** Buckets in this order, each with its own policy resource; `statementsFor` writes each one's statements. */
function bucketsWithPolicies(ids: readonly string[], statementsFor: (id: string) => unknown[]): Resources {
  const out: Resources = {};
  for (const id of ids) Object.assign(out, bucket(id), policy(`${id}Policy`, id, statementsFor(id)));
  return out;
}

function denyPlain(resources: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...extra,
  };
}

const denyOldTls = (resources: unknown[]) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: resources,
  Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
});

function findings(resources: Resources): Finding[] {
  return evaluateTemplates([tut('Shared', 'ca-central-1', resources)]).filter((f) => f.ruleId === RULE);
}

function messagesFor(all: Finding[], logicalId: string): string[] {
  return all
    .filter((f) => f.logicalId === logicalId)
    .map((f) => f.message)
    .sort();
}

/** `kept` passes; `open` has one finding, for accepting plain HTTP. */
function expectPlainHttpOnlyOn(all: Finding[], kept: string, open: string): void {
  expect(messagesFor(all, kept)).toEqual([]);
  expect(messagesFor(all, open)).toHaveLength(1);
  expect(messagesFor(all, open)[0]).toContain('plain HTTP is accepted');
}

describe('TLS verdicts shared by resources whose policies differ only in naming them', () => {
  test('every bucket with a weak policy of the same shape is reported, each naming its own ARN', () => {
    const ids = ['BucketOne', 'BucketTwo', 'BucketThree'];
    const resources = bucketsWithPolicies(ids, (id) => [
      denyPlain([arnOf(id), objectsOf(id)], { Action: 's3:GetObject' }),
    ]);
    const all = findings(resources);
    for (const id of ids) {
      const mine = messagesFor(all, id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(`arn:aws:s3:::{{${id}}}`);
      expect(mine[0]).toContain(`${id}Policy`);
      for (const other of ids.filter((o) => o !== id)) expect(mine[0]).not.toContain(other);
    }
  });

  test('a policy of the same shape that names another bucket does not protect this one', () => {
    const resources: Resources = {
      ...bucket('BucketGuarded'),
      ...policy('GuardedPolicy', 'BucketGuarded', tlsOnlyFor('BucketGuarded')),
      ...bucket('BucketMisaimed'),
      // Attached to BucketMisaimed but every statement is about BucketGuarded.
      ...policy('MisaimedPolicy', 'BucketMisaimed', tlsOnlyFor('BucketGuarded')),
    };
    const all = findings(resources);
    expectPlainHttpOnlyOn(all, 'BucketGuarded', 'BucketMisaimed');
  });

  test.each([
    ['first', ['BucketAlpha1', 'BucketBeta1']],
    ['second', ['BucketBeta1', 'BucketAlpha1']],
  ])('a wildcard matching part of one name is judged per bucket (matching bucket %s)', (_, order) => {
    // The same literal patterns for both; `*Alpha*` matches the placeholder of BucketAlpha1 only.
    const statements = [
      denyPlain(['arn:aws:s3:::*Alpha*', 'arn:aws:s3:::*Alpha*/*']),
      denyOldTls(['arn:aws:s3:::*Alpha*', 'arn:aws:s3:::*Alpha*/*']),
    ];
    const resources = bucketsWithPolicies(order, () => statements);
    const all = findings(resources);
    expect(messagesFor(all, 'BucketAlpha1')).toEqual([]);
    expect(messagesFor(all, 'BucketBeta1')).toHaveLength(1);
  });

  test.each([
    ['whole', 'arn:aws:s3:::{{BucketA1}}', 'arn:aws:s3:::{{BucketA1}}/*'],
    [
      'in pieces',
      { 'Fn::Join': ['', ['arn:aws:s3:::{{Bucket', 'A1}}']] },
      { 'Fn::Join': ['', ['arn:aws:s3:::{{Bucket', 'A1}}/*']] },
    ],
  ])('a policy spelling out one bucket’s placeholder (%s) protects no other bucket', (_, own, objects) => {
    const statements = [denyPlain([own, objects]), denyOldTls([own, objects])];
    const resources: Resources = {
      ...bucket('BucketA1'),
      ...policy('A1Policy', 'BucketA1', statements),
      ...bucket('BucketB1'),
      ...policy('B1Policy', 'BucketB1', statements),
    };
    const all = findings(resources);
    expectPlainHttpOnlyOn(all, 'BucketA1', 'BucketB1');
  });

  test.each([
    ['first', ['BucketA1', 'BucketB1']],
    ['second', ['BucketB1', 'BucketA1']],
  ])(
    'a policy naming a bucket in a string (Fn::GetAtt "Id.Arn") protects that bucket only (it comes %s)',
    (_, order) => {
      // Word for word the same document for both: a reference to BucketB1 written as one string.
      const arn = { 'Fn::GetAtt': 'BucketB1.Arn' };
      const objects = 'arn:aws:s3:::*/*';
      const statements = [denyPlain([arn, objects]), denyOldTls([arn, objects])];
      const resources = bucketsWithPolicies(order, () => statements);
      const all = findings(resources);
      expectPlainHttpOnlyOn(all, 'BucketB1', 'BucketA1');
    },
  );

  test('a bucket with a literal name is judged by that name, not by the shape of an unnamed one', () => {
    const resources: Resources = {
      ...bucket('BucketUnnamed'),
      ...policy('UnnamedPolicy', 'BucketUnnamed', tlsOnlyFor('BucketUnnamed')),
      ...bucket('BucketNamed', { BucketName: 'records-named' }),
      // Covers the objects of the named bucket only through a literal ARN that is not its own.
      ...policy('NamedPolicy', 'BucketNamed', [
        denyPlain([arnOf('BucketNamed'), 'arn:aws:s3:::records-other/*']),
        denyOldTls([arnOf('BucketNamed'), 'arn:aws:s3:::records-other/*']),
      ]),
    };
    const all = findings(resources);
    expect(messagesFor(all, 'BucketUnnamed')).toEqual([]);
    expect(messagesFor(all, 'BucketNamed')).toHaveLength(1);
    expect(messagesFor(all, 'BucketNamed')[0]).toContain('arn:aws:s3:::records-named/*');
  });

  /**
   * Property: for random policies drawn from a small pool (so that shapes repeat), each bucket's findings are the
   * same as when it is the first of its shape in the stack, i.e. judged on its own.
   */
  test('sharing never changes a bucket’s findings (random policies, every bucket judged first once)', () => {
    const ids = ['BucketA1', 'BucketB1', 'BucketAB2', 'BucketC3'];
    // Resource entries as a function of the bucket they are written for: shapes repeat across buckets.
    const resourcePieces = (self: string): unknown[] => [
      arnOf(self),
      objectsOf(self),
      { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: self }, '/*']] },
      'arn:aws:s3:::*',
      'arn:aws:s3:::*/*',
      '*',
      'arn:aws:s3:::*A1*',
      'arn:aws:s3:::Bucket?1/*',
      arnOf('BucketC3'),
      objectsOf('BucketC3'),
      { 'Fn::Sub': '${' + self + '.Arn}/*' },
    ];
    // A statement template: its resources name "the bucket" through a function of the bucket's id.
    const statementTemplate = fc.record({
      effect: fc.constantFrom('Deny', 'Deny', 'Deny', 'Allow'),
      principal: fc.constantFrom<unknown>('*', { AWS: '*' }, '*', { AWS: 'arn:aws:iam::111111111111:root' }),
      action: fc.constantFrom<unknown>('s3:*', 's3:*', '*', 's3:GetObject', ['s3:GetObject', 's3:PutObject']),
      condition: fc.constantFrom<unknown>(
        { Bool: { 'aws:SecureTransport': 'false' } },
        { NumericLessThan: { 's3:TlsVersion': '1.2' } },
        { BoolIfExists: { 'aws:SecureTransport': 'false' } },
        undefined,
      ),
      pieces: fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }),
    });
    const policyTemplate = fc.array(statementTemplate, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(policyTemplate, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(2), { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
        (policies, choice, named) => {
          const build = (order: string[]): Resources => {
            const out: Resources = {};
            for (const id of order) {
              const i = ids.indexOf(id);
              const template = policies[choice[i] % policies.length];
              const statements = template.map((t) => {
                const all = resourcePieces(id);
                const pieces = t.pieces.map((n) => all[n % all.length]);
                return {
                  Effect: t.effect,
                  Principal: t.principal,
                  Action: t.action,
                  Resource: pieces,
                  ...(t.condition === undefined ? {} : { Condition: t.condition }),
                };
              });
              Object.assign(out, bucket(id, named[i] ? { BucketName: `records-${id.toLowerCase()}` } : {}));
              Object.assign(out, policy(`${id}Policy`, id, statements));
            }
            return out;
          };
          const together = findings(build(ids));
          for (const id of ids) {
            const alone = findings(build([id, ...ids.filter((o) => o !== id)]));
            expect(messagesFor(together, id)).toEqual(messagesFor(alone, id));
          }
        },
      ),
      { numRuns: 150, seed: 1215 },
    );
  });
});

describe('a policy resource with its own Condition protects only the deployments that have it', () => {
  const judged = (policyCondition: string | undefined, bucketCondition?: string) => {
    const resources = bucketsWithPolicies(['Records'], tlsOnlyFor);
    if (policyCondition) Object.assign(resources!.RecordsPolicy, { Condition: policyCondition });
    if (bucketCondition) Object.assign(resources!.Records, { Condition: bucketCondition });
    return evaluateTemplates([
      tut('Shared', 'ca-central-1', resources, {
        Parameters: { Stage: { Type: 'String', Default: 'prod' } },
        Conditions: {
          Open: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
          InCanada: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ca-central-1'] },
          InVirginia: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        },
      }),
    ]).filter((f) => f.ruleId === RULE && f.logicalId === 'Records');
  };

  test('always deployed with the bucket: no Condition, the bucket own, or one already true: no finding', () => {
    expect(judged(undefined)).toEqual([]);
    expect(judged('Open', 'Open')).toEqual([]);
    expect(judged('InCanada')).toEqual([]);
  });
  test('left out of some deployments (a deploy-time condition), or of all (already false): plain HTTP accepted', () => {
    for (const condition of ['Open', 'InVirginia', 'Undeclared'])
      expect([condition, judged(condition).map((f) => f.message)]).toEqual([
        condition,
        [
          expect.stringContaining(
            `its BucketPolicy (RecordsPolicy, Condition "${condition}") is not deployed wherever it is, so where it is left out nothing denies`,
          ),
        ],
      ]);
  });
});
