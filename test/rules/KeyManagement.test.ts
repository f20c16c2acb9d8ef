import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { evaluateTemplates } from '../../lib/rules';
import { CENTRAL, findingsOf, newApp, stack, tut } from './support';

const RULE = 'CaResidency-KeyManagement';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);

new kms.Key(s, 'NoRotation');
new kms.Key(s, 'Good', { enableKeyRotation: true });
new kms.Key(s, 'Asymmetric', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
const hatch = new kms.Key(s, 'Hatch', { enableKeyRotation: true });
(hatch.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
const open = new kms.Key(s, 'OpenPolicy', { enableKeyRotation: true });
open.addToResourcePolicy(
  new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:*'], resources: ['*'] }),
);
const conditioned = new kms.Key(s, 'ConditionedPolicy', { enableKeyRotation: true });
conditioned.addToResourcePolicy(
  new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:*'],
    resources: ['*'],
    conditions: { StringEquals: { 'kms:CallerAccount': '111111111111' } },
  }),
);
new kms.CfnKey(s, 'L1ShortWindow', { enableKeyRotation: true, pendingWindowInDays: 7 });

// Conditions that do not limit who: aws:SecureTransport (L2), a principal ARN pattern matching every role of every
// account (L1), an Allow to '*' added by escape hatch, NotPrincipal (everyone but one account).
const transportOnly = new kms.Key(s, 'TransportOnly', { enableKeyRotation: true });
transportOnly.addToResourcePolicy(
  new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: { Bool: { 'aws:SecureTransport': 'true' } },
  }),
);
const keyPolicy = (...extra: object[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    },
    ...extra,
  ],
});
new kms.CfnKey(s, 'L1AnyRole', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Allow',
    Principal: '*',
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
    Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
  }),
});
const hatched = new kms.Key(s, 'HatchOpen', { enableKeyRotation: true });
(hatched.node.defaultChild as kms.CfnKey).addPropertyOverride('KeyPolicy.Statement.1', {
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 'kms:Decrypt',
  Resource: '*',
});
new kms.CfnKey(s, 'L1NotPrincipal', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Allow',
    NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' },
    Action: 'kms:Encrypt',
    Resource: '*',
  }),
});
new kms.CfnKey(s, 'L1FromParameter', { enableKeyRotation: true, keyPolicy: { Ref: 'KeyPolicyDocument' } });
// A policy chosen by a condition left to deploy time: each branch is the policy deployed when it is chosen.
new CfnCondition(s, 'Open', {
  expression: Fn.conditionEquals(new CfnParameter(s, 'Stage', { type: 'String', default: 'prod' }).valueAsString, 'x'),
});
const openToAll = { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
new kms.CfnKey(s, 'L1EitherPolicy', {
  enableKeyRotation: true,
  keyPolicy: { 'Fn::If': ['Open', keyPolicy(), keyPolicy()] },
});
new kms.CfnKey(s, 'L1OpenWhenCondition', {
  enableKeyRotation: true,
  keyPolicy: { 'Fn::If': ['Open', keyPolicy(openToAll), keyPolicy()] },
});
// Clean look-alikes: '*' bounded by the organisation, by principal ARNs of one account, by the caller account.
new kms.CfnKey(s, 'L1OrgBound', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Allow',
    Principal: '*',
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
  }),
});
new kms.CfnKey(s, 'L1AccountRoles', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Allow',
    Principal: '*',
    Action: 'kms:Decrypt',
    Resource: '*',
    Condition: { ArnLike: { 'aws:PrincipalArn': { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/app-*' } } },
  }),
});
new kms.CfnKey(s, 'L1ViaServiceInAccount', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['kms:Decrypt', 'kms:Encrypt'],
    Resource: '*',
    Condition: {
      StringEquals: { 'kms:ViaService': 's3.ca-central-1.amazonaws.com', 'kms:CallerAccount': '111111111111' },
    },
  }),
});
new kms.CfnKey(s, 'L1DenyEveryone', {
  enableKeyRotation: true,
  keyPolicy: keyPolicy({
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:*',
    Resource: '*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }),
});

const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-KeyManagement', () => {
  test('Noncompliance (L2): a key without rotation', () => {
    expect(byId('NoRotation')[0].path).toBe('Properties.EnableKeyRotation');
  });
  test('Noncompliance (escape hatch): rotation turned off by override', () => {
    expect(byId('Hatch')[0].message).toMatch(/"false"/);
  });
  test('Noncompliance: kms:* to any principal without a condition', () => {
    expect(byId('OpenPolicy')[0].path).toMatch(/^Properties\.KeyPolicy\.Statement\[\d+\]$/);
  });
  test('Noncompliance: grants to any account that a condition does not bound (L2, L1, escape hatch)', () => {
    expect(byId('TransportOnly').map((f) => f.message)).toEqual([
      expect.stringMatching(/kms:Decrypt.*no condition limits who/),
    ]);
    expect(byId('L1AnyRole').map((f) => f.path)).toEqual(['Properties.KeyPolicy.Statement[1]']);
    expect(byId('HatchOpen').map((f) => f.path)).toEqual(['Properties.KeyPolicy.Statement[1]']);
    expect(byId('L1NotPrincipal').map((f) => f.message)).toEqual([expect.stringMatching(/kms:Encrypt/)]);
    expect(byId('L1FromParameter').map((f) => f.path)).toEqual(['Properties.KeyPolicy']);
    expect(
      byId('L1OpenWhenCondition').map((f) => [f.path, f.message.endsWith('(when condition Open is true)')]),
    ).toEqual([['Properties.KeyPolicy.Statement[1]', true]]);
  });
  test('Compliance: grants to * bounded by organisation, account role ARNs, caller account; deny statements', () => {
    for (const id of ['L1OrgBound', 'L1AccountRoles', 'L1ViaServiceInAccount', 'L1DenyEveryone', 'L1EitherPolicy'])
      expect([id, byId(id)]).toEqual([id, []]);
  });
  test('Compliance: rotating key, asymmetric key (no rotation possible), conditioned grant, 7-day window (L1)', () => {
    for (const id of ['Good', 'Asymmetric', 'ConditionedPolicy', 'L1ShortWindow'])
      expect([id, byId(id)]).toEqual([id, []]);
  });
});

describe('key policies judged once per stack and distinct document', () => {
  // Raw templates: the same document on several keys, and a look-alike differing only in its condition.
  const openStatement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' };
  const bounded = { ...openStatement, Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } } };
  const key = (statement: object) => ({
    Type: 'AWS::KMS::Key',
    Properties: { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: [statement] } },
  });

  test('every key carrying an open document is reported, each under its own id; the bounded look-alike is not', () => {
    const findings = evaluateTemplates([
      tut('Keys', 'ca-central-1', {
        OpenOne: key(openStatement),
        Bounded: key(bounded),
        OpenTwo: key(openStatement),
        OpenThree: key(openStatement),
      }),
    ]).filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => f.logicalId).sort()).toEqual(['OpenOne', 'OpenThree', 'OpenTwo']);
    for (const f of findings)
      expect(f.message).toMatch(new RegExp(`^AWS::KMS::Key ${f.logicalId}: key policy statement 0`));
  });

  test('the same document in two stacks is judged in each stack', () => {
    const findings = evaluateTemplates([
      tut('First', 'ca-central-1', { Open: key(openStatement) }),
      tut('Second', 'ca-west-1', { Open: key(openStatement), Bounded: key(bounded) }),
    ]).filter((f) => f.ruleId === RULE);
    expect(findings.map((f) => `${f.stackName}/${f.logicalId}`).sort()).toEqual(['First/Open', 'Second/Open']);
  });
});
