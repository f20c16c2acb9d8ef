import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CENTRAL, cmk, findingsOf, newApp, residentBucket, stack } from './support';

const RULE = 'CaResidency-EncryptedInTransit';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const key = cmk(s, 'Key');

// S3: no TLS policy (L2 default), TLS but no minimum version, both (compliant), and an escape hatch emptying the policy.
new s3.Bucket(s, 'BucketNoTls', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
new s3.Bucket(s, 'BucketTls10', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
residentBucket(s, 'BucketGood');
const hatch = residentBucket(s, 'BucketHatch');
(hatch.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride('PolicyDocument.Statement', []);
// L1: a bucket policy written separately, naming the bucket by its literal name.
new s3.CfnBucket(s, 'BucketL1', {
  bucketName: 'demo-l1-bucket',
  bucketEncryption: {
    serverSideEncryptionConfiguration: [
      { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.keyArn } },
    ],
  },
});
new s3.CfnBucketPolicy(s, 'BucketL1Policy', {
  bucket: 'demo-l1-bucket',
  policyDocument: {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::demo-l1-bucket', 'arn:aws:s3:::demo-l1-bucket/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::demo-l1-bucket', 'arn:aws:s3:::demo-l1-bucket/*'],
        Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      },
    ],
  },
});
// L1 look-alike: the same statements on the objects only; bucket-level requests (ListBucket...) still accept HTTP.
new s3.CfnBucket(s, 'ObjectsOnlyL1', { bucketName: 'demo-l1-objects-only' });
new s3.CfnBucketPolicy(s, 'ObjectsOnlyL1Policy', {
  bucket: 'demo-l1-objects-only',
  policyDocument: {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::demo-l1-objects-only/*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  },
});
// Escape hatch look-alike: the enforceSSL statement narrowed to one action by an override.
const narrowed = residentBucket(s, 'BucketNarrowed');
(narrowed.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride(
  'PolicyDocument.Statement.0.Action',
  's3:GetObject',
);
new sns.Topic(s, 'TopicNoTls', { masterKey: key });
// Escape hatch: the enforceSSL statement's condition flipped to aws:SecureTransport true (denies only TLS requests).
const flipped = new sns.Topic(s, 'TopicFlipped', { masterKey: key, enforceSSL: true });
(flipped.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy).addPropertyOverride(
  'PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport',
  'true',
);
// L1: a queue policy denying plain HTTP to one role only.
const l1Queue = new sqs.CfnQueue(s, 'QueueL1OneRole', { kmsMasterKeyId: key.keyArn });
new sqs.CfnQueuePolicy(s, 'QueueL1OneRolePolicy', {
  queues: [l1Queue.ref],
  policyDocument: {
    Statement: [
      {
        Effect: 'Deny',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/app' },
        Action: 'sqs:*',
        Resource: l1Queue.attrArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  },
});
new sns.Topic(s, 'TopicTls', { masterKey: key, enforceSSL: true });
new sqs.Queue(s, 'QueueNoTls', { encryptionMasterKey: key });
new sqs.Queue(s, 'QueueTls', { encryptionMasterKey: key, enforceSSL: true });

const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0 });
const alb = new elbv2.ApplicationLoadBalancer(s, 'Alb', { vpc });
alb.addListener('HttpPlain', {
  port: 8080,
  protocol: elbv2.ApplicationProtocol.HTTP,
  defaultAction: elbv2.ListenerAction.fixedResponse(200),
});
alb.addRedirect({ sourcePort: 80, targetPort: 443 });
alb.addListener('HttpsOld', {
  port: 8443,
  protocol: elbv2.ApplicationProtocol.HTTPS,
  certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:ca-central-1:111111111111:certificate/x')],
  sslPolicy: elbv2.SslPolicy.TLS11,
  defaultAction: elbv2.ListenerAction.fixedResponse(200),
});
const hatchedListener = alb.addListener('HttpsHatch', {
  port: 10443,
  protocol: elbv2.ApplicationProtocol.HTTPS,
  certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:ca-central-1:111111111111:certificate/x')],
  sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
  defaultAction: elbv2.ListenerAction.fixedResponse(200),
});
(hatchedListener.node.defaultChild as elbv2.CfnListener).addPropertyOverride(
  'SslPolicy',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
);
alb.addListener('HttpsNoPolicy', {
  port: 9443,
  protocol: elbv2.ApplicationProtocol.HTTPS,
  certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:ca-central-1:111111111111:certificate/x')],
  defaultAction: elbv2.ListenerAction.fixedResponse(200),
});

new elasticache.CfnReplicationGroup(s, 'CacheNoTls', {
  replicationGroupDescription: 'd',
  engine: 'redis',
  cacheNodeType: 'cache.t3.micro',
  atRestEncryptionEnabled: true,
  kmsKeyId: key.keyId,
});
new elasticache.CfnReplicationGroup(s, 'CacheTls', {
  replicationGroupDescription: 'd',
  engine: 'redis',
  cacheNodeType: 'cache.t3.micro',
  transitEncryptionEnabled: true,
  transitEncryptionMode: 'required',
});
new opensearch.Domain(s, 'SearchDefault', {
  version: opensearch.EngineVersion.OPENSEARCH_2_11,
  capacity: { dataNodes: 1, multiAzWithStandbyEnabled: false },
});
new opensearch.Domain(s, 'SearchGood', {
  version: opensearch.EngineVersion.OPENSEARCH_2_11,
  capacity: { dataNodes: 1, multiAzWithStandbyEnabled: false },
  enforceHttps: true,
  nodeToNodeEncryption: true,
  tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
  encryptionAtRest: { enabled: true, kmsKey: key },
});
const searchHatch = new opensearch.Domain(s, 'SearchHatch', {
  version: opensearch.EngineVersion.OPENSEARCH_2_11,
  capacity: { dataNodes: 1, multiAzWithStandbyEnabled: false },
  enforceHttps: true,
  nodeToNodeEncryption: true,
  encryptionAtRest: { enabled: true, kmsKey: key },
});
(searchHatch.node.defaultChild as opensearch.CfnDomain).addPropertyOverride(
  'DomainEndpointOptions.TLSSecurityPolicy',
  'Policy-Min-TLS-1-0-2019-07',
);
new msk.CfnCluster(s, 'KafkaPlain', {
  clusterName: 'k',
  kafkaVersion: '3.6.0',
  numberOfBrokerNodes: 2,
  brokerNodeGroupInfo: { instanceType: 'kafka.t3.small', clientSubnets: ['subnet-1', 'subnet-2'] },
  encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true } },
});

// Databases: MySQL with the default parameter group, MySQL forcing TLS, PostgreSQL 16 (forces TLS by default),
// and an override pointing a compliant instance at a parameter group that does not force TLS.
const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
const dbVpc = new ec2.Vpc(s, 'DbVpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
const mysql = rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 });
new rds.DatabaseInstance(s, 'MysqlDefault', { engine: mysql, vpc: dbVpc, vpcSubnets: isolated });
const tlsGroup = new rds.ParameterGroup(s, 'TlsGroup', {
  engine: mysql,
  parameters: { require_secure_transport: 'ON' },
});
new rds.DatabaseInstance(s, 'MysqlTls', { engine: mysql, vpc: dbVpc, vpcSubnets: isolated, parameterGroup: tlsGroup });
new rds.DatabaseInstance(s, 'Postgres16', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc: dbVpc,
  vpcSubnets: isolated,
});
const lax = new rds.CfnDBParameterGroup(s, 'LaxGroup', {
  family: 'mysql8.0',
  description: 'd',
  parameters: { require_secure_transport: 'OFF' },
});
const dbHatch = new rds.DatabaseInstance(s, 'MysqlHatch', {
  engine: mysql,
  vpc: dbVpc,
  vpcSubnets: isolated,
  parameterGroup: tlsGroup,
});
(dbHatch.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DBParameterGroupName', { Ref: lax.logicalId });
// CloudFront viewer protocol (relevant when a distribution is exempted from residency).
new cloudfront.CfnDistribution(s, 'CdnHttp', {
  distributionConfig: {
    enabled: true,
    origins: [
      {
        id: 'o',
        domainName: 'example.ca',
        customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
      },
    ],
    defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'allow-all' },
  },
});

// Neptune: the default group enforces TLS; a group of this stack turning it off fails, an unseen group fails closed.
const neptuneLax = new neptune.CfnDBClusterParameterGroup(s, 'NeptuneLaxGroup', {
  family: 'neptune1.3',
  description: 'd',
  parameters: { neptune_enforce_ssl: 0 },
});
const neptuneTls = new neptune.CfnDBClusterParameterGroup(s, 'NeptuneTlsGroup', {
  family: 'neptune1.3',
  description: 'd',
  parameters: { neptune_enforce_ssl: 1 },
});
new neptune.CfnDBCluster(s, 'NeptuneDefault', { storageEncrypted: true, kmsKeyId: key.keyArn });
new neptune.CfnDBCluster(s, 'NeptuneLax', {
  storageEncrypted: true,
  kmsKeyId: key.keyArn,
  dbClusterParameterGroupName: neptuneLax.ref,
});
new neptune.CfnDBCluster(s, 'NeptuneTls', {
  storageEncrypted: true,
  kmsKeyId: key.keyArn,
  dbClusterParameterGroupName: neptuneTls.ref,
});
new neptune.CfnDBCluster(s, 'NeptuneUnseen', {
  storageEncrypted: true,
  kmsKeyId: key.keyArn,
  dbClusterParameterGroupName: 'shared-group',
});

const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id) && !f.logicalId.startsWith(`${id}Key`));

describe('CaResidency-EncryptedInTransit', () => {
  test('Noncompliance (L2): a bucket without enforceSSL, and one allowing TLS below 1.2', () => {
    expect(byId('BucketNoTls')[0].message).toMatch(/aws:SecureTransport false/);
    expect(byId('BucketTls10')[0].message).toMatch(/below 1\.2/);
  });
  test('Noncompliance (escape hatch): emptying the bucket policy of a compliant L2 is caught', () => {
    expect(byId('BucketHatch').filter((f) => f.resourceType === 'AWS::S3::Bucket')).toHaveLength(1);
  });
  test('Noncompliance (L1 and escape hatch look-alikes): objects-only statement, statement narrowed to one action', () => {
    expect(byId('ObjectsOnlyL1').map((f) => f.message)).toEqual([
      expect.stringMatching(/on arn:aws:s3:::demo-l1-objects-only is not denied/),
    ]);
    expect(
      byId('BucketNarrowed')
        .filter((f) => f.resourceType === 'AWS::S3::Bucket')
        .map((f) => f.message),
    ).toEqual([expect.stringMatching(/aws:SecureTransport false/)]);
  });
  test('Noncompliance: SNS and SQS without a TLS-only policy (L2), a flipped condition (escape hatch), one role only (L1)', () => {
    expect(byId('TopicNoTls').filter((f) => f.resourceType === 'AWS::SNS::Topic')).toHaveLength(1);
    expect(byId('QueueNoTls').filter((f) => f.resourceType === 'AWS::SQS::Queue')).toHaveLength(1);
    expect(
      byId('TopicFlipped')
        .filter((f) => f.resourceType === 'AWS::SNS::Topic')
        .map((f) => f.message),
    ).toEqual([expect.stringMatching(/sns:Publish/)]);
    expect(byId('QueueL1OneRole').filter((f) => f.resourceType === 'AWS::SQS::Queue')).toHaveLength(1);
  });
  test('Noncompliance: plain HTTP listener, HTTPS with a policy allowing TLS 1.0/1.1 or no policy', () => {
    const paths = found
      .filter((f) => f.resourceType === 'AWS::ElasticLoadBalancingV2::Listener')
      .map((f) => `${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.path}`)
      .sort();
    expect(paths).toEqual([
      'AlbHttpPlain Properties.Protocol',
      'AlbHttpsHatch Properties.SslPolicy',
      'AlbHttpsNoPolicy Properties.SslPolicy',
      'AlbHttpsOld Properties.SslPolicy',
    ]);
    expect(found.find((f) => f.logicalId.startsWith('AlbHttpsHatch'))!.message).toMatch(
      /TLS13-1-0-2021-06" accepts TLS 1\.0/,
    );
  });
  test('Noncompliance: cache without transit encryption, search domain defaults, Kafka accepting plaintext', () => {
    expect(byId('CacheNoTls')[0].path).toBe('Properties.TransitEncryptionEnabled');
    expect(
      byId('SearchDefault')
        .map((f) => f.path)
        .sort(),
    ).toEqual(['Properties.DomainEndpointOptions.EnforceHTTPS', 'Properties.NodeToNodeEncryptionOptions.Enabled']);
    expect(byId('SearchHatch').map((f) => f.path)).toEqual(['Properties.DomainEndpointOptions.TLSSecurityPolicy']);
    expect(byId('KafkaPlain')[0].message).toMatch(/TLS_PLAINTEXT/);
  });
  test('Noncompliance: MySQL without require_secure_transport (L2 default, and an override to a lax group)', () => {
    expect(byId('MysqlDefault').filter((f) => f.resourceType === 'AWS::RDS::DBInstance')[0].path).toBe(
      'Properties.DBParameterGroupName',
    );
    expect(byId('MysqlHatch').filter((f) => f.resourceType === 'AWS::RDS::DBInstance')[0].message).toMatch(/"OFF"/);
  });
  test('Noncompliance: a CloudFront distribution allowing HTTP and old TLS', () => {
    expect(
      byId('CdnHttp')
        .map((f) => f.path)
        .sort(),
    ).toEqual([
      'Properties.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy',
      'Properties.DistributionConfig.ViewerCertificate.MinimumProtocolVersion',
    ]);
  });
  test('Neptune: a group turning neptune_enforce_ssl off fails, an unseen group fails closed; default and TLS group pass', () => {
    expect(byId('NeptuneLax').map((f) => f.message)).toEqual([expect.stringMatching(/neptune_enforce_ssl to "0"/)]);
    expect(byId('NeptuneUnseen').map((f) => f.message)).toEqual([
      expect.stringMatching(/not a resource of this stack/),
    ]);
    expect(byId('NeptuneDefault')).toEqual([]);
    expect(byId('NeptuneTls').filter((f) => f.resourceType === 'AWS::Neptune::DBCluster')).toEqual([]);
  });
  test('Compliance: MySQL with a TLS parameter group, PostgreSQL 16 defaults', () => {
    expect(byId('MysqlTls').filter((f) => f.resourceType === 'AWS::RDS::DBInstance')).toEqual([]);
    expect(byId('Postgres16').filter((f) => f.resourceType === 'AWS::RDS::DBInstance')).toEqual([]);
  });
  test('Compliance: TLS-only policies (L2 and a separate L1 policy by bucket name), redirect listener, TLS settings', () => {
    for (const id of ['BucketGood', 'BucketL1', 'TopicTls', 'QueueTls', 'CacheTls', 'SearchGood'])
      expect([id, byId(id)]).toEqual([id, []]);
    expect(found.filter((f) => f.logicalId.startsWith('AlbRedirect'))).toEqual([]);
  });
});
