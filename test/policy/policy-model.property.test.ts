/**
 * Property tests of the policy-statement model against a real IAM evaluator, @cloud-copilot/iam-simulate (AGPL:
 * a devDependency used only here, never shipped). Statements are generated from pools of principals, actions,
 * resources and conditions; the model's verdict must agree with the simulations of a sample of requests that is
 * characteristic for those pools. Every simulation asserts that no context key was ignored.
 */
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';
import * as fc from 'fast-check';
import { deniesInsecureTransport, deniesTlsBelow, normalisePolicy, openGrants } from '../../lib/policy';
import { bucketTarget } from '../../lib/verify/tls-policy';

const OWNER = '111122223333';
const PARTNER = '444455556666';
/** An account named nowhere in the generated policies. */
const STRANGER = '999988887777';

type Principal = string | { type: 'Anonymous' };
interface Request {
  readonly principal: Principal;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string>;
}

async function simulate(policy: object, r: Request, account: string, identityAllowsAll = false): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: r.principal,
        action: r.action,
        resource: { resource: r.resource, accountId: account },
        contextVariables: r.context,
      },
      identityPolicies: identityAllowsAll
        ? [
            {
              name: 'all',
              policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
          ]
        : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: { Version: '2012-10-17', ...policy },
    },
    {},
  );
  if (result.resultType !== 'single')
    throw new Error(`simulation did not run: ${JSON.stringify(result).slice(0, 400)}`);
  expect([r.action, result.result.ignoredContextKeys]).toEqual([r.action, []]);
  return result.overallResult;
}

/** Identity keys of a signed request, supplied explicitly (the simulator does not derive them). */
function signed(arn: string, extra: Record<string, string>): Request['context'] {
  const account = arn.split(':')[4];
  return { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': account, ...extra };
}

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const oneOrTwo = <T>(arb: fc.Arbitrary<T>) =>
  fc.uniqueArray(arb, { minLength: 1, maxLength: 2, selector: (x) => JSON.stringify(x) });

describe('resource-policy TLS statements agree with iam-simulate', () => {
  const BUCKET = 'arn:aws:s3:::b';
  const ROLE = `arn:aws:iam::${OWNER}:role/app`;
  const statement = fc
    .record({
      Effect: fc.constantFrom('Deny', 'Deny', 'Deny', 'Allow'),
      principal: fc.oneof(
        fc.record({
          Principal: pick<unknown>(
            '*',
            { AWS: '*' },
            { AWS: ['*'] },
            { AWS: `arn:aws:iam::${OWNER}:root` },
            { AWS: ROLE },
            { Service: 'cloudtrail.amazonaws.com' },
          ),
        }),
        fc.record({ NotPrincipal: pick<unknown>({ AWS: ROLE }) }),
      ),
      action: fc.record({
        key: pick('Action', 'Action', 'NotAction'),
        values: oneOrTwo(
          pick('s3:*', '*', 's3:GetObject', 's3:Get*', 's3:Put*', 's3:ListBucket', 'sqs:*', 's3:*Object'),
        ),
      }),
      resource: fc.record({
        key: pick('Resource', 'Resource', 'NotResource'),
        values: oneOrTwo(pick(BUCKET, `${BUCKET}/*`, '*', `${BUCKET}*`, `${BUCKET}/uploads/*`, 'arn:aws:s3:::other/*')),
      }),
      condition: pick<Record<string, unknown> | undefined>(
        undefined,
        { Bool: { 'aws:SecureTransport': 'false' } },
        { Bool: { 'aws:SecureTransport': 'false' } },
        { BoolIfExists: { 'aws:SecureTransport': 'false' } },
        { Bool: { 'aws:SecureTransport': 'true' } },
        { Null: { 'aws:SecureTransport': 'true' } },
        { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:PrincipalAccount': OWNER } },
        { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': OWNER } },
        { NumericLessThan: { 's3:TlsVersion': '1.2' } },
        { NumericLessThan: { 's3:TlsVersion': '1.1' } },
        { NumericLessThanEquals: { 's3:TlsVersion': '1.1' } },
        { NumericLessThan: { 's3:TlsVersion': '1.3' } },
      ),
    })
    .map(({ Effect, principal, action, resource, condition }) => ({
      Effect,
      ...principal,
      [action.key]: action.values,
      [resource.key]: resource.values,
      ...(condition ? { Condition: condition } : {}),
    }));

  // Characteristic for the pools: bucket and object actions outside every partial pattern, objects inside and
  // outside the prefix, callers of the owner account, of another account and anonymous ones.
  const BUCKET_ACTIONS = ['s3:ListBucket', 's3:DeleteBucket', 's3:GetBucketPolicy', 's3:PutBucketTagging'];
  const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObjectTagging'];
  const callers: Principal[] = [ROLE, `arn:aws:iam::${STRANGER}:role/x`, anonymousPrincipal];
  function requests(extra: Record<string, string>): Request[] {
    const out: Request[] = [];
    for (const principal of callers) {
      const context = typeof principal === 'string' ? signed(principal, extra) : { ...extra };
      for (const action of BUCKET_ACTIONS) out.push({ principal, action, resource: BUCKET, context });
      for (const action of OBJECT_ACTIONS)
        for (const key of ['uploads/k.txt', 'k.txt'])
          out.push({ principal, action, resource: `${BUCKET}/${key}`, context });
    }
    return out;
  }

  async function allDenied(policy: object, extra: Record<string, string>): Promise<boolean> {
    for (const r of requests(extra)) if ((await simulate(policy, r, OWNER)) !== 'ExplicitlyDenied') return false;
    return true;
  }

  test('"denies every request without TLS" holds exactly when every sampled plain-HTTP request is explicitly denied', async () => {
    const seen = new Set<boolean>();
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 3 }), async (statements) => {
        const policy = { Statement: statements };
        const model = deniesInsecureTransport(normalisePolicy(policy), bucketTarget('b')).denied;
        seen.add(model);
        expect(await allDenied(policy, { 'aws:SecureTransport': 'false' })).toBe(model);
      }),
      { numRuns: 80, seed: 1212 },
    );
    // Both verdicts were exercised: the property is not vacuous.
    expect([...seen].sort()).toEqual([false, true]);
  });

  test('"denies TLS below 1.2" holds exactly when every sampled TLS 1.0 and 1.1 request is explicitly denied', async () => {
    const seen = new Set<boolean>();
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 3 }), async (statements) => {
        const policy = { Statement: statements };
        const model = deniesTlsBelow(normalisePolicy(policy), bucketTarget('b'), 1.2).denied;
        seen.add(model);
        const sim =
          (await allDenied(policy, { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.0' })) &&
          (await allDenied(policy, { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.1' }));
        expect(sim).toBe(model);
      }),
      { numRuns: 60, seed: 1213 },
    );
    expect([...seen].sort()).toEqual([false, true]);
  });
});

describe('key-policy grants agree with iam-simulate', () => {
  const KEY = `arn:aws:kms:ca-central-1:${OWNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const grant = fc
    .record({
      Effect: fc.constant('Allow'),
      principal: fc.oneof(
        fc.record({
          Principal: pick<unknown>(
            '*',
            { AWS: '*' },
            { AWS: `arn:aws:iam::${OWNER}:root` },
            { AWS: `arn:aws:iam::${PARTNER}:root` },
          ),
        }),
        fc.record({ NotPrincipal: pick<unknown>({ AWS: `arn:aws:iam::${OWNER}:root` }) }),
      ),
      action: fc.record({
        key: pick('Action', 'Action', 'NotAction'),
        values: oneOrTwo(
          pick(
            'kms:*',
            '*',
            'kms:Decrypt',
            'kms:Encrypt',
            'kms:GenerateDataKey*',
            'kms:Describe*',
            'kms:ScheduleKeyDeletion',
          ),
        ),
      }),
      condition: pick<Record<string, unknown> | undefined>(
        undefined,
        { Bool: { 'aws:SecureTransport': 'true' } },
        { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
        { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWNER}:role/*` } },
        { StringEquals: { 'kms:ViaService': 's3.ca-central-1.amazonaws.com' } },
        { StringEquals: { 'kms:CallerAccount': OWNER } },
        { StringEqualsIfExists: { 'kms:CallerAccount': OWNER } },
        { StringEquals: { 'aws:PrincipalOrgID': 'o-mine12345' } },
        { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
        { StringNotEquals: { 'aws:PrincipalAccount': PARTNER } },
      ),
    })
    .map(({ Effect, principal, action, condition }) => ({
      Effect,
      ...principal,
      [action.key]: action.values,
      Resource: '*',
      ...(condition ? { Condition: condition } : {}),
    }));

  /** A caller from an account the policy never names, with every key it controls set in its favour. */
  const stranger = `arn:aws:iam::${STRANGER}:role/x`;
  const context = signed(stranger, {
    'kms:CallerAccount': STRANGER,
    'aws:PrincipalOrgID': 'o-other1234',
    'kms:ViaService': 's3.ca-central-1.amazonaws.com',
    'aws:SecureTransport': 'true',
  });
  const ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion'];

  test('an open grant is reported exactly when a caller of an unnamed account is allowed some sampled action', async () => {
    const seen = new Set<boolean>();
    await fc.assert(
      fc.asyncProperty(fc.array(grant, { minLength: 1, maxLength: 3 }), async (statements) => {
        const policy = { Statement: statements };
        const model = openGrants(normalisePolicy(policy), 'kms').length > 0;
        seen.add(model);
        let allowed = false;
        for (const action of ACTIONS) {
          if (
            (await simulate(policy, { principal: stranger, action, resource: KEY, context }, OWNER, true)) === 'Allowed'
          )
            allowed = true;
        }
        expect(allowed).toBe(model);
      }),
      { numRuns: 80, seed: 1214 },
    );
    expect([...seen].sort()).toEqual([false, true]);
  });
});
