import { CfnResource } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kinesisfirehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CENTRAL, cmk, findingsOf, newApp, residentBucket, stack } from './support';

const RULE = 'CaResidency-EncryptedAtRest';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const key = cmk(s, 'Key');

// S3: L2 default (SSE-S3), L2 AWS managed key, L1 AES256, escape hatch removing the encryption of a compliant L2.
new s3.Bucket(s, 'BucketDefault');
new s3.Bucket(s, 'BucketManaged', { encryption: s3.BucketEncryption.KMS_MANAGED });
new s3.CfnBucket(s, 'BucketL1Aes', {
  bucketEncryption: {
    serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  },
});
const hatch = residentBucket(s, 'BucketHatch');
(hatch.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('BucketEncryption');
residentBucket(s, 'BucketGood');
new s3.CfnBucket(s, 'BucketForeignKey', {
  bucketEncryption: {
    serverSideEncryptionConfiguration: [
      {
        serverSideEncryptionByDefault: {
          sseAlgorithm: 'aws:kms',
          kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/abc',
        },
      },
    ],
  },
});
// SNS / SQS / Logs L2.
new sns.Topic(s, 'TopicPlain');
new sns.Topic(s, 'TopicGood', { masterKey: key });
new sqs.Queue(s, 'QueueDefault');
new sqs.Queue(s, 'QueueManaged', { encryption: sqs.QueueEncryption.KMS_MANAGED });
new sqs.Queue(s, 'QueueGood', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
new logs.LogGroup(s, 'LogsPlain');
new logs.LogGroup(s, 'LogsGood', { encryptionKey: key });
// DynamoDB: L2 TableV2 default (AWS owned) and with a customer-managed key; L1 Table with SSE disabled by override.
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };
new dynamodb.TableV2(s, 'GlobalDefault', { partitionKey: pk });
new dynamodb.TableV2(s, 'GlobalGood', {
  partitionKey: pk,
  encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
});
const table = new dynamodb.Table(s, 'TableHatch', {
  partitionKey: pk,
  encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
  encryptionKey: key,
});
(table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('SSESpecification.SSEEnabled', false);
// Lambda environment variables.
const code = lambda.Code.fromInline('exports.handler = async () => {};');
new lambda.Function(s, 'FnEnvPlain', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code,
  environment: { A: 'b' },
});
new lambda.Function(s, 'FnEnvGood', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code,
  environment: { A: 'b' },
  environmentEncryption: key,
});
new lambda.Function(s, 'FnNoEnv', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
// EC2: instance without declared volumes, launch template with an encrypted CMK volume.
const vpc = new ec2.Vpc(s, 'Vpc', {
  maxAzs: 1,
  natGateways: 0,
  subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
const image = ec2.MachineImage.genericLinux({ 'ca-central-1': 'ami-12345678' });
new ec2.Instance(s, 'InstanceDefault', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: image });
new ec2.LaunchTemplate(s, 'TemplateGood', {
  blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey: key }) }],
});
new ec2.LaunchTemplate(s, 'TemplatePlain', {
  blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20) }],
});
// RDS: default L2 instance is unencrypted, with a storage key it passes; Aurora instances defer to their cluster.
const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
new rds.DatabaseInstance(s, 'DbPlain', {
  engine,
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  storageEncrypted: false,
});
new rds.DatabaseInstance(s, 'DbGood', {
  engine,
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  storageEncryptionKey: key,
  credentials: rds.Credentials.fromGeneratedSecret('admin', { encryptionKey: key }),
});
// Firehose without server-side encryption (L1), and a custom type-free raw resource with a parameter key.
new kinesisfirehose.CfnDeliveryStream(s, 'FirehosePlain', { deliveryStreamType: 'DirectPut' });
new CfnResource(s, 'RawVolume', {
  type: 'AWS::EC2::Volume',
  properties: { AvailabilityZone: 'ca-central-1a', Size: 10, Encrypted: true, KmsKeyId: key.keyArn },
});

// EventBridge Scheduler: a payload under the AWS owned key fails; with a customer key, or with no payload at all, it passes.
const scheduleTarget = {
  arn: 'arn:aws:lambda:ca-central-1:111111111111:function:f',
  roleArn: 'arn:aws:iam::111111111111:role/r',
};
new scheduler.CfnSchedule(s, 'SchedulePayloadPlain', {
  scheduleExpression: 'rate(1 day)',
  flexibleTimeWindow: { mode: 'OFF' },
  target: { ...scheduleTarget, input: '{"patient":"x"}' },
});
new scheduler.CfnSchedule(s, 'SchedulePayloadGood', {
  scheduleExpression: 'rate(1 day)',
  flexibleTimeWindow: { mode: 'OFF' },
  kmsKeyArn: key.keyArn,
  target: { ...scheduleTarget, input: '{"patient":"x"}' },
});
new scheduler.CfnSchedule(s, 'ScheduleNoPayload', {
  scheduleExpression: 'rate(1 day)',
  flexibleTimeWindow: { mode: 'OFF' },
  target: scheduleTarget,
});
// CodePipeline: each artifact store needs a customer key of the store's own region (the pipeline's stack is ca-central-1).
const WEST_ALIAS = 'arn:aws:kms:ca-west-1:111111111111:alias/pipeline-artifacts';
const store = (region: string, encryptionKey?: unknown) => ({
  Region: region,
  ArtifactStore: {
    Type: 'S3',
    Location: `artifacts-${region}`,
    ...(encryptionKey === undefined ? {} : { EncryptionKey: { Type: 'KMS', Id: encryptionKey } }),
  },
});
const pipeline = (id: string, properties: Record<string, unknown>) =>
  new CfnResource(s, id, {
    type: 'AWS::CodePipeline::Pipeline',
    properties: { RoleArn: 'arn:aws:iam::111111111111:role/p', Stages: [], ...properties },
  });
pipeline('PipelineStoresGood', { ArtifactStores: [store('ca-central-1', key.keyArn), store('ca-west-1', WEST_ALIAS)] });
pipeline('PipelineStoresNoKeys', { ArtifactStores: [store('ca-central-1'), store('ca-west-1')] });
pipeline('PipelineStoresWestCentralKey', {
  ArtifactStores: [store('ca-central-1', key.keyArn), store('ca-west-1', key.keyArn)],
});
pipeline('PipelineStoresWestForeignAlias', {
  ArtifactStores: [store('ca-central-1', key.keyArn), store('ca-west-1', WEST_ALIAS.replace('ca-west-1', 'us-west-2'))],
});
pipeline('PipelineSingleGood', { ArtifactStore: store('ca-central-1', key.keyArn).ArtifactStore });
pipeline('PipelineSingleManaged', { ArtifactStore: store('ca-central-1', 'alias/aws/s3').ArtifactStore });
const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id) && !f.logicalId.startsWith(`${id}Key`));

describe('CaResidency-EncryptedAtRest', () => {
  test('CodePipeline: every artifact store needs a customer key of its own region; absent keys mean aws/s3', () => {
    expect(byId('PipelineStoresGood')).toEqual([]);
    expect(byId('PipelineSingleGood')).toEqual([]);
    expect(byId('PipelineStoresNoKeys').map((f) => f.path)).toEqual([
      'Properties.ArtifactStores[0].ArtifactStore.EncryptionKey',
      'Properties.ArtifactStores[1].ArtifactStore.EncryptionKey',
    ]);
    const westCentral = byId('PipelineStoresWestCentralKey');
    expect(westCentral.map((f) => f.path)).toEqual(['Properties.ArtifactStores[1].ArtifactStore.EncryptionKey.Id']);
    expect(westCentral[0].message).toMatch(/data in ca-west-1/);
    expect(byId('PipelineStoresWestForeignAlias')[0].message).toMatch(/us-west-2/);
    expect(byId('PipelineSingleManaged')[0].message).toMatch(/AWS managed key/);
  });

  test('EventBridge Scheduler: a target input under the AWS owned key fails; a customer key or no input passes', () => {
    expect(byId('SchedulePayloadPlain').map((f) => f.path)).toEqual(['Properties.KmsKeyArn']);
    expect(byId('SchedulePayloadGood')).toEqual([]);
    expect(byId('ScheduleNoPayload')).toEqual([]);
  });

  test('Noncompliance (L2): S3 default SSE-S3 and the AWS managed aws/s3 key fail', () => {
    expect(byId('BucketDefault')[0].path).toBe('Properties.BucketEncryption');
    expect(byId('BucketManaged')[0].message).toMatch(/aws\/s3/);
  });
  test('Noncompliance (L1): AES256 fails; a key in another region fails', () => {
    expect(byId('BucketL1Aes')[0].message).toMatch(/'AES256'/);
    expect(byId('BucketForeignKey')[0].message).toMatch(/us-east-1/);
  });
  test('Noncompliance (escape hatch): deleting BucketEncryption from a compliant L2 is caught', () => {
    expect(byId('BucketHatch').map((f) => f.path)).toEqual(['Properties.BucketEncryption']);
  });
  test('Noncompliance: SNS without a key, SQS default and AWS managed, log group without a key', () => {
    expect(byId('TopicPlain')[0].message).toMatch(/stored unencrypted/);
    expect(byId('QueueDefault')[0].message).toMatch(/SSE-SQS/);
    expect(byId('QueueManaged')[0].message).toMatch(/AWS managed key/);
    expect(byId('LogsPlain')).toHaveLength(1);
  });
  test('Noncompliance: DynamoDB default encryption (AWS owned) and an override disabling SSE', () => {
    expect(byId('GlobalDefault')).toHaveLength(1);
    expect(byId('TableHatch')[0].path).toBe('Properties.SSESpecification.SSEEnabled');
  });
  test('Noncompliance: Lambda environment variables without a customer key', () => {
    expect(byId('FnEnvPlain')[0].path).toBe('Properties.KmsKeyArn');
  });
  test('Noncompliance: EC2 volumes left to defaults or unencrypted', () => {
    expect(byId('InstanceDefault').filter((f) => f.resourceType === 'AWS::EC2::Instance')[0].path).toBe(
      'Properties.BlockDeviceMappings',
    );
    expect(byId('TemplatePlain')[0].path).toBe('Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.Encrypted');
  });
  test('Noncompliance: unencrypted RDS instance and Firehose stream', () => {
    expect(byId('DbPlain').filter((f) => f.resourceType === 'AWS::RDS::DBInstance')[0].path).toBe(
      'Properties.StorageEncrypted',
    );
    expect(byId('FirehosePlain')).toHaveLength(1);
  });
  test('Compliance: customer-managed keys everywhere pass', () => {
    for (const id of [
      'BucketGood',
      'TopicGood',
      'QueueGood',
      'LogsGood',
      'GlobalGood',
      'FnEnvGood',
      'FnNoEnv',
      'TemplateGood',
      'DbGood',
      'RawVolume',
    ]) {
      expect([id, byId(id)]).toEqual([id, []]);
    }
  });
});
