import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CENTRAL, findingsOf, newApp, stack, US_EAST, WEST } from './support';

const RULE = 'CaResidency-S3ReplicationDestination';
const PATH = 'Properties.ReplicationConfiguration.Rules[0].Destination.Bucket';

/** One app for the whole file: each case is a source bucket; destinations live in their own stacks. */
const app = newApp();
const primary = stack(app, 'Primary', CENTRAL);
const recovery = stack(app, 'Recovery', WEST);
const virginia = stack(app, 'Virginia', US_EAST);
// Deterministic destination names, defined in the other stacks of the same app.
new s3.Bucket(recovery, 'Replica', { bucketName: `demo-replica-${WEST.account}-ca-west-1` });
new s3.CfnBucket(recovery, 'ReplicaJoined', {
  bucketName: Fn.join('-', ['demo', 'joined', Fn.ref('AWS::AccountId'), Fn.ref('AWS::Region')]),
});
new s3.Bucket(virginia, 'UsReplica', { bucketName: `demo-replica-${WEST.account}-us-east-1` });

function l2Source(id: string, destinationName: string): s3.Bucket {
  return new s3.Bucket(primary, id, {
    versioned: true,
    replicationRules: [{ destination: s3.Bucket.fromBucketName(primary, `${id}Dest`, destinationName), priority: 1 }],
  });
}

function l1Source(id: string, destinationArn: unknown): s3.CfnBucket {
  return new s3.CfnBucket(primary, id, {
    versioningConfiguration: { status: 'Enabled' },
    replicationConfiguration: {
      role: 'arn:aws:iam::111111111111:role/replication',
      rules: [{ status: 'Enabled', destination: { bucket: destinationArn as string } }],
    },
  });
}

// Noncompliance
l2Source('L2ToUsEast', `demo-replica-${WEST.account}-us-east-1`);
l1Source('L1ToUsEast', `arn:aws:s3:::demo-replica-${WEST.account}-us-east-1`);
l2Source('L2ToUnknown', 'someone-elses-bucket');
const hatch = l2Source('HatchToUsEast', `demo-replica-${WEST.account}-ca-west-1`);
(hatch.node.defaultChild as s3.CfnBucket).addPropertyOverride(
  'ReplicationConfiguration.Rules.0.Destination.Bucket',
  `arn:aws:s3:::demo-replica-${WEST.account}-us-east-1`,
);
const param = new CfnParameter(primary, 'DestBucketArn', { type: 'String' });
l1Source('L1FromParameter', param.valueAsString);
// Compliance
l2Source('L2ToWest', `demo-replica-${WEST.account}-ca-west-1`);
l1Source(
  'L1ToWestJoined',
  Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':s3:::demo-joined-', Fn.ref('AWS::AccountId'), '-ca-west-1']),
);
l1Source('L1ToDeclared', 'arn:aws:s3:::partner-archive-ca-01');
const local = new s3.Bucket(primary, 'LocalDest', { versioned: true });
new s3.Bucket(primary, 'L2ToLocal', { versioned: true, replicationRules: [{ destination: local, priority: 1 }] });

const found = findingsOf(app, RULE, { bucketsDeclaredCanadian: ['partner-archive-ca-*'] });
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-S3ReplicationDestination', () => {
  test('Noncompliance 1 (L2): a bucket replicating to a bucket of a us-east-1 stack of the same app fails', () => {
    const [f] = byId('L2ToUsEast');
    expect(f.path).toBe(PATH);
    expect(f.message).toMatch(/defined in stack Virginia in region 'us-east-1'/);
    expect(f.severity).toBe('fatal');
    expect(f.constructPath).toBe('Primary/L2ToUsEast/Resource');
  });
  test('Noncompliance 2 (L1): same with CfnBucket', () => {
    expect(byId('L1ToUsEast')[0].message).toMatch(/us-east-1/);
  });
  test('Noncompliance 3 (escape hatch): an override on a compliant L2 is caught', () => {
    expect(byId('HatchToUsEast')[0].message).toMatch(/Virginia/);
  });
  test('Noncompliance 4: a destination that cannot be located fails closed', () => {
    expect(byId('L2ToUnknown')[0].message).toMatch(/someone-elses-bucket.*not defined in any stack/);
  });
  test('Noncompliance 5: a destination from a parameter fails closed naming the parameter', () => {
    expect(byId('L1FromParameter')[0].message).toMatch(/parameter 'DestBucketArn'/);
  });
  test('Compliance: ca-west-1 bucket of the other stack (literal or Fn::Join name), declared bucket, local bucket', () => {
    for (const id of ['L2ToWest', 'L1ToWestJoined', 'L1ToDeclared', 'L2ToLocal']) expect(byId(id)).toEqual([]);
  });
  test('without the declaration the declared bucket fails', () => {
    expect(findingsOf(app, RULE).filter((f) => f.logicalId.startsWith('L1ToDeclared'))).toHaveLength(1);
  });
  test('the generic region rule does not double-report replication destinations', () => {
    const generic = findingsOf(app, 'CaResidency-ResidentRegion').filter((f) => f.path === PATH);
    expect(generic).toEqual([]);
  });
});

describe('accounts unknown at synth', () => {
  test('names built from ${AWS::AccountId} match across stacks of the same app when neither account is known', () => {
    const a = newApp();
    const p = stack(a, 'P', { region: 'ca-central-1' });
    const r = stack(a, 'R', { region: 'ca-west-1' });
    new s3.Bucket(r, 'Replica', { bucketName: Fn.sub('demo-replica-${AWS::AccountId}-ca-west-1') });
    new s3.Bucket(p, 'Src', {
      versioned: true,
      replicationRules: [
        {
          destination: s3.Bucket.fromBucketName(p, 'D', Fn.sub('demo-replica-${AWS::AccountId}-ca-west-1')),
          priority: 1,
        },
      ],
    });
    expect(findingsOf(a, RULE)).toEqual([]);
  });
});
