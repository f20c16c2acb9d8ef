import {
  deniesInsecureTransport,
  deniesTlsBelow,
  guardrailStatementIndexes,
  isGuardrailStatement,
  normalisePolicy,
  openGrants,
  PolicyTarget,
} from '../../lib/policy';

const BUCKET: PolicyTarget = {
  service: 's3',
  resources: [
    { arn: 'arn:aws:s3:::b', type: 'bucket' },
    { arn: 'arn:aws:s3:::b/*', type: 'object' },
  ],
};
const BOTH = ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'];
const tlsDeny = (over: Record<string, unknown> = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: BOTH,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...over,
});
const plain = (...st: unknown[]) => deniesInsecureTransport(normalisePolicy({ Statement: st }), BUCKET);

describe('resource-policy TLS statements', () => {
  test('Compliance: the CDK enforceSSL statement and its look-alikes that mean the same', () => {
    expect(plain(tlsDeny()).denied).toBe(true);
    expect(plain(tlsDeny({ Principal: { AWS: '*' } })).denied).toBe(true);
    expect(plain(tlsDeny({ Principal: { AWS: ['*'] }, Action: '*', Resource: '*' })).denied).toBe(true);
    expect(plain(tlsDeny({ Condition: { BoolIfExists: { 'aws:SecureTransport': false } } })).denied).toBe(true);
    // NotAction naming another service's actions covers every S3 action; two statements can share the work.
    expect(plain(tlsDeny({ Action: undefined, NotAction: 'sqs:*' })).denied).toBe(true);
    expect(plain(tlsDeny({ Resource: 'arn:aws:s3:::b' }), tlsDeny({ Resource: 'arn:aws:s3:::b/*' })).denied).toBe(true);
    expect(plain(tlsDeny({ Resource: 'arn:aws:s3:::b*' })).denied).toBe(true);
  });
  test('Noncompliance: statements that mention aws:SecureTransport but do not deny every non-TLS request', () => {
    expect(plain(tlsDeny({ Action: 's3:GetObject' })).gap).toMatch(/on arn:aws:s3:::b/);
    expect(plain(tlsDeny({ Action: ['s3:Get*', 's3:Put*'] })).denied).toBe(false);
    expect(plain(tlsDeny({ Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } })).denied).toBe(false);
    expect(plain(tlsDeny({ Resource: 'arn:aws:s3:::b' })).gap).toMatch(/on arn:aws:s3:::b\/\*$/);
    expect(plain(tlsDeny({ Resource: 'arn:aws:s3:::b/*' })).gap).toMatch(/on arn:aws:s3:::b$/);
    expect(plain(tlsDeny({ Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/uploads/*'] })).denied).toBe(false);
    expect(plain(tlsDeny({ Effect: 'Allow' })).denied).toBe(false);
    expect(plain(tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).denied).toBe(false);
    expect(plain(tlsDeny({ Condition: { Null: { 'aws:SecureTransport': 'true' } } })).denied).toBe(false);
    expect(
      plain(
        tlsDeny({
          Condition: {
            Bool: { 'aws:SecureTransport': 'false' },
            StringNotEquals: { 'aws:PrincipalAccount': '111122223333' },
          },
        }),
      ).denied,
    ).toBe(false);
    expect(
      plain(tlsDeny({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Principal: undefined })).denied,
    ).toBe(false);
    expect(plain(tlsDeny({ NotAction: 's3:GetObject', Action: undefined })).gap).toMatch(/s3:GetObject/);
    expect(plain(tlsDeny({ NotResource: 'arn:aws:s3:::b/public/*', Resource: undefined })).denied).toBe(false);
    expect(plain().denied).toBe(false);
  });
  test('fail closed: a resource or condition value known only at deploy time proves nothing', () => {
    expect(plain(tlsDeny({ Resource: [{ Ref: 'Arn' }, 'arn:aws:s3:::b/*'] })).denied).toBe(false);
    expect(plain(tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': { Ref: 'Flag' } } } })).denied).toBe(false);
  });
  test('TLS version: NumericLessThan s3:TlsVersion 1.2 (or stricter) denies old TLS; 1.1 or IfExists-less look-alikes do not', () => {
    const old = (cond: unknown) =>
      deniesTlsBelow(normalisePolicy({ Statement: [tlsDeny({ Condition: cond })] }), BUCKET, 1.2).denied;
    expect(old({ NumericLessThan: { 's3:TlsVersion': 1.2 } })).toBe(true);
    expect(old({ NumericLessThan: { 's3:TlsVersion': '1.3' } })).toBe(true);
    expect(old({ NumericLessThanEquals: { 's3:TlsVersion': '1.1' } })).toBe(true);
    expect(old({ NumericLessThan: { 's3:TlsVersion': '1.1' } })).toBe(false);
    expect(old({ NumericGreaterThan: { 's3:TlsVersion': '1.2' } })).toBe(false);
    expect(old({ NumericLessThan: { 's3:TlsVersion': '1.2' }, Bool: { 'aws:SecureTransport': 'false' } })).toBe(false);
  });
});

describe('key-policy grants', () => {
  const grants = (...st: Record<string, unknown>[]) => openGrants(normalisePolicy({ Statement: st }), 'kms');
  const open = { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' };
  test('Noncompliance: grants to anyone whose condition does not restrict who', () => {
    expect(grants(open)[0].actions).toContain('kms:Decrypt');
    expect(grants({ ...open, Action: 'kms:Decrypt' })).toHaveLength(1);
    expect(grants({ ...open, Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })).toHaveLength(
      1,
    );
    expect(grants({ ...open, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toHaveLength(1);
    expect(grants({ ...open, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } })).toHaveLength(
      1,
    );
    expect(
      grants({ ...open, Condition: { StringEquals: { 'kms:ViaService': 's3.ca-central-1.amazonaws.com' } } }),
    ).toHaveLength(1);
    expect(
      grants({ ...open, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } }),
    ).toHaveLength(1);
    expect(grants({ ...open, Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } })).toHaveLength(1);
    expect(
      grants({ ...open, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }),
    ).toHaveLength(1);
    expect(grants({ ...open, Principal: { AWS: { Ref: 'Who' } } })).toHaveLength(1);
    expect(grants({ ...open, Action: undefined, NotAction: 'kms:ScheduleKeyDeletion' })[0].actions).toContain(
      'kms:Decrypt',
    );
  });
  test('Compliance: account roots, exact accounts, organisations, ARNs of one account, deny statements, other services', () => {
    expect(grants({ ...open, Principal: { AWS: 'arn:aws:iam::111122223333:root' } })).toEqual([]);
    expect(
      grants({
        ...open,
        Condition: {
          StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.ca-central-1.amazonaws.com' },
        },
      }),
    ).toEqual([]);
    expect(grants({ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })).toEqual([]);
    expect(
      grants({ ...open, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } } }),
    ).toEqual([]);
    expect(grants({ ...open, Effect: 'Deny' })).toEqual([]);
    // KMS takes signed requests only: kms:CallerAccount is always present, so IfExists bounds callers too.
    expect(grants({ ...open, Condition: { StringEqualsIfExists: { 'kms:CallerAccount': '111122223333' } } })).toEqual(
      [],
    );
    expect(grants({ ...open, Action: 's3:GetObject' })).toEqual([]);
  });
});

describe('guardrail statements (for residency rules)', () => {
  test('a Deny naming foreign regions is a guardrail; an Allow naming them is not', () => {
    const deny = {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['ca-central-1'] } },
    };
    expect(isGuardrailStatement(deny)).toBe(true);
    expect(isGuardrailStatement({ ...deny, Effect: 'Allow', Resource: 'arn:aws:s3:::bucket-us-east-1/*' })).toBe(false);
    expect(isGuardrailStatement({ ...deny, Effect: { Ref: 'Effect' } })).toBe(false);
    expect(guardrailStatementIndexes({ Statement: [{ ...deny, Effect: 'Allow' }, deny] })).toEqual([1]);
    expect(guardrailStatementIndexes({ Statement: deny })).toEqual([0]);
  });
});
