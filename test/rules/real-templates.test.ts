import * as path from 'path';
import { readTemplateFile } from '../../lib/check/read-template';
import { evaluateTemplates, Finding } from '../../lib/rules';

/**
 * Public templates written by others (test/fixtures/check/real, sources and licences in SOURCES.md there), judged
 * in ca-central-1. For the residency, at-rest and classification rules each template must give exactly the findings
 * below: one more is a false positive, one fewer is a miss. Each line says why it is right.
 */
const REAL = path.join(__dirname, '..', 'fixtures', 'check', 'real');
const OWNED = new Set(['residency', 'encryption-at-rest', 'unclassified']);

const EXPECTED: Record<string, [string, string, string, string][]> = {
  '01-s3-replication-source-kms.yaml': [
    [
      'S3ReplicationDestination',
      'S3BucketSource',
      'Properties.ReplicationConfiguration.Rules[0].Destination.Bucket',
      'replica bucket named from an account parameter: cannot be located',
    ],
  ],
  '02-dynamodb-secondary-indexes.json': [
    ['EncryptedAtRest', 'TableOfBooks', 'Properties.SSESpecification.KMSMasterKeyId', 'table under an AWS owned key'],
  ],
  '03-rds-mysql-read-replica.yaml': [
    ['EncryptedAtRest', 'DBCredential', 'Properties.KmsKeyId', 'secret under the aws/secretsmanager key'],
    ['EncryptedAtRest', 'MainDB', 'Properties.KmsKeyId', 'StorageEncrypted with the aws/rds key'],
    [
      'EncryptedAtRest',
      'ReplicaDB',
      'Properties.SourceDBInstanceIdentifier',
      'the replica stores the same data with its source key (aws/rds)',
    ],
  ],
  '04-config-ebs-s3-sns.yaml': [
    [
      'EncryptedAtRest',
      'ConfigBucket',
      'Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm',
      'SSE-S3',
    ],
    ['EncryptedAtRest', 'ConfigTopic', 'Properties.KmsMasterKeyId', 'unencrypted topic'],
    ['EncryptedAtRest', 'Ec2Volume', 'Properties.Encrypted', 'unencrypted volume'],
    // Config delivers to a bucket and a topic of the same template: not findings.
  ],
  '05-efs-access-point.yaml': [
    ['EncryptedAtRest', 'EFSFileSystem', 'Properties.KmsKeyId', 'encrypted with the aws/elasticfilesystem key'],
    // Mount targets and the access point store nothing of their own.
  ],
  '06-sqs-standard-queue.yaml': [
    ['EncryptedAtRest', 'MyDeadLetterQueue', 'Properties.KmsMasterKeyId', 'SSE-SQS'],
    // Each branch of IsKmsExist is its own problem: a key from a parameter, or no key at all.
    ['EncryptedAtRest', 'SQSQueue', 'Properties.KmsMasterKeyId', 'IsKmsExist true: key from a parameter'],
    ['EncryptedAtRest', 'SQSQueue', 'Properties.KmsMasterKeyId', 'IsKmsExist false: SSE-SQS'],
    // The dead-letter queue is a queue of the template, or absent (AWS::NoValue): not a finding.
  ],
  '07-stackset-log-setup-management.json': [
    ['EncryptedAtRest', 'CentralEventBus', 'Properties.KmsKeyIdentifier', 'event bus under an AWS owned key'],
    ['EncryptedAtRest', 'DeadLetterQueue', 'Properties.KmsMasterKeyId', 'SSE-SQS'],
    [
      'ResidentRegion',
      'TargetAccountLogging',
      'Properties.StackInstancesGroup[0].Regions[0]',
      'stack instances deployed to us-east-1',
    ],
    [
      'ResidentRegion',
      'TargetAccountLogging',
      'Properties.StackInstancesGroup[0].Regions[1]',
      'stack instances deployed to us-west-2',
    ],
  ],
  '08-elasticache-redis-snapshot.json': [
    ['EncryptedAtRest', 'RedisReplicationGroup', 'Properties.AtRestEncryptionEnabled', 'Redis stored unencrypted'],
    // The snapshot function has no environment variables; its custom resource holds no data.
  ],
  '09-autoscaling-alb-https-sns.yaml': [
    [
      'EncryptedAtRest',
      'LaunchTemplate',
      'Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.Encrypted',
      'unencrypted root volume',
    ],
    [
      'EncryptedAtRest',
      'NotificationTopic',
      'Properties.KmsMasterKeyId',
      'key from a parameter cannot be proven customer-managed',
    ],
    [
      'DataDestination',
      'NotificationTopic',
      'Properties.Subscription[0].Endpoint',
      'e-mail to an address given at deploy time: leaves AWS, undeclared',
    ],
    // The listener certificate from a parameter is not a data path (certificates hold no data): not a finding.
  ],
  '10-vscode-server-cloudfront.yaml': [
    ['GlobalService', 'CloudFrontDistribution', 'Type', 'CloudFront serves from edge locations worldwide'],
    ['EncryptedAtRest', 'Server', 'Properties.BlockDeviceMappings[0].Ebs.Encrypted', 'unencrypted root volume'],
  ],
  '11-dms-aurora-to-s3.yaml': [
    ['EncryptedAtRest', 'AuroraCluster', 'Properties.KmsKeyId', 'aws/rds key'],
    ['EncryptedAtRest', 'DMSReplicationInstance', 'Properties.KmsKeyId', 'aws/dms key (was only "unclassified")'],
    [
      'EncryptedAtRest',
      'S3Bucket',
      'Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm',
      'SSE-S3',
    ],
    // The DMS target endpoint writes to the template's own bucket: not a residency finding.
  ],
  '12-firehose-delivery-stream.yaml': [
    [
      'EncryptedAtRest',
      'DeliveryStream',
      'Properties.DeliveryStreamEncryptionConfigurationInput.KeyType',
      'AWS owned stream key',
    ],
    [
      'DataDestination',
      'DeliveryStream',
      'Properties.ExtendedS3DestinationConfiguration.BucketARN',
      'existing bucket named by a parameter: cannot be located',
    ],
    [
      'EncryptedAtRest',
      'DeliveryStream',
      'Properties.ExtendedS3DestinationConfiguration.EncryptionConfiguration',
      'objects written with no key',
    ],
    ['EncryptedAtRest', 'FirehoseLogGroup', 'Properties.KmsKeyId', 'CloudWatchLogsKMSKeyCondition true: parameter'],
    ['EncryptedAtRest', 'FirehoseLogGroup', 'Properties.KmsKeyId', 'CloudWatchLogsKMSKeyCondition false: no key'],
  ],
  '13-lambda-sample.yaml': [
    ['EncryptedAtRest', 'LambdaFunction', 'Properties.KmsKeyArn', 'environment variables under aws/lambda'],
  ],
  '14-ecs-scheduled-task-alb.yaml': [
    [
      'EncryptedAtRest',
      'ContainerInstances',
      'Properties.BlockDeviceMappings',
      'launch configuration without encrypted volumes',
    ],
    // awslogs in ${AWS::Region}: container logs stay in the stack's region.
  ],
  '15-kinesis-firehose-s3.yml': [
    ['EncryptedAtRest', 'DeliveryBucket', 'Properties.BucketEncryption', 'SSE-S3 by default'],
    [
      'EncryptedAtRest',
      'DeliveryStream',
      'Properties.ExtendedS3DestinationConfiguration.EncryptionConfiguration',
      'NoEncryption and no stream key',
    ],
    ['EncryptedAtRest', 'KinesisStream', 'Properties.StreamEncryption.EncryptionType', 'unencrypted stream'],
  ],
};

const key = (f: Pick<Finding, 'ruleId' | 'logicalId' | 'path'>) =>
  `${f.ruleId.replace('CaResidency-', '')} ${f.logicalId} ${f.path}`;

describe.each(Object.entries(EXPECTED))('%s', (file, expected) => {
  const template = readTemplateFile(path.join(REAL, file));
  const findings = evaluateTemplates([
    { stackName: file.replace(/\.[^.]+$/, ''), region: 'ca-central-1', template, templateFile: file },
  ]);
  const owned = findings.filter((f) => OWNED.has(f.category));
  test('no miss and no false positive (residency, at rest, classification)', () => {
    expect(owned.map(key).sort()).toEqual(expected.map(([rule, id, p]) => `${rule} ${id} ${p}`).sort());
  });
  test('residency findings are fatal', () => {
    for (const f of owned.filter((x) => x.category === 'residency')) expect(f.severity).toBe('fatal');
  });
});
