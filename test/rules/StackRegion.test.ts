import { CfnResource } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { evaluateTemplates } from '../../lib/rules';
import { CENTRAL, findingsOf, newApp, stack, tut, US_EAST, WEST } from './support';

const RULE = 'CaResidency-StackRegion';

describe('CaResidency-StackRegion', () => {
  const app = newApp();
  new sns.Topic(stack(app, 'Central', CENTRAL), 'T');
  new sns.Topic(stack(app, 'West', WEST), 'T');
  new sns.Topic(stack(app, 'Virginia', US_EAST), 'T');
  new sns.Topic(stack(app, 'Agnostic', null), 'T');
  new CfnResource(stack(app, 'AccountOnly', { account: '111111111111' }), 'Q', { type: 'AWS::SQS::Queue' });
  const found = findingsOf(app, RULE);

  test('Noncompliance 1: a us-east-1 stack fails, naming the region', () => {
    const f = found.find((x) => x.stackName === 'Virginia');
    expect(f?.severity).toBe('fatal');
    expect(f?.message).toMatch(/'us-east-1'/);
    expect(f?.constructPath).toBe('Virginia');
  });

  test('Noncompliance 2: an env-agnostic stack fails', () => {
    expect(found.find((x) => x.stackName === 'Agnostic')?.message).toMatch(/environment-agnostic/);
    expect(found.find((x) => x.stackName === 'AccountOnly')?.message).toMatch(/environment-agnostic/);
  });

  test('Compliance: ca-central-1 and ca-west-1 stacks pass', () => {
    expect(found.map((f) => f.stackName).sort()).toEqual(['AccountOnly', 'Agnostic', 'Virginia']);
  });

  test('Noncompliance 3: narrowing allowedRegions to ca-central-1 makes a ca-west-1 stack fail', () => {
    const narrowed = findingsOf(app, RULE, { allowedRegions: ['ca-central-1'] });
    expect(narrowed.map((f) => f.stackName)).toContain('West');
  });

  test('engine: a template with an undefined region fails', () => {
    const f = evaluateTemplates([tut('X', undefined, {})]);
    expect(f.map((x) => x.ruleId)).toEqual([RULE]);
  });
});
