import { CfnParameter } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { CENTRAL, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-DynamoDBReplicaRegion';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

new dynamodb.TableV2(s, 'L2UsEast', { partitionKey: pk, replicas: [{ region: 'ca-west-1' }, { region: 'us-east-1' }] });
new dynamodb.CfnGlobalTable(s, 'L1UsEast', {
  attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
  keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
  billingMode: 'PAY_PER_REQUEST',
  replicas: [{ region: 'ca-central-1' }, { region: 'us-east-1' }],
});
const hatch = new dynamodb.TableV2(s, 'HatchUsEast', { partitionKey: pk, replicas: [{ region: 'ca-west-1' }] });
(hatch.node.defaultChild as dynamodb.CfnGlobalTable).addPropertyOverride('Replicas.1.Region', 'eu-west-1');
const p = new CfnParameter(s, 'ReplicaRegion', { type: 'String' });
// The L2 refuses a token region; the L1 lets it through, and the rule must fail closed.
new dynamodb.CfnGlobalTable(s, 'ParamRegion', {
  attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
  keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
  replicas: [{ region: p.valueAsString }],
});
new dynamodb.TableV2(s, 'L2West', { partitionKey: pk, replicas: [{ region: 'ca-west-1' }] });

const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-DynamoDBReplicaRegion', () => {
  test('Noncompliance 1 (L2): a DynamoDB global table with a us-east-1 replica fails', () => {
    const [f] = byId('L2UsEast');
    expect(f.message).toMatch(/'us-east-1'/);
    expect(f.path).toMatch(/^Properties\.Replicas\[\d\]\.Region$/);
  });
  test('Noncompliance 2 (L1)', () => {
    expect(byId('L1UsEast')[0].path).toBe('Properties.Replicas[1].Region');
  });
  test('Noncompliance 3 (escape hatch): overriding a replica region is caught', () => {
    expect(byId('HatchUsEast')[0].message).toMatch(/eu-west-1/);
  });
  test('Noncompliance 4: a parameter-driven replica region fails closed', () => {
    expect(byId('ParamRegion')[0].message).toMatch(/parameter 'ReplicaRegion'/);
  });
  test('Compliance: replicas in ca-central-1 and ca-west-1 pass', () => {
    expect(byId('L2West')).toEqual([]);
  });
});
