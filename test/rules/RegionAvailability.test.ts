import { CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CENTRAL, findingsOf, newApp, stack, WEST } from './support';

const RULE = 'CaResidency-RegionAvailability';
const app = newApp();
const central = stack(app, 'Central', CENTRAL);
const west = stack(app, 'West', WEST);
const source = codebuild.Source.gitHub({ owner: 'o', repo: 'r' });

new codebuild.Project(west, 'L2Build', { source });
new codebuild.Project(central, 'L2BuildCentral', { source });
new backup.CfnRestoreTestingPlan(west, 'L1RestoreTest', {
  restoreTestingPlanName: 'p',
  scheduleExpression: 'cron(0 5 ? * * *)',
  recoveryPointSelection: { algorithm: 'LATEST_WITHIN_WINDOW', includeVaults: ['*'], recoveryPointTypes: ['SNAPSHOT'] },
});
new CfnResource(west, 'RawHealthLake', {
  type: 'AWS::HealthLake::FHIRDatastore',
  properties: { DatastoreTypeVersion: 'R4' },
});
new CfnResource(central, 'Unknown', { type: 'AWS::Nope::Thing' });
new CfnResource(central, 'ThirdParty', { type: 'Acme::Db::Cluster' });
new CfnResource(central, 'Custom', {
  type: 'Custom::Thing',
  properties: { ServiceToken: 'arn:aws:lambda:ca-central-1:111111111111:function:f' },
});
// Escape hatch: a queue overridden into a type ca-west-1 lacks (DMS endpoint).
const q = new sqs.Queue(west, 'HatchQueue');
(q.node.defaultChild as sqs.CfnQueue).addOverride('Type', 'AWS::DMS::Endpoint');
new sqs.Queue(west, 'GoodQueue');

const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-RegionAvailability', () => {
  test('Noncompliance 1 (L2): a CodeBuild project in ca-west-1 fails', () => {
    const [f] = byId('L2Build').filter((x) => x.resourceType === 'AWS::CodeBuild::Project');
    expect(f.message).toMatch(/not available in ca-west-1/);
    expect(f.severity).toBe('error');
    expect(f.category).toBe('region-availability');
  });
  test('Noncompliance 2 (L1): restore testing plan and HealthLake in ca-west-1 fail', () => {
    expect(byId('L1RestoreTest')).toHaveLength(1);
    expect(byId('RawHealthLake')).toHaveLength(1);
  });
  test('Noncompliance 3 (escape hatch): an overridden Type is judged as deployed', () => {
    expect(byId('HatchQueue')[0].resourceType).toBe('AWS::DMS::Endpoint');
  });
  test('Noncompliance 4: unknown and third-party types fail closed', () => {
    expect(byId('Unknown')[0].message).toMatch(/not a CloudFormation type known/);
    expect(byId('ThirdParty')).toHaveLength(1);
  });
  test('Compliance: the same types in ca-central-1, custom resources, SQS in ca-west-1', () => {
    for (const id of ['L2BuildCentral', 'Custom', 'GoodQueue']) expect(byId(id)).toEqual([]);
  });
  test('availabilityOverrides: restore testing launched in ca-west-1 after the data was taken', () => {
    const f = findingsOf(app, RULE, {
      availabilityOverrides: { 'ca-west-1': { 'AWS::Backup::RestoreTestingPlan': true } },
    });
    expect(f.filter((x) => x.logicalId.startsWith('L1RestoreTest'))).toEqual([]);
    const off = findingsOf(app, RULE, { availabilityOverrides: { 'ca-west-1': { 'AWS::SQS::Queue': false } } });
    expect(off.filter((x) => x.logicalId.startsWith('GoodQueue'))).toHaveLength(1);
  });
});
