import { evaluateTemplates, Finding } from '../../lib/rules';
import { tut } from './support';

/**
 * Data, AI and contact-centre services that used to be stopped only as unclassified (issue 13), judged through the
 * at-rest and data-path catalogues: for each, a bad case and a clean look-alike, with every rule run.
 */
const KEY = { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } };
const BUCKET = {
  Type: 'AWS::S3::Bucket',
  Properties: {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        },
      ],
    },
  },
};
const KEY_ARN = { 'Fn::GetAtt': ['Key', 'Arn'] };

/** Every finding (all rules) on the resource `Subject` of type `type`. */
function judge(type: string, properties: Record<string, unknown>): Finding[] {
  const template = tut('Primary', 'ca-central-1', {
    Key: KEY,
    LocalBucket: BUCKET,
    Subject: { Type: type, Properties: properties },
  });
  return evaluateTemplates([template]).filter((f) => f.logicalId === 'Subject');
}
const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}`).sort();

describe('Bedrock knowledge bases', () => {
  const vector = (model: unknown, collection: unknown) => ({
    Name: 'kb',
    RoleArn: 'arn:aws:iam::111111111111:role/kb',
    KnowledgeBaseConfiguration: {
      Type: 'VECTOR',
      VectorKnowledgeBaseConfiguration: { EmbeddingModelArn: model },
    },
    StorageConfiguration: {
      Type: 'OPENSEARCH_SERVERLESS',
      OpensearchServerlessConfiguration: {
        CollectionArn: collection,
        VectorIndexName: 'i',
        FieldMapping: { VectorField: 'v', TextField: 't', MetadataField: 'm' },
      },
    },
  });
  test('Noncompliance: embeddings by a US cross-Region profile into a collection of us-east-1', () => {
    const f = judge(
      'AWS::Bedrock::KnowledgeBase',
      vector('us.amazon.titan-embed-text-v2:0', 'arn:aws:aoss:us-east-1:111111111111:collection/abc'),
    );
    expect(summary(f)).toEqual([
      'CaResidency-DataDestination Properties.KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn',
      'CaResidency-DataDestination Properties.StorageConfiguration.OpensearchServerlessConfiguration.CollectionArn',
    ]);
    expect(f[0].message).toMatch(/cross-Region profile 'us\.amazon/);
  });
  test('Compliance: a model and a collection of this region; a vector knowledge base stores nothing itself', () => {
    const f = judge(
      'AWS::Bedrock::KnowledgeBase',
      vector(
        'arn:aws:bedrock:ca-central-1::foundation-model/amazon.titan-embed-text-v2:0',
        'arn:aws:aoss:ca-central-1:111111111111:collection/abc',
      ),
    );
    expect(f).toEqual([]);
  });
  test('Noncompliance: a MANAGED knowledge base without a customer-managed key; Compliance: with one', () => {
    const managed = (sse: unknown) => ({
      Name: 'kb',
      RoleArn: 'arn:aws:iam::111111111111:role/kb',
      KnowledgeBaseConfiguration: { Type: 'MANAGED', ManagedKnowledgeBaseConfiguration: sse },
    });
    expect(summary(judge('AWS::Bedrock::KnowledgeBase', managed({})))).toEqual([
      'CaResidency-EncryptedAtRest Properties.KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.ServerSideEncryptionConfiguration.KmsKeyArn',
    ]);
    expect(
      judge('AWS::Bedrock::KnowledgeBase', managed({ ServerSideEncryptionConfiguration: { KmsKeyArn: KEY_ARN } })),
    ).toEqual([]);
  });
});

describe('Bedrock agents', () => {
  test('Noncompliance: no customer key, a global inference profile', () => {
    const f = judge('AWS::Bedrock::Agent', {
      AgentName: 'a',
      FoundationModel: 'global.anthropic.claude-sonnet-4-20250514-v1:0',
    });
    expect(summary(f)).toEqual([
      'CaResidency-DataDestination Properties.FoundationModel',
      'CaResidency-EncryptedAtRest Properties.CustomerEncryptionKeyArn',
    ]);
    expect(f.find((x) => x.ruleId === 'CaResidency-EncryptedAtRest')?.message).toMatch(/AWS owned key/);
  });
  test('Compliance: a customer key and a model invoked in this region', () => {
    expect(
      judge('AWS::Bedrock::Agent', {
        AgentName: 'a',
        FoundationModel: 'anthropic.claude-3-haiku-20240307-v1:0',
        CustomerEncryptionKeyArn: KEY_ARN,
      }),
    ).toEqual([]);
  });
});

describe('AppFlow flows', () => {
  const flow = (bucket: unknown, key?: unknown) => ({
    FlowName: 'f',
    ...(key ? { KMSArn: key } : {}),
    TriggerConfig: { TriggerType: 'OnDemand' },
    SourceFlowConfig: { ConnectorType: 'Salesforce', SourceConnectorProperties: { Salesforce: { Object: 'Account' } } },
    DestinationFlowConfigList: [
      { ConnectorType: 'S3', DestinationConnectorProperties: { S3: { BucketName: bucket } } },
    ],
    Tasks: [],
  });
  test('Noncompliance: records to a bucket no stack defines, staged under the aws/appflow key', () => {
    expect(summary(judge('AWS::AppFlow::Flow', flow('someone-elses-bucket')))).toEqual([
      'CaResidency-DataDestination Properties.DestinationFlowConfigList[0].DestinationConnectorProperties.S3.BucketName',
      'CaResidency-EncryptedAtRest Properties.KMSArn',
    ]);
  });
  test('Compliance: a bucket of this stack and a customer key', () => {
    expect(judge('AWS::AppFlow::Flow', flow({ Ref: 'LocalBucket' }, KEY_ARN))).toEqual([]);
  });
});

describe('DMS serverless replications', () => {
  test('Noncompliance: a target endpoint in us-east-1 and replication storage under the aws/dms key', () => {
    const f = judge('AWS::DMS::ReplicationConfig', {
      ReplicationType: 'full-load',
      SourceEndpointArn: 'arn:aws:dms:ca-central-1:111111111111:endpoint:SRC',
      TargetEndpointArn: 'arn:aws:dms:us-east-1:111111111111:endpoint:TGT',
      ComputeConfig: { MaxCapacityUnits: 16 },
      TableMappings: {},
    });
    expect(summary(f)).toEqual([
      'CaResidency-DataDestination Properties.TargetEndpointArn',
      'CaResidency-EncryptedAtRest Properties.ComputeConfig.KmsKeyId',
    ]);
  });
  test('Compliance: a target endpoint of this region and a customer key', () => {
    expect(
      judge('AWS::DMS::ReplicationConfig', {
        ReplicationType: 'full-load',
        SourceEndpointArn: 'arn:aws:dms:ca-central-1:111111111111:endpoint:SRC',
        TargetEndpointArn: 'arn:aws:dms:ca-west-1:111111111111:endpoint:TGT',
        ComputeConfig: { MaxCapacityUnits: 16, KmsKeyId: KEY_ARN },
        TableMappings: {},
      }),
    ).toEqual([]);
  });
});

describe('CodeBuild report groups', () => {
  test('Noncompliance: raw test results exported unencrypted', () => {
    const f = judge('AWS::CodeBuild::ReportGroup', {
      Type: 'TEST',
      ExportConfig: {
        ExportConfigType: 'S3',
        S3Destination: { Bucket: { Ref: 'LocalBucket' }, EncryptionDisabled: true },
      },
    });
    expect(summary(f)).toEqual([
      'CaResidency-EncryptedAtRest Properties.ExportConfig.S3Destination.EncryptionDisabled',
    ]);
  });
  test('Compliance: a report group that exports nothing', () => {
    expect(
      judge('AWS::CodeBuild::ReportGroup', { Type: 'TEST', ExportConfig: { ExportConfigType: 'NO_EXPORT' } }),
    ).toEqual([]);
  });
});

describe('Amazon Connect storage', () => {
  const config = (storage: Record<string, unknown>) => ({
    InstanceArn: 'arn:aws:connect:ca-central-1:111111111111:instance/abc',
    ResourceType: 'CALL_RECORDINGS',
    ...storage,
  });
  test('Noncompliance: call recordings to a bucket no stack defines; media streams under an AWS managed key', () => {
    expect(
      summary(
        judge(
          'AWS::Connect::InstanceStorageConfig',
          config({ StorageType: 'S3', S3Config: { BucketName: 'elsewhere' } }),
        ),
      ),
    ).toEqual(['CaResidency-DataDestination Properties.S3Config.BucketName']);
    const kvs = judge(
      'AWS::Connect::InstanceStorageConfig',
      config({
        ResourceType: 'MEDIA_STREAMS',
        StorageType: 'KINESIS_VIDEO_STREAM',
        KinesisVideoStreamConfig: {
          Prefix: 'p',
          RetentionPeriodHours: 24,
          EncryptionConfig: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesisvideo' },
        },
      }),
    );
    expect(summary(kvs)).toEqual([
      'CaResidency-EncryptedAtRest Properties.KinesisVideoStreamConfig.EncryptionConfig.KeyId',
    ]);
  });
  test('Compliance: recordings to a bucket of this stack (the bucket is judged at rest itself)', () => {
    expect(
      judge(
        'AWS::Connect::InstanceStorageConfig',
        config({ StorageType: 'S3', S3Config: { BucketName: { Ref: 'LocalBucket' }, BucketPrefix: 'r' } }),
      ),
    ).toEqual([]);
  });
});

describe('Comprehend custom models', () => {
  test('Noncompliance: a model without a customer key, training output to a bucket no stack defines', () => {
    const f = judge('AWS::Comprehend::DocumentClassifier', {
      DocumentClassifierName: 'c',
      DataAccessRoleArn: 'arn:aws:iam::111111111111:role/c',
      LanguageCode: 'en',
      InputDataConfig: { S3Uri: { 'Fn::Sub': 's3://${LocalBucket}/train/' } },
      OutputDataConfig: { S3Uri: 's3://someone-elses-bucket/out/' },
    });
    expect(summary(f)).toEqual([
      'CaResidency-DataDestination Properties.OutputDataConfig.S3Uri',
      'CaResidency-EncryptedAtRest Properties.ModelKmsKeyId',
    ]);
  });
  test('Compliance: a customer key and output to a bucket of this stack', () => {
    expect(
      judge('AWS::Comprehend::DocumentClassifier', {
        DocumentClassifierName: 'c',
        DataAccessRoleArn: 'arn:aws:iam::111111111111:role/c',
        LanguageCode: 'en',
        ModelKmsKeyId: KEY_ARN,
        InputDataConfig: { S3Uri: { 'Fn::Sub': 's3://${LocalBucket}/train/' } },
        OutputDataConfig: { S3Uri: { 'Fn::Sub': 's3://${LocalBucket}/out/' } },
      }),
    ).toEqual([]);
  });
});

describe('AppStream', () => {
  test('Noncompliance: a fleet, whose session volumes have no encryption option, names the alternative', () => {
    const f = judge('AWS::AppStream::Fleet', { Name: 'f', InstanceType: 'stream.standard.medium' });
    expect(summary(f)).toEqual(['CaResidency-EncryptedAtRest Type']);
    expect(f[0].message).toMatch(/WorkSpaces with a customer-managed VolumeEncryptionKey/);
  });
  test('Noncompliance: a stack whose users save files to Google Drive', () => {
    const f = judge('AWS::AppStream::Stack', {
      StorageConnectors: [{ ConnectorType: 'GOOGLE_DRIVE', Domains: ['clinic.example.com'] }],
    });
    expect(summary(f)).toEqual(['CaResidency-DataDestination Properties.StorageConnectors[0].Domains[0]']);
    expect(f[0].message).toMatch(/outside AWS/);
  });
  test('Compliance: home folders (kept by AppStream in this region) and an image builder', () => {
    expect(judge('AWS::AppStream::Stack', { StorageConnectors: [{ ConnectorType: 'HOMEFOLDERS' }] })).toEqual([]);
    expect(
      judge('AWS::AppStream::ImageBuilder', { Name: 'b', InstanceType: 'stream.standard.medium', ImageName: 'base' }),
    ).toEqual([]);
  });
});

describe('configuration stores and inherited keys', () => {
  test('AppConfig: a hosted profile needs a customer key; one that reads Parameter Store stores nothing itself', () => {
    expect(
      summary(judge('AWS::AppConfig::ConfigurationProfile', { ApplicationId: 'a', Name: 'p', LocationUri: 'hosted' })),
    ).toEqual(['CaResidency-EncryptedAtRest Properties.KmsKeyIdentifier']);
    expect(
      judge('AWS::AppConfig::ConfigurationProfile', {
        ApplicationId: 'a',
        Name: 'p',
        LocationUri: 'ssm-parameter://p',
      }),
    ).toEqual([]);
  });
  test("Customer Profiles: an object type uses the domain's key unless it names one, which is then judged", () => {
    const objectType = (extra: Record<string, unknown>) => ({
      DomainName: 'd',
      ObjectTypeName: 'o',
      Description: 'd',
      ...extra,
    });
    expect(judge('AWS::CustomerProfiles::ObjectType', objectType({}))).toEqual([]);
    expect(
      summary(judge('AWS::CustomerProfiles::ObjectType', objectType({ EncryptionKey: 'alias/aws/profile' }))),
    ).toEqual(['CaResidency-EncryptedAtRest Properties.EncryptionKey']);
  });
});

describe('a property block named like an intrinsic', () => {
  test('a memory strategy override with a single Reflection block is walked, not taken for Ref', () => {
    const f = judge('AWS::BedrockAgentCore::Memory', {
      Name: 'm',
      EventExpiryDuration: 30,
      EncryptionKeyArn: KEY_ARN,
      MemoryStrategies: [
        {
          CustomMemoryStrategy: {
            Name: 's',
            Configuration: { EpisodicOverride: { Reflection: { ModelId: 'anthropic.claude-3-haiku-20240307-v1:0' } } },
          },
        },
      ],
    });
    expect(f).toEqual([]);
  });
});
