/**
 * Catalogue of CloudFormation resource types for the encryption rules: which types store data, where their
 * encryption-at-rest switch and key live, and what the service does when those properties are absent.
 * A type that is neither here nor in the stateless list is `unclassified`: a new data store never passes unnoticed.
 */

import { REVIEWED_NO_CUSTOMER_DATA } from './reviewed-types';
import { ownEntry } from './own-entry';
import { remember } from './bounded-cache';

/** How a data-storing type is encrypted at rest, declaratively. Paths are dot paths into Properties; `[0]` indexes lists. */
export interface AtRestSpec {
  /** Property that turns encryption on. Absent when the key property alone decides (e.g. SNS `KmsMasterKeyId`). */
  readonly flag?: string;
  /** Values of `flag` that mean "encrypted with a key the customer can choose". @default [true] */
  readonly flagOn?: readonly (string | boolean)[];
  /** Whether data is encrypted when the properties are absent (with an AWS owned or AWS managed key). */
  readonly encryptedByDefault: boolean;
  /** Property selecting the KMS key; absent when the service offers no customer-managed key option. */
  readonly key?: string;
  /** What the service uses when the key is absent, for messages. */
  readonly defaultKey?: string;
  /**
   * The resource stores data (and the spec applies) only when this property (dot path from Properties) has one of
   * these values, compared case-insensitively: e.g. only a MANAGED knowledge base stores its vectors itself. An
   * absent property does not match; one that cannot be resolved matches (fail closed).
   */
  readonly when?: { readonly property: string; readonly values: readonly string[] };
  /**
   * What encrypts the data when `key` is absent, if that is not an AWS key but a key chosen (and judged) on another
   * resource, e.g. the domain's default key. An absent key then passes; a key that is set is judged.
   */
  readonly keyInheritedFrom?: string;
  /** For a type that cannot use a customer-managed key at all: what to use instead, for messages. */
  readonly alternative?: string;
}

/** Types whose at-rest check needs code (nested lists, cross-property rules): see lib/rules/EncryptedAtRest.ts. */
export type CustomAtRest =
  | 'S3Bucket'
  | 'Ec2Instance'
  | 'LaunchTemplate'
  | 'LaunchConfiguration'
  | 'RdsInstance'
  | 'DynamoDBGlobalTable'
  | 'LambdaFunction'
  | 'FirehoseDeliveryStream'
  | 'OpenSearchServerlessCollection'
  | 'GlueCatalog'
  | 'CodePipelineArtifactStores'
  | 'SchedulerSchedule'
  | 'WorkSpace'
  | 'Ec2Fleet'
  | 'SpotFleet'
  | 'OpsWorksLayer'
  | 'GlueDataLakeCatalog'
  | 'SageMakerCluster'
  | 'SageMakerMonitoringSchedule'
  | 'WorkspaceInstance';

export type DataStoreSpec = AtRestSpec | { readonly custom: CustomAtRest };

const AWS_MANAGED = 'an AWS managed key';
const MEDIA_PACKAGING =
  'packaged outputs written to an S3 bucket with a customer-managed key (MediaConvert), or an exemption stating why the content is not sensitive';
const AWS_OWNED = 'an AWS owned key';
/** When the documentation does not say which key the service uses by default. */
const SERVICE_CHOSEN = 'a key chosen by the service';

/** Data-storing types and how each is encrypted at rest (the at-rest catalogue). */
export const DATA_STORES: Readonly<Record<string, DataStoreSpec>> = {
  'AWS::S3::Bucket': { custom: 'S3Bucket' },
  'AWS::EC2::Volume': { flag: 'Encrypted', encryptedByDefault: false, key: 'KmsKeyId', defaultKey: 'the aws/ebs key' },
  'AWS::EC2::Instance': { custom: 'Ec2Instance' },
  'AWS::EC2::LaunchTemplate': { custom: 'LaunchTemplate' },
  'AWS::AutoScaling::LaunchConfiguration': { custom: 'LaunchConfiguration' },
  'AWS::RDS::DBInstance': { custom: 'RdsInstance' },
  'AWS::RDS::DBCluster': {
    flag: 'StorageEncrypted',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: 'the aws/rds key',
  },
  'AWS::DocDB::DBCluster': {
    flag: 'StorageEncrypted',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: 'the aws/rds key',
  },
  'AWS::Neptune::DBCluster': {
    flag: 'StorageEncrypted',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: 'the aws/rds key',
  },
  'AWS::Redshift::Cluster': { flag: 'Encrypted', encryptedByDefault: false, key: 'KmsKeyId', defaultKey: AWS_MANAGED },
  'AWS::RedshiftServerless::Namespace': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::DynamoDB::Table': {
    flag: 'SSESpecification.SSEEnabled',
    encryptedByDefault: true,
    key: 'SSESpecification.KMSMasterKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::DynamoDB::GlobalTable': { custom: 'DynamoDBGlobalTable' },
  'AWS::EFS::FileSystem': {
    flag: 'Encrypted',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: 'the aws/elasticfilesystem key',
  },
  'AWS::FSx::FileSystem': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/fsx key' },
  'AWS::SNS::Topic': { encryptedByDefault: false, key: 'KmsMasterKeyId' },
  'AWS::SQS::Queue': { encryptedByDefault: true, key: 'KmsMasterKeyId', defaultKey: 'SQS-owned keys (SSE-SQS)' },
  'AWS::Logs::LogGroup': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'CloudWatch Logs service keys' },
  'AWS::Kinesis::Stream': {
    flag: 'StreamEncryption.EncryptionType',
    flagOn: ['KMS'],
    encryptedByDefault: false,
    key: 'StreamEncryption.KeyId',
  },
  'AWS::KinesisFirehose::DeliveryStream': { custom: 'FirehoseDeliveryStream' },
  'AWS::MSK::Cluster': {
    encryptedByDefault: true,
    key: 'EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId',
    defaultKey: 'the aws/kafka key',
  },
  'AWS::MSK::ServerlessCluster': { encryptedByDefault: true },
  'AWS::ElastiCache::ReplicationGroup': {
    flag: 'AtRestEncryptionEnabled',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::ElastiCache::ServerlessCache': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  // A standalone cache cluster has no at-rest encryption option at all.
  'AWS::ElastiCache::CacheCluster': {
    encryptedByDefault: false,
    alternative: 'an ElastiCache replication group with AtRestEncryptionEnabled and a customer-managed key',
  },
  'AWS::MemoryDB::Cluster': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::OpenSearchService::Domain': {
    flag: 'EncryptionAtRestOptions.Enabled',
    encryptedByDefault: false,
    key: 'EncryptionAtRestOptions.KmsKeyId',
    defaultKey: 'the aws/es key',
  },
  'AWS::Elasticsearch::Domain': {
    flag: 'EncryptionAtRestOptions.Enabled',
    encryptedByDefault: false,
    key: 'EncryptionAtRestOptions.KmsKeyId',
    defaultKey: 'the aws/es key',
  },
  'AWS::OpenSearchServerless::Collection': { custom: 'OpenSearchServerlessCollection' },
  'AWS::Backup::BackupVault': { encryptedByDefault: true, key: 'EncryptionKeyArn', defaultKey: 'the aws/backup key' },
  // Logically air-gapped vaults now accept a customer-managed key (EncryptionKeyArn): require one.
  'AWS::Backup::LogicallyAirGappedBackupVault': {
    encryptedByDefault: true,
    key: 'EncryptionKeyArn',
    defaultKey: AWS_OWNED,
  },
  'AWS::SecretsManager::Secret': {
    encryptedByDefault: true,
    key: 'KmsKeyId',
    defaultKey: 'the aws/secretsmanager key',
  },
  'AWS::ECR::Repository': {
    flag: 'EncryptionConfiguration.EncryptionType',
    flagOn: ['KMS', 'KMS_DSSE'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKey',
    defaultKey: 'AES-256 with ECR-managed keys',
  },
  'AWS::CodeBuild::Project': { encryptedByDefault: true, key: 'EncryptionKey', defaultKey: 'the aws/s3 key' },
  // Artifacts (sources, templates, build outputs) are written with the artifact store's EncryptionKey, the aws/s3 key
  // when absent; one store per region, each needing a key of its own region (CloudFormation User Guide,
  // AWS::CodePipeline::Pipeline EncryptionKey). The buckets themselves are judged as data paths.
  'AWS::CodePipeline::Pipeline': { custom: 'CodePipelineArtifactStores' },
  'AWS::Glue::Database': { custom: 'GlueCatalog' },
  'AWS::Glue::Table': { custom: 'GlueCatalog' },
  'AWS::Glue::Job': { encryptedByDefault: false, key: 'SecurityConfiguration' },
  'AWS::Glue::Crawler': { encryptedByDefault: false, key: 'CrawlerSecurityConfiguration' },
  'AWS::Athena::WorkGroup': {
    flag: 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption',
    flagOn: ['SSE_KMS', 'CSE_KMS'],
    encryptedByDefault: false,
    key: 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey',
  },
  'AWS::SageMaker::NotebookInstance': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_MANAGED },
  'AWS::SageMaker::Domain': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_MANAGED },
  'AWS::SageMaker::EndpointConfig': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_MANAGED },
  'AWS::Timestream::Database': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/timestream key' },
  // Table data is encrypted with its database's key.
  'AWS::Timestream::Table': { encryptedByDefault: true },
  'AWS::CloudTrail::Trail': { encryptedByDefault: true, key: 'KMSKeyId', defaultKey: 'SSE-S3' },
  'AWS::CloudTrail::EventDataStore': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::Lambda::Function': { custom: 'LambdaFunction' },
  'AWS::StepFunctions::StateMachine': {
    flag: 'EncryptionConfiguration.Type',
    flagOn: ['CUSTOMER_MANAGED_KMS_KEY'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::StepFunctions::Activity': {
    flag: 'EncryptionConfiguration.Type',
    flagOn: ['CUSTOMER_MANAGED_KMS_KEY'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::Events::EventBus': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: AWS_OWNED },
  'AWS::Events::Archive': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: AWS_OWNED },
  // A schedule's only customer data is its target input (up to 256 KB); KmsKeyArn protects that payload.
  'AWS::Scheduler::Schedule': { custom: 'SchedulerSchedule' },
  'AWS::HealthLake::FHIRDatastore': {
    flag: 'SseConfiguration.KmsEncryptionConfig.CmkType',
    flagOn: ['CUSTOMER_MANAGED_KMS_KEY'],
    encryptedByDefault: true,
    key: 'SseConfiguration.KmsEncryptionConfig.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::EKS::Cluster': {
    encryptedByDefault: true,
    key: 'EncryptionConfig[0].Provider.KeyArn',
    defaultKey: 'EKS default envelope encryption (AWS owned key)',
  },
  // User pools hold personal information; the service encrypts them and offers no customer key for it.
  'AWS::Cognito::UserPool': { encryptedByDefault: true },

  // Common data stores that used to be stopped only as unclassified (issue 13). Property names from the
  // CloudFormation resource specification; defaults from each service's encryption-at-rest documentation.
  'AWS::AmazonMQ::Broker': {
    flag: 'EncryptionOptions.UseAwsOwnedKey',
    flagOn: [false],
    encryptedByDefault: true,
    key: 'EncryptionOptions.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::Kendra::Index': {
    encryptedByDefault: true,
    key: 'ServerSideEncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::Cassandra::Table': {
    flag: 'EncryptionSpecification.EncryptionType',
    flagOn: ['CUSTOMER_MANAGED_KMS_KEY'],
    encryptedByDefault: true,
    key: 'EncryptionSpecification.KmsKeyIdentifier',
    defaultKey: AWS_OWNED,
  },
  'AWS::KinesisVideo::Stream': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/kinesisvideo key' },
  'AWS::WorkSpaces::Workspace': { custom: 'WorkSpace' },
  'AWS::CodeCommit::Repository': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/codecommit key' },
  'AWS::CodeArtifact::Domain': {
    encryptedByDefault: true,
    key: 'EncryptionKey',
    defaultKey: 'the aws/codeartifact key',
  },
  'AWS::DocDBElastic::Cluster': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::DSQL::Cluster': { encryptedByDefault: true, key: 'KmsEncryptionKey', defaultKey: AWS_OWNED },
  'AWS::NeptuneGraph::Graph': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: AWS_OWNED },
  'AWS::S3Tables::TableBucket': {
    flag: 'EncryptionConfiguration.SSEAlgorithm',
    flagOn: ['aws:kms'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KMSKeyArn',
    defaultKey: 'SSE-S3',
  },
  'AWS::S3Vectors::VectorBucket': {
    flag: 'EncryptionConfiguration.SseType',
    flagOn: ['aws:kms'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKeyArn',
    defaultKey: 'SSE-S3',
  },
  'AWS::SageMaker::FeatureGroup': {
    encryptedByDefault: true,
    key: 'OfflineStoreConfig.S3StorageConfig.KmsKeyId',
    defaultKey: 'the aws/s3 key',
  },
  'AWS::Location::Tracker': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::Location::GeofenceCollection': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  // Types classified from the coverage backlog (issue 13), AWS::APS::Scraper to AWS::DataZone::EnvironmentActions.
  // Key properties from the CloudFormation resource specification; defaults from each service's "Data encryption"
  // or "Encryption at rest" page (SERVICE_CHOSEN where the page does not name the default key). Where AWS lets the customer encrypt a resource's content with their own key
  // (agents, prompts, flows, guardrails, blueprints...), the key is required: what the content holds cannot be
  // told from the template, so it fails closed.
  'AWS::AppConfig::ConfigurationProfile': {
    // Only the hosted configuration store keeps the data; other sources (S3, Parameter Store...) are judged there.
    when: { property: 'LocationUri', values: ['hosted'] },
    encryptedByDefault: true,
    key: 'KmsKeyIdentifier',
    defaultKey: SERVICE_CHOSEN,
  },
  // The deployed configuration data is stored by AppConfig for the deployment.
  'AWS::AppConfig::Deployment': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: SERVICE_CHOSEN },
  // Connection credentials, kept by AppFlow in Secrets Manager under this key.
  'AWS::AppFlow::ConnectorProfile': {
    encryptedByDefault: true,
    key: 'KMSArn',
    defaultKey: 'the Amazon AppFlow managed key',
  },
  'AWS::AppFlow::Flow': { encryptedByDefault: true, key: 'KMSArn', defaultKey: 'the Amazon AppFlow managed key' },
  'AWS::AppIntegrations::DataIntegration': { encryptedByDefault: true, key: 'KmsKey', defaultKey: SERVICE_CHOSEN },
  // Streaming instances and their volumes are ephemeral and have no encryption option (AppStream 2.0
  // Administration Guide, "Encryption at rest" and "Securing persistent data").
  'AWS::AppStream::Fleet': {
    encryptedByDefault: false,
    alternative:
      'WorkSpaces with a customer-managed VolumeEncryptionKey, or exempt the fleet with a reason (its volumes are deleted after each session)',
  },
  // Home folders and application settings persist in an S3 bucket AppStream manages, encrypted with S3 managed
  // keys (SSE-S3) and AWS managed keys: no customer key option.
  'AWS::AppStream::Stack': { encryptedByDefault: true },
  'AWS::Bedrock::Agent': { encryptedByDefault: true, key: 'CustomerEncryptionKeyArn', defaultKey: AWS_OWNED },
  'AWS::Bedrock::Blueprint': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  'AWS::Bedrock::DataAutomationProject': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  // Data being ingested is stored transiently under this key.
  'AWS::Bedrock::DataSource': {
    encryptedByDefault: true,
    key: 'ServerSideEncryptionConfiguration.KmsKeyArn',
    defaultKey: SERVICE_CHOSEN,
  },
  'AWS::Bedrock::Flow': { encryptedByDefault: true, key: 'CustomerEncryptionKeyArn', defaultKey: AWS_MANAGED },
  'AWS::Bedrock::Guardrail': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: SERVICE_CHOSEN },
  // Only a MANAGED knowledge base stores its vectors itself; the others store them in the vector store named in
  // StorageConfiguration (a data path, judged as such).
  'AWS::Bedrock::KnowledgeBase': {
    when: { property: 'KnowledgeBaseConfiguration.Type', values: ['MANAGED'] },
    encryptedByDefault: true,
    key: 'KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.ServerSideEncryptionConfiguration.KmsKeyArn',
    defaultKey: SERVICE_CHOSEN,
  },
  'AWS::Bedrock::Prompt': { encryptedByDefault: true, key: 'CustomerEncryptionKeyArn', defaultKey: SERVICE_CHOSEN },
  'AWS::BedrockAgentCore::ConfigurationBundle': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::BedrockAgentCore::Dataset': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::BedrockAgentCore::Evaluator': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::BedrockAgentCore::Gateway': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::BedrockAgentCore::Memory': { encryptedByDefault: true, key: 'EncryptionKeyArn', defaultKey: AWS_OWNED },
  // The environment's EBS volume follows the account's EBS default encryption, which the template cannot show.
  'AWS::Cloud9::EnvironmentEC2': {
    encryptedByDefault: false,
    alternative: 'an EC2 instance whose volumes name a customer-managed KmsKeyId',
  },
  // Raw test results exported to S3 (the report group's only data at rest under a key it chooses).
  'AWS::CodeBuild::ReportGroup': {
    when: { property: 'ExportConfig.ExportConfigType', values: ['S3'] },
    flag: 'ExportConfig.S3Destination.EncryptionDisabled',
    flagOn: [false],
    encryptedByDefault: true,
    key: 'ExportConfig.S3Destination.EncryptionKey',
    defaultKey: 'the aws/s3 key',
  },
  // A model trained on the customer's documents.
  'AWS::Comprehend::DocumentClassifier': { encryptedByDefault: true, key: 'ModelKmsKeyId', defaultKey: SERVICE_CHOSEN },
  'AWS::Comprehend::Flywheel': {
    encryptedByDefault: true,
    key: 'DataSecurityConfig.ModelKmsKeyId',
    defaultKey: SERVICE_CHOSEN,
  },
  // Media streams of contacts are stored in Kinesis video streams Connect creates with this key; S3, Kinesis and
  // Firehose storage types write to resources judged where they are defined (data paths).
  'AWS::Connect::InstanceStorageConfig': {
    when: { property: 'StorageType', values: ['KINESIS_VIDEO_STREAM'] },
    flag: 'KinesisVideoStreamConfig.EncryptionConfig.EncryptionType',
    flagOn: ['KMS'],
    encryptedByDefault: true,
    key: 'KinesisVideoStreamConfig.EncryptionConfig.KeyId',
    defaultKey: 'the aws/kinesisvideo key',
  },
  // Profile objects of a type: its own key, or else the domain's default key (judged on the domain).
  'AWS::CustomerProfiles::DomainObjectType': {
    encryptedByDefault: true,
    key: 'EncryptionKey',
    keyInheritedFrom: "the domain's default key",
  },
  'AWS::CustomerProfiles::ObjectType': {
    encryptedByDefault: true,
    key: 'EncryptionKey',
    keyInheritedFrom: "the domain's default key",
  },
  // The AppFlow flow of an integration (records in transit to the domain); without one nothing is staged.
  'AWS::CustomerProfiles::Integration': {
    encryptedByDefault: true,
    key: 'FlowDefinition.KmsArn',
    keyInheritedFrom: "the domain's default key (no AppFlow flow is defined)",
  },
  // Serverless replication: the storage of the replication's compute.
  'AWS::DMS::ReplicationConfig': {
    encryptedByDefault: true,
    key: 'ComputeConfig.KmsKeyId',
    defaultKey: 'the aws/dms key',
  },
  'AWS::DataBrew::Job': {
    flag: 'EncryptionMode',
    flagOn: ['SSE-KMS'],
    encryptedByDefault: true,
    key: 'EncryptionKeyArn',
    defaultKey: "the output bucket's default encryption",
  },
  // Domain metadata, business catalogue and reporting data.
  'AWS::DataZone::Domain': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: AWS_OWNED },
  'AWS::DMS::ReplicationInstance': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/dms key' },
  'AWS::MWAA::Environment': { encryptedByDefault: true, key: 'KmsKey', defaultKey: AWS_OWNED },
  'AWS::SecurityLake::DataLake': {
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::CustomerProfiles::Domain': { encryptedByDefault: false, key: 'DefaultEncryptionKey' },
  'AWS::Personalize::DatasetGroup': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::SES::MailManagerArchive': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::Wisdom::KnowledgeBase': {
    encryptedByDefault: true,
    key: 'ServerSideEncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::VoiceID::Domain': {
    encryptedByDefault: true,
    key: 'ServerSideEncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  'AWS::APS::Workspace': { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: AWS_OWNED },
  'AWS::Wisdom::Assistant': {
    encryptedByDefault: true,
    key: 'ServerSideEncryptionConfiguration.KmsKeyId',
    defaultKey: AWS_OWNED,
  },
  // The detector keeps patterns learnt from log events.
  'AWS::Logs::LogAnomalyDetector': {
    encryptedByDefault: true,
    key: 'KmsKeyId',
    defaultKey: 'CloudWatch Logs service keys',
  },
  // Repositories created from the template hold images: same rules as a repository.
  'AWS::ECR::RepositoryCreationTemplate': {
    flag: 'EncryptionConfiguration.EncryptionType',
    flagOn: ['KMS', 'KMS_DSSE'],
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKey',
    defaultKey: 'AES-256 with ECR-managed keys',
  },
  'AWS::Glue::Partition': { custom: 'GlueCatalog' },
  // Index data is stored in its collection and encrypted with the collection's key (judged on the collection).
  'AWS::OpenSearchServerless::Index': { encryptedByDefault: true },
  'AWS::Timestream::InfluxDBCluster': { encryptedByDefault: true },
  // Caches of an AppSync API: encryption at rest is a switch, with no customer key option.
  'AWS::AppSync::ApiCache': { flag: 'AtRestEncryptionEnabled', encryptedByDefault: false },
  // Lightsail buckets and InfluxDB instances offer no customer-managed key: the data is encrypted with AWS keys.
  'AWS::Lightsail::Bucket': { encryptedByDefault: true },
  'AWS::Timestream::InfluxDBInstance': { encryptedByDefault: true },

  // Issue 13, types from the spec-coverage backlog (EC2 … OpsWorks). Properties from the CloudFormation resource
  // specification; defaults from the type's page in the CloudFormation User Guide and the service's data
  // protection or encryption-at-rest documentation.
  // Fleets launch instances from launch templates (judged there); overrides and launch specifications that
  // declare volumes are judged here.
  'AWS::EC2::EC2Fleet': { custom: 'Ec2Fleet' },
  'AWS::EC2::SpotFleet': { custom: 'SpotFleet' },
  // Workspace and notebook files backed up to S3 are encrypted with EncryptionKeyArn, else only by the bucket.
  'AWS::EMR::Studio': {
    encryptedByDefault: true,
    key: 'EncryptionKeyArn',
    defaultKey: "the bucket's default encryption",
  },
  // Job logs kept by managed persistence (on by default) hold whatever the jobs log.
  'AWS::EMRServerless::Application': {
    encryptedByDefault: true,
    key: 'MonitoringConfiguration.ManagedPersistenceMonitoringConfiguration.EncryptionKeyArn',
    defaultKey: SERVICE_CHOSEN,
  },
  // VM data sits on the hosts' instance storage (vSAN encryption is set up inside VCF, not in the template);
  // KmsKeyId protects the VCF credentials kept in Secrets Manager, the only key the service lets the client choose.
  'AWS::EVS::Environment': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: 'the aws/secretsmanager key' },
  // A workflow has one output source; its results are encrypted with KMSArn, else a service managed key.
  'AWS::EntityResolution::IdMappingWorkflow': {
    encryptedByDefault: true,
    key: 'OutputSourceConfig[0].KMSArn',
    defaultKey: 'an AWS Entity Resolution managed key',
  },
  'AWS::EntityResolution::MatchingWorkflow': {
    encryptedByDefault: true,
    key: 'OutputSourceConfig[0].KMSArn',
    defaultKey: 'an AWS Entity Resolution managed key',
  },
  'AWS::FinSpace::Environment': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: SERVICE_CHOSEN },
  // Catalog metadata is encrypted by the Data Catalog settings, like databases and tables; a catalog with data
  // lake access also stages query data in a bucket it creates, encrypted with DataLakeAccessProperties.KmsKey.
  'AWS::Glue::Catalog': { custom: 'GlueDataLakeCatalog' },
  // Development endpoints write to S3, CloudWatch Logs and job bookmarks under a Glue security configuration.
  'AWS::Glue::DevEndpoint': { encryptedByDefault: false, key: 'SecurityConfiguration' },
  'AWS::Glue::Integration': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: SERVICE_CHOSEN },
  // Labels and trained transforms hold user data; encryption mode DISABLED stores them unencrypted.
  'AWS::Glue::MLTransform': {
    flag: 'TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode',
    flagOn: ['SSE-KMS'],
    encryptedByDefault: false,
    key: 'TransformEncryption.MLUserDataEncryption.KmsKeyId',
  },
  // Alarm state holds device input values, encrypted by the service; the resource offers no key property.
  'AWS::IoTEvents::AlarmModel': { encryptedByDefault: true },
  // Running application state, snapshots and checkpoints.
  'AWS::KinesisAnalyticsV2::Application': {
    flag: 'ApplicationConfiguration.ApplicationEncryptionConfiguration.KeyType',
    flagOn: ['CUSTOMER_MANAGED_KEY'],
    encryptedByDefault: true,
    key: 'ApplicationConfiguration.ApplicationEncryptionConfiguration.KeyId',
    defaultKey: AWS_OWNED,
  },
  // Utterances, slot values and session attributes are encrypted by Lex V2, with no customer key option for them.
  'AWS::Lex::Bot': { encryptedByDefault: true },
  // Lightsail offers no customer-managed key for instance disks (nor documents their encryption): fail closed.
  'AWS::Lightsail::Instance': {
    encryptedByDefault: false,
    alternative: 'an EC2 instance whose EBS volumes are encrypted with a customer-managed key',
  },
  // Dashboards built from log data (OpenSearch integration).
  'AWS::Logs::Integration': {
    encryptedByDefault: true,
    key: 'ResourceConfig.OpenSearchResourceConfig.KmsKeyArn',
    defaultKey: 'CloudWatch Logs service keys',
  },
  'AWS::M2::Application': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: SERVICE_CHOSEN },
  'AWS::M2::Environment': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: SERVICE_CHOSEN },
  'AWS::MWAAServerless::Workflow': {
    encryptedByDefault: true,
    key: 'EncryptionConfiguration.KmsKeyId',
    defaultKey: SERVICE_CHOSEN,
  },
  // Packaged media kept for playback (VOD assets, the startover window of live endpoints); no customer-managed
  // key option and no documented encryption at rest: fail closed.
  'AWS::MediaPackage::Asset': { encryptedByDefault: false, alternative: MEDIA_PACKAGING },
  'AWS::MediaPackage::OriginEndpoint': { encryptedByDefault: false, alternative: MEDIA_PACKAGING },
  'AWS::MediaPackageV2::OriginEndpoint': { encryptedByDefault: false, alternative: MEDIA_PACKAGING },
  // Oracle Database@AWS: databases use Oracle TDE, on by default; its keys are managed in OCI, outside the template.
  'AWS::ODB::CloudAutonomousVmCluster': { encryptedByDefault: true },
  'AWS::ODB::CloudVmCluster': { encryptedByDefault: true },
  // The persistent buffer holds records in flight.
  'AWS::OSIS::Pipeline': { encryptedByDefault: true, key: 'EncryptionAtRestOptions.KmsKeyArn', defaultKey: AWS_OWNED },
  // Rules that create log groups (central copies, or destinations of resources' telemetry).
  'AWS::ObservabilityAdmin::OrganizationCentralizationRule': {
    flag: 'Rule.Destination.DestinationLogsConfiguration.LogsEncryptionConfiguration.EncryptionStrategy',
    flagOn: ['CUSTOMER_MANAGED'],
    encryptedByDefault: true,
    key: 'Rule.Destination.DestinationLogsConfiguration.LogsEncryptionConfiguration.KmsKeyArn',
    defaultKey: 'CloudWatch Logs service keys',
  },
  'AWS::ObservabilityAdmin::OrganizationTelemetryRule': {
    encryptedByDefault: true,
    key: 'Rule.DestinationConfiguration.KmsKeyArn',
    defaultKey: 'CloudWatch Logs service keys',
  },
  'AWS::ObservabilityAdmin::TelemetryRule': {
    encryptedByDefault: true,
    key: 'Rule.DestinationConfiguration.KmsKeyArn',
    defaultKey: 'CloudWatch Logs service keys',
  },
  'AWS::ObservabilityAdmin::S3TableIntegration': {
    flag: 'Encryption.SseAlgorithm',
    flagOn: ['aws:kms'],
    encryptedByDefault: true,
    key: 'Encryption.KmsKeyArn',
    defaultKey: 'SSE-S3',
  },
  // OpsWorks Stacks volumes cannot use a customer-managed key (the instance's not even an encryption switch);
  // the service reached end of life in May 2024.
  'AWS::OpsWorks::Instance': {
    encryptedByDefault: false,
    alternative: 'EC2 instances or launch templates with Ebs.KmsKeyId',
  },
  'AWS::OpsWorks::Layer': { custom: 'OpsWorksLayer' },
  // Issue 13, backlog Pinpoint..WorkspacesInstances: types that store customer data. Property names from the
  // CloudFormation resource specification; defaults from each service's encryption-at-rest documentation and
  // the API reference of the property.
  // SPICE datasets: QuickSight encrypts them; a customer-managed key can only be chosen for the whole QuickSight
  // account (its key management settings), not on the dataset, so the template cannot prove it.
  'AWS::QuickSight::DataSet': { encryptedByDefault: true },
  // RUM keeps the telemetry of end users' sessions for 30 days and offers no key option.
  'AWS::RUM::AppMonitor': { encryptedByDefault: true },
  // S3 Files encrypts file system data and metadata with an AWS owned key unless KmsKeyId names a customer key.
  'AWS::S3Files::FileSystem': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_OWNED },
  // S3 on Outposts buckets support SSE-S3 (and SSE-C per request) only: no SSE-KMS, so no customer-managed key.
  'AWS::S3Outposts::Bucket': { encryptedByDefault: true },
  // A table is encrypted with its table bucket's configuration (judged on AWS::S3Tables::TableBucket).
  'AWS::S3Tables::Table': { encryptedByDefault: true },
  // An index without EncryptionConfiguration inherits its vector bucket's (judged there); one that sets its own
  // must choose SSE-KMS, which only accepts a customer-managed key.
  'AWS::S3Vectors::Index': {
    flag: 'EncryptionConfiguration.SseType',
    flagOn: ['aws:kms'],
    encryptedByDefault: true,
  },
  // HyperPod root volumes use an AWS owned key unless an EBS configuration with RootVolume: true names a key.
  'AWS::SageMaker::Cluster': { custom: 'SageMakerCluster' },
  // Monitoring jobs, processing jobs and shadow tests process captured data on ML storage volumes.
  'AWS::SageMaker::DataQualityJobDefinition': {
    encryptedByDefault: true,
    key: 'JobResources.ClusterConfig.VolumeKmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::ModelBiasJobDefinition': {
    encryptedByDefault: true,
    key: 'JobResources.ClusterConfig.VolumeKmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::ModelExplainabilityJobDefinition': {
    encryptedByDefault: true,
    key: 'JobResources.ClusterConfig.VolumeKmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::ModelQualityJobDefinition': {
    encryptedByDefault: true,
    key: 'JobResources.ClusterConfig.VolumeKmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::MonitoringSchedule': { custom: 'SageMakerMonitoringSchedule' },
  'AWS::SageMaker::ProcessingJob': {
    encryptedByDefault: true,
    key: 'ProcessingResources.ClusterConfig.VolumeKmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::InferenceExperiment': { encryptedByDefault: true, key: 'KmsKey', defaultKey: AWS_MANAGED },
  // Experiment metadata (runs, parameters, metrics) is held by the service, with no key option in the resource.
  'AWS::SageMaker::MlflowApp': { encryptedByDefault: true },
  'AWS::SageMaker::MlflowTrackingServer': { encryptedByDefault: true },
  // Model cards and model package information can describe sensitive training data; both accept a customer key.
  'AWS::SageMaker::ModelCard': {
    encryptedByDefault: true,
    key: 'SecurityConfig.KmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::ModelPackage': {
    encryptedByDefault: true,
    key: 'SecurityConfig.KmsKeyId',
    defaultKey: AWS_MANAGED,
  },
  'AWS::SageMaker::PartnerApp': { encryptedByDefault: true, key: 'KmsKeyId', defaultKey: AWS_MANAGED },
  // A space's storage volume is encrypted with its domain's key (judged on AWS::SageMaker::Domain).
  'AWS::SageMaker::Space': { encryptedByDefault: true },
  // A message template is stored in its knowledge base, with the knowledge base's key (AWS::Wisdom::KnowledgeBase);
  // its default attributes may hold customer profile values.
  'AWS::Wisdom::MessageTemplate': { encryptedByDefault: true },
  'AWS::WorkSpacesWeb::Portal': { encryptedByDefault: true, key: 'CustomerManagedKey', defaultKey: AWS_OWNED },
  'AWS::WorkSpacesWeb::SessionLogger': {
    encryptedByDefault: true,
    key: 'CustomerManagedKey',
    defaultKey: AWS_OWNED,
  },
  'AWS::WorkspacesInstances::Volume': {
    flag: 'Encrypted',
    encryptedByDefault: false,
    key: 'KmsKeyId',
    defaultKey: 'the aws/ebs key',
  },
  'AWS::WorkspacesInstances::WorkspaceInstance': { custom: 'WorkspaceInstance' },
  // Data-path types that also hold data on their way (were stopped as unclassified on top of their paths).
  // EventBridge Pipes: events in flight are encrypted with an AWS owned key unless KmsKeyIdentifier names one.
  'AWS::Pipes::Pipe': { encryptedByDefault: true, key: 'KmsKeyIdentifier', defaultKey: AWS_OWNED },
  // Canary artifacts (screenshots, HAR files, logs of the pages it visits) are written with SSE-S3 unless SSE_KMS.
  'AWS::Synthetics::Canary': {
    flag: 'ArtifactConfig.S3Encryption.EncryptionMode',
    flagOn: ['SSE_KMS'],
    encryptedByDefault: true,
    key: 'ArtifactConfig.S3Encryption.KmsKeyArn',
    defaultKey: 'Amazon S3 managed keys (SSE-S3)',
  },
  // Zero-ETL integrations replicate database rows; without KMSKeyId the integration uses an AWS owned key.
  'AWS::RDS::Integration': { encryptedByDefault: true, key: 'KMSKeyId', defaultKey: AWS_OWNED },
  'AWS::Redshift::Integration': { encryptedByDefault: true, key: 'KMSKeyId', defaultKey: AWS_OWNED },
};

/** Exact types that hold no customer data. */
const STATELESS_TYPES = new Set<string>([
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::KMS::ReplicaKey',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::Subscription',
  'AWS::SQS::QueuePolicy',
  'AWS::SQS::QueueInlinePolicy',
  'AWS::Backup::BackupPlan',
  // Data-path types that were stopped as unclassified on top of the judgement of their paths (a false positive on
  // a compliant template). Each only points at, forwards or configures delivery to stores judged on their own;
  // its destinations are catalogued in data-paths.ts and judged by CaResidency-DataDestination.
  'AWS::S3::StorageLens', // exports storage metrics, not objects
  'AWS::Logs::Destination',
  'AWS::Logs::DeliveryDestination',
  'AWS::Events::Endpoint', // routes events between two regions' buses
  'AWS::KinesisAnalytics::ApplicationOutput',
  'AWS::KinesisAnalyticsV2::ApplicationOutput',
  'AWS::ElastiCache::GlobalReplicationGroup', // data is in its member replication groups
  'AWS::DocDB::GlobalCluster', // data is in its member clusters
  'AWS::DLM::LifecyclePolicy', // snapshots it copies keep (or take) their own encryption, judged on the volumes
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::TransitGatewayPeeringAttachment',
  'AWS::SES::ConfigurationSetEventDestination',
  'AWS::SES::ReceiptRule', // mail it stores lands in a bucket judged on its own
  'AWS::SES::MultiRegionEndpoint',
  'AWS::AppSync::DataSource',
  'AWS::DataSync::Task',
  'AWS::DataSync::LocationS3',
  'AWS::DataSync::LocationNFS',
  'AWS::DataSync::LocationSMB',
  'AWS::DataSync::LocationObjectStorage',
  'AWS::DataSync::LocationHDFS',
  'AWS::DataSync::LocationAzureBlob',
  'AWS::DataSync::LocationEFS',
  'AWS::DataSync::LocationFSxWindows',
  'AWS::DataSync::LocationFSxOpenZFS',
  'AWS::DataSync::LocationFSxONTAP',
  'AWS::SSM::ResourceDataSync', // inventory and compliance metadata
  'AWS::IoT::TopicRule',
  'AWS::IoT::TopicRuleDestination',
  'AWS::CodeStarNotifications::NotificationRule',
  'AWS::VpcLattice::AccessLogSubscription',
  'AWS::GuardDuty::PublishingDestination', // security findings (metadata)
  'AWS::ImageBuilder::DistributionConfiguration', // machine images (build output)
  'AWS::Cognito::LogDeliveryConfiguration',
  'AWS::MSK::Replicator', // data is in the source and target clusters
  'AWS::Pinpoint::EventStream',
  'AWS::Config::OrganizationConformancePack',
  'AWS::NetworkFirewall::LoggingConfiguration',
  'AWS::Chatbot::SlackChannelConfiguration',
  'AWS::Chatbot::MicrosoftTeamsChannelConfiguration',
  'AWS::Backup::BackupSelection',
  'AWS::Backup::RestoreTestingPlan',
  'AWS::Backup::RestoreTestingSelection',
  'AWS::Backup::Framework',
  'AWS::Backup::ReportPlan',
  'AWS::Backup::BackupVaultPolicy',
  'AWS::Logs::MetricFilter',
  'AWS::Logs::SubscriptionFilter',
  'AWS::Logs::ResourcePolicy',
  'AWS::Logs::LogStream',
  'AWS::Logs::QueryDefinition',
  'AWS::Logs::DataProtectionPolicy',
  'AWS::Logs::AccountPolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Url',
  'AWS::Lambda::LayerVersion',
  'AWS::Lambda::LayerVersionPermission',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::FlowLog',
  'AWS::EC2::PrefixList',
  'AWS::EC2::DHCPOptions',
  'AWS::EC2::VPCDHCPOptionsAssociation',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::VPCCidrBlock',
  'AWS::EC2::VolumeAttachment',
  'AWS::EC2::InstanceConnectEndpoint',
  'AWS::EC2::NetworkInterfaceAttachment',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::AutoScaling::ScalingPolicy',
  'AWS::AutoScaling::LifecycleHook',
  'AWS::AutoScaling::ScheduledAction',
  'AWS::IAM::InstanceProfile',
  'AWS::Events::Rule',
  'AWS::Events::Connection',
  'AWS::Scheduler::ScheduleGroup',
  'AWS::SSM::Parameter',
  'AWS::SSM::Document',
  'AWS::SSM::Association',
  'AWS::Config::ConfigRule',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::Config::ConformancePack',
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::SecurityHub::Standard',
  'AWS::AccessAnalyzer::Analyzer',
  'AWS::Macie::Session',
  'AWS::CertificateManager::Certificate',
  'AWS::ECS::Cluster',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::ClusterCapacityProviderAssociations',
  'AWS::ECR::RegistryPolicy',
  'AWS::ECR::ReplicationConfiguration',
  'AWS::ECR::LifecyclePolicy',
  'AWS::SecretsManager::RotationSchedule',
  'AWS::SecretsManager::SecretTargetAttachment',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::DBParameterGroup',
  'AWS::RDS::DBClusterParameterGroup',
  'AWS::RDS::OptionGroup',
  'AWS::RDS::GlobalCluster',
  'AWS::RDS::DBProxy',
  'AWS::RDS::DBProxyTargetGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::ElastiCache::ParameterGroup',
  'AWS::ElastiCache::User',
  'AWS::ElastiCache::UserGroup',
  'AWS::DocDB::DBSubnetGroup',
  'AWS::DocDB::DBClusterParameterGroup',
  'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBSubnetGroup',
  'AWS::Neptune::DBClusterParameterGroup',
  'AWS::Neptune::DBParameterGroup',
  'AWS::Neptune::DBInstance',
  'AWS::Redshift::ClusterSubnetGroup',
  'AWS::Redshift::ClusterParameterGroup',
  'AWS::RedshiftServerless::Workgroup',
  'AWS::EFS::MountTarget',
  'AWS::EFS::AccessPoint',
  'AWS::MSK::Configuration',
  'AWS::OpenSearchServerless::SecurityPolicy',
  'AWS::OpenSearchServerless::AccessPolicy',
  'AWS::OpenSearchServerless::VpcEndpoint',
  'AWS::Glue::SecurityConfiguration',
  'AWS::Glue::DataCatalogEncryptionSettings',
  'AWS::Glue::Connection',
  'AWS::Glue::Trigger',
  'AWS::SageMaker::Model',
  'AWS::SageMaker::Endpoint',
  'AWS::SageMaker::UserProfile',
  'AWS::StepFunctions::StateMachineAlias',
  'AWS::StepFunctions::StateMachineVersion',
  'AWS::Events::ApiDestination',
  'AWS::EKS::Nodegroup',
  'AWS::EKS::Addon',
  'AWS::EKS::AccessEntry',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolGroup',
  // DMS plumbing: data is stored by the replication instance and the endpoints' targets (each judged).
  'AWS::DMS::ReplicationSubnetGroup',
  'AWS::DMS::ReplicationTask',
  'AWS::DMS::Endpoint',
  'AWS::Events::EventBusPolicy',
  // Issue 13: types that store nothing themselves but send data on; their destinations are catalogued in
  // data-paths.ts and judged by CaResidency-DataDestination whatever this list says.
  'AWS::EC2::ClientVpnEndpoint',
  'AWS::EC2::VerifiedAccessInstance',
  'AWS::FIS::ExperimentTemplate',
  'AWS::GameLift::Fleet',
  'AWS::Glue::IntegrationResourceProperty',
  'AWS::KafkaConnect::Connector',
  'AWS::Kendra::DataSource',
  'AWS::Lex::BotAlias',
  'AWS::Logs::ScheduledQuery',
  'AWS::MediaConnect::Bridge',
  'AWS::MediaConnect::BridgeOutput',
  'AWS::MediaConnect::FlowOutput',
  'AWS::MediaConnect::RouterInput',
  'AWS::MediaConnect::RouterOutput',
  'AWS::MediaConvert::JobTemplate',
  'AWS::MediaLive::Multiplex',
  'AWS::MediaTailor::PlaybackConfiguration',
  // Issue 13: these hold no customer data; where they send it is catalogued in lib/policy/data-paths.ts.
  'AWS::APS::Scraper', // collects metrics into a workspace
  'AWS::ARCRegionSwitch::Plan', // a failover plan
  'AWS::AppConfig::Extension', // actions run on configuration events
  'AWS::AppIntegrations::Application', // an application embedded in the Connect agent workspace
  'AWS::B2BI::Capability', // EDI transformation settings; documents go from bucket to bucket
  'AWS::BedrockAgentCore::BrowserCustom', // browser sessions are ephemeral; recordings go to a bucket
  'AWS::BedrockAgentCore::GatewayTarget', // a tool a gateway calls
  'AWS::BedrockAgentCore::Runtime', // agent compute: sessions are ephemeral, files go to the mounted stores
  'AWS::CloudTrail::Channel', // forwards events from outside AWS to an event data store
  'AWS::CodeStar::GitHubRepository', // pushes code to GitHub once
  'AWS::CustomerProfiles::EventStream', // streams profile events to a Kinesis stream
  'AWS::DataBrew::Dataset', // a pointer to source data
  'AWS::DataZone::Connection', // connection settings to data sources
  // Issue 13, backlog Pinpoint..WorkspacesInstances: they store no customer data themselves, but send it somewhere;
  // those destinations are judged by CaResidency-DataDestination (lib/policy/data-paths.ts).
  'AWS::Pinpoint::Campaign',
  // Analyses and dashboards only display data read from datasets (AWS::QuickSight::DataSet, judged as a store).
  'AWS::QuickSight::Analysis',
  'AWS::QuickSight::Dashboard',
  'AWS::QuickSight::DataSource',
  'AWS::SES::MailManagerRuleSet',
  'AWS::SMSVOICE::ConfigurationSet',
  'AWS::SSM::MaintenanceWindowTask',
  'AWS::SSMGuiConnect::Preferences',
  'AWS::SageMaker::CodeRepository',
  'AWS::SecurityHub::ConnectorV2',
  'AWS::SecurityLake::SubscriberNotification',
  'AWS::Transfer::Connector',
  'AWS::Transfer::Server',
  'AWS::Transfer::Workflow',
  'Alexa::ASK::Skill',
]);

/** Type prefixes that hold no customer data (identity, DNS, monitoring configuration, networking front doors). */
const STATELESS_PREFIXES: readonly string[] = [
  'AWS::IAM::',
  'AWS::Organizations::',
  'AWS::Route53::',
  'AWS::Route53Resolver::',
  'AWS::CloudWatch::',
  'AWS::ApplicationAutoScaling::',
  'AWS::ElasticLoadBalancingV2::',
  'AWS::ElasticLoadBalancing::',
  'AWS::WAFv2::',
  'AWS::Shield::',
  'AWS::CloudFormation::',
  'Custom::',
  'AWS::ApiGateway::',
  'AWS::ApiGatewayV2::',
  'AWS::CloudFront::',
  'AWS::GlobalAccelerator::',
  'AWS::Budgets::',
  'AWS::SSO::',
];

export type Classification =
  | { readonly kind: 'data'; readonly spec: DataStoreSpec }
  | { readonly kind: 'stateless' }
  | { readonly kind: 'unclassified' };

/**
 * Classify a type. `extraStateless` lets a user mark more types as holding no data (an option of the engine).
 */
export function classifyType(type: string, extraStateless: readonly string[] = []): Classification {
  const builtIn = builtInClassification(type);
  if (builtIn.kind === 'unclassified' && extraStateless.includes(type)) return STATELESS;
  return builtIn;
}

const STATELESS: Classification = { kind: 'stateless' };
const UNCLASSIFIED: Classification = { kind: 'unclassified' };
const BUILT_IN = new Map<string, Classification>();

/** The catalogue's own classification, remembered per type: several rules ask it of every resource. */
function builtInClassification(type: string): Classification {
  const hit = BUILT_IN.get(type);
  if (hit) return hit;
  const spec = ownEntry(DATA_STORES, type);
  return remember(BUILT_IN, type, spec ? { kind: 'data', spec } : isListedStateless(type) ? STATELESS : UNCLASSIFIED);
}

/** True when the built-in stateless list (an exact type or a prefix) names the type, whatever the catalogue says. */
export function isListedStateless(type: string): boolean {
  // Not remembered here: classifyType, which rules ask per resource, remembers its whole answer per type.
  return (
    STATELESS_TYPES.has(type) ||
    ownEntry(REVIEWED_NO_CUSTOMER_DATA, type) !== undefined ||
    STATELESS_PREFIXES.some((p) => type.startsWith(p))
  );
}
