import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CENTRAL, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-KeyManagement';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);

new kms.Key(s, 'NoRotation');
new kms.Key(s, 'Good', { enableKeyRotation: true });
new kms.Key(s, 'Asymmetric', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
const hatch = new kms.Key(s, 'Hatch', { enableKeyRotation: true });
(hatch.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
const open = new kms.Key(s, 'OpenPolicy', { enableKeyRotation: true });
open.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:*'], resources: ['*'] }));
const conditioned = new kms.Key(s, 'ConditionedPolicy', { enableKeyRotation: true });
conditioned.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:*'], resources: ['*'], conditions: { StringEquals: { 'kms:CallerAccount': '111111111111' } } }));
new kms.CfnKey(s, 'L1ShortWindow', { enableKeyRotation: true, pendingWindowInDays: 7 });

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
  test('Compliance: rotating key, asymmetric key (no rotation possible), conditioned grant, 7-day window (L1)', () => {
    for (const id of ['Good', 'Asymmetric', 'ConditionedPolicy', 'L1ShortWindow']) expect([id, byId(id)]).toEqual([id, []]);
  });
});
