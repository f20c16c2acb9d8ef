import { App, CfnResource } from 'aws-cdk-lib';
import { classifyType, DATA_STORES } from '../../lib/policy/encryption-catalogue';
import { resolveConfig } from '../../lib/config/load';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { CanadianResidencyChecks } from '../../lib/nag';
import { cdkJsonContext } from '../support/cdk-app';
import { CENTRAL, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-Unclassified';

describe('CaResidency-Unclassified', () => {
  const app = newApp();
  const s = stack(app, 'Primary', CENTRAL);
  new CfnResource(s, 'NewStore', { type: 'AWS::Bedrock::KnowledgeBase' });
  new CfnResource(s, 'Role', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {} } });
  new CfnResource(s, 'Custom', { type: 'Custom::Thing', properties: { ServiceToken: 'arn:aws:lambda:ca-central-1:111111111111:function:f' } });

  test('Noncompliance: a type in neither list fails', () => {
    expect(findingsOf(app, RULE).map((f) => f.logicalId)).toEqual(['NewStore']);
  });
  test('Compliance: stateless types, custom resources; the statelessTypes option', () => {
    expect(findingsOf(app, RULE, { statelessTypes: ['AWS::Bedrock::KnowledgeBase'] })).toEqual([]);
  });
  test('the catalogue and the stateless list do not overlap', () => {
    for (const t of Object.keys(DATA_STORES)) expect([t, classifyType(t).kind]).toEqual([t, 'data']);
  });
});

describe('the reference app', () => {
  test('every resource type it synthesizes is classified, and it has no CaResidency finding', () => {
    const app = new App({ context: cdkJsonContext(), builtinCloudFormationValidation: false });
    buildResidencyStacks(app, resolveConfig(app.node.getAllContext()));
    const result = new CanadianResidencyChecks(undefined).evaluateScope(app);
    const types = new Set<string>();
    for (const st of app.node.findAll()) {
      const cfn = st as unknown as { cfnResourceType?: string };
      if (typeof cfn.cfnResourceType === 'string') types.add(cfn.cfnResourceType);
    }
    expect(types.size).toBeGreaterThan(5);
    for (const t of types) expect([t, classifyType(t).kind]).not.toEqual([t, 'unclassified']);
    expect(result.findings).toEqual([]);
  });
});
