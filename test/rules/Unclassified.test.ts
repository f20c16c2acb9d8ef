import { CfnResource } from 'aws-cdk-lib';
import { classifyType, DATA_STORES, isListedStateless } from '../../lib/policy/encryption-catalogue';
import { readCloudAssembly } from '../../lib/check/read-assembly';
import { runCheck } from '../../lib/check/run-check';
import { referenceAssemblyDir } from '../support/reference-assembly';
import { CENTRAL, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-Unclassified';

describe('CaResidency-Unclassified', () => {
  const app = newApp();
  const s = stack(app, 'Primary', CENTRAL);
  // A type no list knows (a service launched after the catalogue was written); real types all get classified.
  new CfnResource(s, 'NewStore', { type: 'AWS::FutureService::DataStore' });
  new CfnResource(s, 'Role', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {} } });
  new CfnResource(s, 'Custom', {
    type: 'Custom::Thing',
    properties: { ServiceToken: 'arn:aws:lambda:ca-central-1:111111111111:function:f' },
  });

  test('Noncompliance: a type in neither list fails', () => {
    expect(findingsOf(app, RULE).map((f) => f.logicalId)).toEqual(['NewStore']);
  });
  test('Compliance: stateless types, custom resources; the statelessTypes option', () => {
    expect(findingsOf(app, RULE, { statelessTypes: ['AWS::FutureService::DataStore'] })).toEqual([]);
  });
  test('the catalogue and the stateless list do not overlap: a data store is never also listed as holding no data', () => {
    const overlap = Object.keys(DATA_STORES).filter((t) => isListedStateless(t));
    expect(overlap).toEqual([]);
    // The check can fail: a listed stateless type is seen as such.
    expect(isListedStateless('AWS::EC2::VPC')).toBe(true);
  });
});

describe('the reference app', () => {
  test('every resource type it synthesizes is classified, and the CLI finds nothing in its assembly', () => {
    const templates = readCloudAssembly(referenceAssemblyDir());
    const types = new Set(templates.flatMap((t) => Object.values(t.template.Resources ?? {}).map((r) => r.Type)));
    expect(types.size).toBeGreaterThan(5);
    for (const t of types) expect([t, classifyType(t).kind]).not.toEqual([t, 'unclassified']);
    expect(runCheck(templates).findings).toEqual([]);
  });
});
