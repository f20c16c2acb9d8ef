/**
 * Catalogue of data paths: every resource property through which a resource sends, copies or delivers data to
 * another place (a bucket, a queue, a stream, a log group, a URL, a region...). The rule
 * `CaResidency-DataDestination` locates each destination with one mechanism (lib/rules/locate-destination.ts):
 * in the same template, in another stack of the app, by the region of its ARN or host, or declared by the user.
 *
 * Property names are those of the CloudFormation resource specification (a test checks every path against
 * @aws-cdk/aws-service-spec). Sources: the AWS CloudFormation User Guide, "Resource and property reference",
 * page of each type (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-<service>-<type>.html).
 */

/**
 * How a destination value is read when it is not an ARN, an `s3://` location or a URL (those forms are recognised
 * whatever the kind):
 * - `bucket`: a bucket name (optionally `name/prefix`), located among the buckets of the app or the declared ones;
 * - `arn`: the ARN of a regional resource (a bare name would be in the resource's own region and account);
 * - `host`: a host name (optionally with a port, or a JDBC/HTTP URL): an AWS regional endpoint host carries its region;
 *   any other host is outside AWS;
 * - `region`: a region code data is copied or replicated to;
 * - `address`: an e-mail address or a phone number (notifications leave AWS);
 * - `third-party`: the property names a service outside AWS (e.g. a Slack workspace) that receives data;
 * - `model`: an Amazon Bedrock model, inference profile or guardrail profile. A model id alone runs in the
 *   resource's region; a cross-Region (system-defined) profile, named with a geography prefix (`us.`, `eu.`,
 *   `global.`...), sends requests to any region of that geography, even when its ARN carries the source region.
 */
export type DestinationKind = 'bucket' | 'arn' | 'host' | 'region' | 'address' | 'third-party' | 'model';

export interface DataPath {
  /**
   * Dot path into Properties; `[]` = every element of a list, `{}` = every value of a map, `[Key=k]` = the elements
   * of a key/value list whose `Key` is `k` (e.g. load balancer attributes).
   */
  readonly path: string;
  readonly kind: DestinationKind;
  /** What travels, for messages (e.g. 'server access logs'). */
  readonly carries: string;
  /**
   * Judge the path only when a property of the same resource (dot path from Properties) has one of these values,
   * compared case-insensitively. A value that cannot be resolved counts as matching (fail closed).
   */
  readonly when?: { readonly property: string; readonly values: readonly string[] };
  /** A dedicated rule judges this path (with its own message); the generic rule leaves it alone. */
  readonly judgedBy?: string;
}

/** Segments of a catalogue path (dots inside `[Key=...]` do not split). */
export function pathSegments(path: string): string[] {
  return path.match(/(?:[^.[]|\[[^\]]*\])+/g) ?? [];
}

/** The top-level property a catalogue path lies under: its first segment without `[]`, `{}` or `[Key=...]`. */
export function topKeyOf(path: string): string {
  return (pathSegments(path)[0] ?? '').replace(/[[{].*$/, '');
}

const p = (path: string, kind: DestinationKind, carries: string, extra: Partial<DataPath> = {}): DataPath => ({
  path,
  kind,
  carries,
  ...extra,
});

/** Firehose destinations that keep a backup copy in S3 under `<destination>.S3Configuration.BucketARN`. */
const FIREHOSE_WITH_S3_BACKUP = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
];

/** SNS subscription protocols and how their endpoint is read. */
const SNS_ENDPOINTS: readonly [readonly string[], DestinationKind][] = [
  [['sqs', 'lambda', 'firehose', 'application'], 'arn'],
  [['http', 'https'], 'host'],
  [['email', 'email-json', 'sms'], 'address'],
];

const snsEndpoint = (path: string, protocolPath: string): DataPath[] =>
  SNS_ENDPOINTS.map(([values, kind]) => p(path, kind, 'topic messages', { when: { property: protocolPath, values } }));

/** Actions of an IoT topic rule that deliver the message somewhere. */
const IOT_ACTIONS: DataPath[] = [
  p('Http.Url', 'host', 'device messages'),
  p('S3.BucketName', 'bucket', 'device messages'),
  p('Lambda.FunctionArn', 'arn', 'device messages'),
  p('Sns.TargetArn', 'arn', 'device messages'),
  p('Sqs.QueueUrl', 'host', 'device messages'),
  p('Kafka.DestinationArn', 'arn', 'device messages'),
  p('OpenSearch.Endpoint', 'host', 'device messages'),
  p('Elasticsearch.Endpoint', 'host', 'device messages'),
];

/** Conversation logs and code hooks of a Lex V2 bot alias (also the test alias settings of a bot). */
const LEX_ALIAS_PATHS: DataPath[] = [
  p(
    'ConversationLogSettings.TextLogSettings[].Destination.CloudWatch.CloudWatchLogGroupArn',
    'arn',
    'conversation text logs',
  ),
  p('ConversationLogSettings.AudioLogSettings[].Destination.S3Bucket.S3BucketArn', 'bucket', 'conversation audio logs'),
  p(
    'BotAliasLocaleSettings[].BotAliasLocaleSetting.CodeHookSpecification.LambdaCodeHook.LambdaArn',
    'arn',
    'conversation turns',
  ),
];

/** Models, knowledge bases and assistants a Lex V2 bot locale sends user utterances to (paths under a locale). */
const LEX_MODEL_PATHS: DataPath[] = [
  'Intents[].QInConnectIntentConfiguration.QInConnectAssistantConfiguration.AssistantArn',
  'Intents[].BedrockAgentIntentConfiguration.BedrockAgentIntentKnowledgeBaseConfiguration.BedrockModelConfiguration.ModelArn',
  'Intents[].BedrockAgentIntentConfiguration.BedrockAgentIntentKnowledgeBaseConfiguration.BedrockKnowledgeBaseArn',
  'Intents[].QnAIntentConfiguration.BedrockModelConfiguration.ModelArn',
  'Intents[].QnAIntentConfiguration.DataSourceConfiguration.BedrockKnowledgeStoreConfiguration.BedrockKnowledgeBaseArn',
  'GenerativeAISettings.RuntimeSettings.SlotResolutionImprovementSpecification.BedrockModelSpecification.ModelArn',
  'GenerativeAISettings.BuildtimeSettings.DescriptiveBotBuilderSpecification.BedrockModelSpecification.ModelArn',
  'GenerativeAISettings.BuildtimeSettings.SampleUtteranceGenerationSpecification.BedrockModelSpecification.ModelArn',
  'UnifiedSpeechSettings.SpeechFoundationModel.ModelArn',
  // A model ARN may name a cross-Region inference profile (us., eu., global.): located as a model, not an ARN.
].map((path) => p(path, path.endsWith('.ModelArn') ? 'model' : 'arn', 'user utterances'));

/** MediaConvert output group settings whose `Destination` is where transcoded files are written. */
const MEDIACONVERT_OUTPUT_GROUPS = [
  'FileGroupSettings',
  'HlsGroupSettings',
  'DashIsoGroupSettings',
  'CmafGroupSettings',
  'MsSmoothGroupSettings',
];
/** AppFlow destination connectors that park failed records (and SAP OData responses) in a bucket. */
const APPFLOW_ERROR_BUCKETS = [
  'CustomConnector',
  'SAPOData',
  'Snowflake',
  'EventBridge',
  'Zendesk',
  'Marketo',
  'Redshift',
  'Salesforce',
].map((c) => `DestinationFlowConfigList[].DestinationConnectorProperties.${c}.ErrorHandlingConfig.BucketName`);

/** Model overrides of AgentCore memory strategies: conversation events are sent to these models. */
const AGENTCORE_MEMORY_MODELS = [
  'SemanticOverride.Extraction',
  'SemanticOverride.Consolidation',
  'SummaryOverride.Consolidation',
  'UserPreferenceOverride.Extraction',
  'UserPreferenceOverride.Consolidation',
  'EpisodicOverride.Extraction',
  'EpisodicOverride.Consolidation',
  'EpisodicOverride.Reflection',
].map((o) => `MemoryStrategies[].CustomMemoryStrategy.Configuration.${o}.ModelId`);

/** QuickSight data source types whose connection is a host name: queries go there and the data read comes back. */
const QUICKSIGHT_HOSTS = [
  'AuroraParameters',
  'AuroraPostgreSqlParameters',
  'DatabricksParameters',
  'MariaDbParameters',
  'MySqlParameters',
  'OracleParameters',
  'PostgreSqlParameters',
  'PrestoParameters',
  'RedshiftParameters',
  'SnowflakeParameters',
  'SparkParameters',
  'SqlServerParameters',
  'StarburstParameters',
  'TeradataParameters',
  'TrinoParameters',
];
const quickSightSource = (base: string): DataPath[] => [
  ...QUICKSIGHT_HOSTS.map((t) => p(`${base}.${t}.Host`, 'host', 'queries and the data they read')),
  p(`${base}.S3Parameters.ManifestFileLocation.Bucket`, 'bucket', 'the data imported from S3'),
  p(`${base}.S3TablesParameters.TableBucketArn`, 'arn', 'queries and the data they read'),
];

/**
 * QuickSight visuals whose custom actions can open a URL (from the resource specification). A URL action puts
 * field and parameter values of the clicked data point into its URL template (QuickSight User Guide, "Using
 * parameters in a URL"), so the viewer's browser sends them to that host.
 */
const QUICKSIGHT_VISUALS_WITH_ACTIONS = [
  'BarChartVisual',
  'BoxPlotVisual',
  'ComboChartVisual',
  'CustomContentVisual',
  'EmptyVisual',
  'FilledMapVisual',
  'FunnelChartVisual',
  'GaugeChartVisual',
  'GeospatialMapVisual',
  'HeatMapVisual',
  'HistogramVisual',
  'InsightVisual',
  'KPIVisual',
  'LineChartVisual',
  'PieChartVisual',
  'PivotTableVisual',
  'RadarChartVisual',
  'SankeyDiagramVisual',
  'ScatterPlotVisual',
  'TableVisual',
  'TreeMapVisual',
  'WaterfallVisual',
  'WordCloudVisual',
];
const URL_ACTION = 'Actions[].ActionOperations[].URLOperation.URLTemplate';
const QUICKSIGHT_URLS: DataPath[] = [
  ...QUICKSIGHT_VISUALS_WITH_ACTIONS.map((v) =>
    p(`Definition.Sheets[].Visuals[].${v}.${URL_ACTION}`, 'host', 'values of the clicked data (URL action)'),
  ),
  p(
    `Definition.Sheets[].Visuals[].LayerMapVisual.ChartConfiguration.MapLayers[].${URL_ACTION}`,
    'host',
    'values of the clicked data (URL action)',
  ),
  p(`Definition.Sheets[].Images[].${URL_ACTION}`, 'host', 'values of the clicked data (URL action)'),
  p(
    'Definition.Sheets[].Visuals[].CustomContentVisual.ChartConfiguration.ContentUrl',
    'host',
    "viewers' requests for embedded content",
  ),
];

/** Transfer Family workflow steps that write a copy of the uploaded file, or hand its details to a function. */
const transferSteps = (steps: string): DataPath[] => [
  p(`${steps}[].CopyStepDetails.DestinationFileLocation.S3FileLocation.Bucket`, 'bucket', 'copies of uploaded files'),
  p(`${steps}[].DecryptStepDetails.DestinationFileLocation.S3FileLocation.Bucket`, 'bucket', 'decrypted files'),
  p(`${steps}[].CustomStepDetails.Target`, 'arn', 'uploaded file details'),
];

/** SageMaker model monitoring reports (statistics and violations computed from captured inference data). */
const monitoringOutputs = (config: string): DataPath =>
  p(`${config}.MonitoringOutputs[].S3Output.S3Uri`, 'bucket', 'monitoring reports on captured data');

/** Data paths by resource type. */
export const DATA_PATHS: Readonly<Record<string, readonly DataPath[]>> = {
  'AWS::S3::Bucket': [
    p('ReplicationConfiguration.Rules[].Destination.Bucket', 'bucket', 'replicated objects', {
      judgedBy: 'CaResidency-S3ReplicationDestination',
    }),
    p('LoggingConfiguration.DestinationBucketName', 'bucket', 'server access logs'),
    p('InventoryConfigurations[].Destination.BucketArn', 'bucket', 'inventory reports'),
    p(
      'AnalyticsConfigurations[].StorageClassAnalysis.DataExport.Destination.BucketArn',
      'bucket',
      'storage class analysis exports',
    ),
    p('NotificationConfiguration.TopicConfigurations[].Topic', 'arn', 'object event notifications'),
    p('NotificationConfiguration.QueueConfigurations[].Queue', 'arn', 'object event notifications'),
    p('NotificationConfiguration.LambdaConfigurations[].Function', 'arn', 'object event notifications'),
  ],
  'AWS::S3::StorageLens': [
    p('StorageLensConfiguration.DataExport.S3BucketDestination.Arn', 'bucket', 'Storage Lens metrics exports'),
  ],
  'AWS::Backup::BackupPlan': [
    p('BackupPlan.BackupPlanRule[].CopyActions[].DestinationBackupVaultArn', 'arn', 'recovery point copies', {
      judgedBy: 'CaResidency-BackupCopyDestination',
    }),
  ],
  'AWS::DynamoDB::GlobalTable': [
    p('Replicas[].Region', 'region', 'table replicas', { judgedBy: 'CaResidency-DynamoDBReplicaRegion' }),
  ],
  'AWS::CloudTrail::Trail': [
    p('S3BucketName', 'bucket', 'API activity logs'),
    p('CloudWatchLogsLogGroupArn', 'arn', 'API activity logs'),
    p('SnsTopicName', 'arn', 'log file delivery notifications'),
  ],
  'AWS::EC2::FlowLog': [p('LogDestination', 'arn', 'network flow logs')],
  'AWS::Config::DeliveryChannel': [
    p('S3BucketName', 'bucket', 'configuration snapshots and history'),
    p('SnsTopicARN', 'arn', 'configuration change notifications'),
  ],
  'AWS::Logs::SubscriptionFilter': [p('DestinationArn', 'arn', 'log events')],
  'AWS::Logs::Destination': [p('TargetArn', 'arn', 'log events')],
  'AWS::Logs::DeliveryDestination': [p('DestinationResourceArn', 'arn', 'vended logs')],
  'AWS::Events::Rule': [
    p('Targets[].Arn', 'arn', 'events'),
    p('Targets[].DeadLetterConfig.Arn', 'arn', 'undelivered events'),
  ],
  'AWS::Events::EventBus': [p('DeadLetterConfig.Arn', 'arn', 'undelivered events')],
  'AWS::Events::ApiDestination': [p('InvocationEndpoint', 'host', 'events')],
  'AWS::Events::Endpoint': [p('EventBuses[].EventBusArn', 'arn', 'replicated events')],
  'AWS::Pipes::Pipe': [p('Target', 'arn', 'pipe records'), p('Enrichment', 'arn', 'pipe records')],
  'AWS::Scheduler::Schedule': [
    p('Target.Arn', 'arn', 'schedule payloads'),
    p('Target.DeadLetterConfig.Arn', 'arn', 'undelivered payloads'),
  ],
  'AWS::SNS::Subscription': snsEndpoint('Endpoint', 'Protocol'),
  'AWS::SNS::Topic': snsEndpoint('Subscription[].Endpoint', 'Subscription[].Protocol'),
  'AWS::SQS::Queue': [p('RedrivePolicy.deadLetterTargetArn', 'arn', 'undeliverable messages')],
  'AWS::Lambda::Function': [p('DeadLetterConfig.TargetArn', 'arn', 'failed events')],
  'AWS::Lambda::EventInvokeConfig': [
    p('DestinationConfig.OnSuccess.Destination', 'arn', 'invocation records'),
    p('DestinationConfig.OnFailure.Destination', 'arn', 'invocation records'),
  ],
  'AWS::Lambda::EventSourceMapping': [p('DestinationConfig.OnFailure.Destination', 'arn', 'failed batches')],
  'AWS::KinesisFirehose::DeliveryStream': [
    p('S3DestinationConfiguration.BucketARN', 'bucket', 'delivered records'),
    p('ExtendedS3DestinationConfiguration.BucketARN', 'bucket', 'delivered records'),
    p('ExtendedS3DestinationConfiguration.S3BackupConfiguration.BucketARN', 'bucket', 'source record backups'),
    ...FIREHOSE_WITH_S3_BACKUP.map((d) => p(`${d}.S3Configuration.BucketARN`, 'bucket', 'record backups')),
    p('RedshiftDestinationConfiguration.ClusterJDBCURL', 'host', 'delivered records'),
    p('ElasticsearchDestinationConfiguration.DomainARN', 'arn', 'delivered records'),
    p('ElasticsearchDestinationConfiguration.ClusterEndpoint', 'host', 'delivered records'),
    p('AmazonopensearchserviceDestinationConfiguration.DomainARN', 'arn', 'delivered records'),
    p('AmazonopensearchserviceDestinationConfiguration.ClusterEndpoint', 'host', 'delivered records'),
    p('AmazonOpenSearchServerlessDestinationConfiguration.CollectionEndpoint', 'host', 'delivered records'),
    p('SplunkDestinationConfiguration.HECEndpoint', 'host', 'delivered records'),
    p('HttpEndpointDestinationConfiguration.EndpointConfiguration.Url', 'host', 'delivered records'),
    p('SnowflakeDestinationConfiguration.AccountUrl', 'host', 'delivered records'),
    p('IcebergDestinationConfiguration.CatalogConfiguration.CatalogArn', 'arn', 'delivered records'),
  ],
  'AWS::KinesisAnalyticsV2::ApplicationOutput': [
    p('Output.KinesisStreamsOutput.ResourceARN', 'arn', 'application output'),
    p('Output.KinesisFirehoseOutput.ResourceARN', 'arn', 'application output'),
    p('Output.LambdaOutput.ResourceARN', 'arn', 'application output'),
  ],
  'AWS::CloudWatch::MetricStream': [p('FirehoseArn', 'arn', 'metrics')],
  'AWS::RDS::DBInstance': [
    p('SourceDBInstanceIdentifier', 'arn', 'read replica data'),
    p('SourceRegion', 'region', 'read replica data'),
    p('AutomaticBackupReplicationRegion', 'region', 'replicated automated backups'),
  ],
  'AWS::RDS::DBCluster': [
    p('ReplicationSourceIdentifier', 'arn', 'replica cluster data'),
    p('SourceRegion', 'region', 'replica cluster data'),
  ],
  'AWS::RDS::GlobalCluster': [p('SourceDBClusterIdentifier', 'arn', 'global database data')],
  'AWS::ElastiCache::GlobalReplicationGroup': [
    p('Members[].ReplicationGroupRegion', 'region', 'replicated cache data'),
  ],
  'AWS::KMS::ReplicaKey': [p('PrimaryKeyArn', 'arn', 'key material shared with the primary key')],
  'AWS::Redshift::Cluster': [
    p('DestinationRegion', 'region', 'snapshot copies'),
    p('LoggingProperties.BucketName', 'bucket', 'audit logs'),
  ],
  'AWS::DLM::LifecyclePolicy': [
    p('PolicyDetails.Schedules[].CrossRegionCopyRules[].TargetRegion', 'region', 'snapshot copies'),
    p('PolicyDetails.Actions[].CrossRegionCopy[].Target', 'region', 'snapshot copies'),
  ],
  'AWS::EC2::VPCPeeringConnection': [p('PeerRegion', 'region', 'network traffic')],
  'AWS::EC2::TransitGatewayPeeringAttachment': [p('PeerRegion', 'region', 'network traffic')],
  'AWS::ECS::TaskDefinition': [
    p('ContainerDefinitions[].LogConfiguration.Options.awslogs-region', 'region', 'container logs'),
    p('ContainerDefinitions[].LogConfiguration.Options.region', 'region', 'container logs'),
    p('ContainerDefinitions[].LogConfiguration.Options.splunk-url', 'host', 'container logs'),
    p('ContainerDefinitions[].LogConfiguration.Options.syslog-address', 'host', 'container logs'),
    p('ContainerDefinitions[].LogConfiguration.Options.fluentd-address', 'host', 'container logs'),
    p('ContainerDefinitions[].LogConfiguration.Options.gelf-address', 'host', 'container logs'),
  ],
  'AWS::SES::ConfigurationSetEventDestination': [
    p('EventDestination.KinesisFirehoseDestination.DeliveryStreamARN', 'arn', 'e-mail events'),
    p('EventDestination.SnsDestination.TopicARN', 'arn', 'e-mail events'),
    p('EventDestination.EventBridgeDestination.EventBusArn', 'arn', 'e-mail events'),
  ],
  'AWS::SES::ReceiptRule': [
    p('Rule.Actions[].S3Action.BucketName', 'bucket', 'received e-mail'),
    p('Rule.Actions[].SNSAction.TopicArn', 'arn', 'received e-mail'),
    p('Rule.Actions[].LambdaAction.FunctionArn', 'arn', 'received e-mail'),
  ],
  'AWS::Cognito::UserPool': [
    p('EmailConfiguration.SourceArn', 'arn', 'e-mail to users (sent through SES in that region)'),
    p('SmsConfiguration.SnsRegion', 'region', 'SMS to users (sent through SNS in that region)'),
  ],
  'AWS::StepFunctions::StateMachine': [
    p('LoggingConfiguration.Destinations[].CloudWatchLogsLogGroup.LogGroupArn', 'arn', 'execution history'),
  ],
  'AWS::ApiGateway::Stage': [p('AccessLogSetting.DestinationArn', 'arn', 'access logs')],
  'AWS::ApiGatewayV2::Stage': [p('AccessLogSettings.DestinationArn', 'arn', 'access logs')],
  'AWS::ApiGateway::Method': [p('Integration.Uri', 'host', 'API requests')],
  'AWS::ApiGatewayV2::Integration': [p('IntegrationUri', 'host', 'API requests')],
  'AWS::AppSync::DataSource': [
    p('HttpConfig.Endpoint', 'host', 'resolver requests'),
    p('LambdaConfig.LambdaFunctionArn', 'arn', 'resolver requests'),
    p('DynamoDBConfig.AwsRegion', 'region', 'resolver requests'),
    p('OpenSearchServiceConfig.AwsRegion', 'region', 'resolver requests'),
    p('RelationalDatabaseConfig.RdsHttpEndpointConfig.AwsRegion', 'region', 'resolver requests'),
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    p('LoadBalancerAttributes[Key=access_logs.s3.bucket].Value', 'bucket', 'access logs'),
    p('LoadBalancerAttributes[Key=connection_logs.s3.bucket].Value', 'bucket', 'connection logs'),
  ],
  'AWS::ElasticLoadBalancing::LoadBalancer': [p('AccessLoggingPolicy.S3BucketName', 'bucket', 'access logs')],
  'AWS::WAFv2::LoggingConfiguration': [p('LogDestinationConfigs[]', 'arn', 'web request logs')],
  'AWS::Route53Resolver::ResolverQueryLoggingConfig': [p('DestinationArn', 'arn', 'DNS query logs')],
  'AWS::MSK::Cluster': [p('LoggingInfo.BrokerLogs.S3.Bucket', 'bucket', 'broker logs')],
  'AWS::OpenSearchService::Domain': [p('LogPublishingOptions{}.CloudWatchLogsLogGroupArn', 'arn', 'domain logs')],
  'AWS::DMS::Endpoint': [
    p('ServerName', 'host', 'migrated data', { when: { property: 'EndpointType', values: ['target'] } }),
    p('S3Settings.BucketName', 'bucket', 'migrated data', { when: { property: 'EndpointType', values: ['target'] } }),
    p('KinesisSettings.StreamArn', 'arn', 'migrated data', { when: { property: 'EndpointType', values: ['target'] } }),
    p('KafkaSettings.Broker', 'host', 'migrated data', { when: { property: 'EndpointType', values: ['target'] } }),
    p('ElasticsearchSettings.EndpointUri', 'host', 'migrated data', {
      when: { property: 'EndpointType', values: ['target'] },
    }),
    p('RedshiftSettings.BucketName', 'bucket', 'migrated data', {
      when: { property: 'EndpointType', values: ['target'] },
    }),
  ],
  'AWS::DataSync::LocationS3': [p('S3BucketArn', 'bucket', 'transferred files')],
  'AWS::DataSync::Task': [p('DestinationLocationArn', 'arn', 'transferred files')],
  'AWS::CodePipeline::Pipeline': [
    p('ArtifactStore.Location', 'bucket', 'pipeline artifacts'),
    p('ArtifactStores[].ArtifactStore.Location', 'bucket', 'pipeline artifacts'),
    p('ArtifactStores[].Region', 'region', 'pipeline artifacts'),
  ],
  'AWS::Athena::WorkGroup': [p('WorkGroupConfiguration.ResultConfiguration.OutputLocation', 'bucket', 'query results')],
  'AWS::SSM::Association': [
    p('OutputLocation.S3Location.OutputS3BucketName', 'bucket', 'command output'),
    p('OutputLocation.S3Location.OutputS3Region', 'region', 'command output'),
  ],
  'AWS::SSM::ResourceDataSync': [
    p('S3Destination.BucketName', 'bucket', 'inventory data'),
    p('S3Destination.BucketRegion', 'region', 'inventory data'),
    p('BucketName', 'bucket', 'inventory data'),
    p('BucketRegion', 'region', 'inventory data'),
  ],
  'AWS::EMR::Cluster': [p('LogUri', 'bucket', 'cluster logs')],
  'AWS::Synthetics::Canary': [p('ArtifactS3Location', 'bucket', 'canary artifacts')],
  'AWS::IoT::TopicRule': IOT_ACTIONS.map((a) => ({ ...a, path: `TopicRulePayload.Actions[].${a.path}` })),
  'AWS::CodeStarNotifications::NotificationRule': [p('Targets[].TargetAddress', 'arn', 'notifications')],
  'AWS::VpcLattice::AccessLogSubscription': [p('DestinationArn', 'arn', 'access logs')],
  'AWS::GuardDuty::PublishingDestination': [p('DestinationProperties.DestinationArn', 'bucket', 'security findings')],
  'AWS::ImageBuilder::DistributionConfiguration': [p('Distributions[].Region', 'region', 'machine images')],
  'AWS::Cognito::LogDeliveryConfiguration': [
    p('LogConfigurations[].CloudWatchLogsConfiguration.LogGroupArn', 'arn', 'user activity logs'),
    p('LogConfigurations[].S3Configuration.BucketArn', 'bucket', 'user activity logs'),
    p('LogConfigurations[].FirehoseConfiguration.StreamArn', 'arn', 'user activity logs'),
  ],
  'AWS::RDS::Integration': [p('TargetArn', 'arn', 'replicated database data')],
  'AWS::Redshift::Integration': [p('TargetArn', 'arn', 'replicated database data')],
  'AWS::DocDB::GlobalCluster': [p('SourceDBClusterIdentifier', 'arn', 'global database data')],
  'AWS::MSK::Replicator': [p('KafkaClusters[].AmazonMskCluster.MskClusterArn', 'arn', 'replicated records')],
  'AWS::SSMIncidents::ReplicationSet': [p('Regions[].RegionName', 'region', 'incident records')],
  'AWS::Pinpoint::EventStream': [p('DestinationStreamArn', 'arn', 'engagement events')],
  'AWS::SES::MultiRegionEndpoint': [p('Details.RouteDetails[].Region', 'region', 'e-mail sending')],
  'AWS::AuditManager::Assessment': [p('AssessmentReportsDestination.Destination', 'bucket', 'assessment reports')],
  'AWS::Config::OrganizationConformancePack': [p('DeliveryS3Bucket', 'bucket', 'conformance results')],
  // Types classified from the coverage backlog (issue 13), AWS::APS::Scraper to AWS::DataZone::EnvironmentActions.
  // Sources: the CloudFormation template reference page of each type, and each service's user guide (where the
  // service writes, replicates or forwards data: destinations, integrations, data protection).
  'AWS::APS::Scraper': [
    p('Destination.AmpConfiguration.WorkspaceArn', 'arn', 'scraped metrics'),
    p('Destination.CloudWatchConfiguration.DatasetArn', 'arn', 'scraped metrics'),
    p('ScraperLoggingConfiguration.LoggingDestination.CloudWatchLogs.LogGroupArn', 'arn', 'scraper logs'),
  ],
  // A region switch plan moves the application (and replicates its databases) between its regions.
  'AWS::ARCRegionSwitch::Plan': [
    p('Regions[]', 'region', 'application traffic and data on failover'),
    p('PrimaryRegion', 'region', 'application traffic and data on failover'),
    p('ReportConfiguration.ReportOutput[].S3Configuration.BucketPath', 'bucket', 'plan execution reports'),
  ],
  // Extension actions receive the configuration data (e.g. a hosted version before it is created).
  'AWS::AppConfig::Extension': [p('Actions{}[].Uri', 'arn', 'configuration data and deployment events')],
  // Connections to destinations that AppFlow can write to; source-only connectors only send queries.
  'AWS::AppFlow::ConnectorProfile': [
    ...['Salesforce', 'Marketo', 'Zendesk'].map((c) =>
      p(`ConnectorProfileConfig.ConnectorProfileProperties.${c}.InstanceUrl`, 'host', `records written to ${c}`),
    ),
    p(
      'ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.ApplicationHostUrl',
      'host',
      'records written to SAP',
    ),
    p('ConnectorProfileConfig.ConnectorProfileProperties.Redshift.DatabaseUrl', 'host', 'records written to Redshift'),
    p('ConnectorProfileConfig.ConnectorProfileProperties.Redshift.BucketName', 'bucket', 'records staged for Redshift'),
    p(
      'ConnectorProfileConfig.ConnectorProfileProperties.Snowflake.BucketName',
      'bucket',
      'records staged for Snowflake',
    ),
    p('ConnectorProfileConfig.ConnectorProfileProperties.Snowflake.Region', 'region', 'records written to Snowflake'),
  ],
  'AWS::AppFlow::Flow': [
    p('DestinationFlowConfigList[].DestinationConnectorProperties.S3.BucketName', 'bucket', 'flow records'),
    p('DestinationFlowConfigList[].DestinationConnectorProperties.Upsolver.BucketName', 'bucket', 'flow records'),
    p(
      'DestinationFlowConfigList[].DestinationConnectorProperties.Redshift.IntermediateBucketName',
      'bucket',
      'flow records',
    ),
    p(
      'DestinationFlowConfigList[].DestinationConnectorProperties.Snowflake.IntermediateBucketName',
      'bucket',
      'flow records',
    ),
    p(
      'DestinationFlowConfigList[].DestinationConnectorProperties.SAPOData.SuccessResponseHandlingConfig.BucketName',
      'bucket',
      'SAP responses to written records',
    ),
    ...APPFLOW_ERROR_BUCKETS.map((path) => p(path, 'bucket', 'records that failed to be written')),
  ],
  // A third-party application embedded in the Amazon Connect agent workspace receives contact data.
  'AWS::AppIntegrations::Application': [
    p('ApplicationSourceConfig.ExternalUrlConfig.AccessUrl', 'host', 'contact data shown to an embedded application'),
  ],
  'AWS::AppStream::Stack': [
    p('StorageConnectors[].Domains[]', 'third-party', 'user files (to Google Drive or OneDrive)', {
      when: { property: 'StorageConnectors[].ConnectorType', values: ['GOOGLE_DRIVE', 'ONE_DRIVE'] },
    }),
    p('AgentAccessConfig.S3BucketArn', 'bucket', 'screenshots of streaming sessions'),
  ],
  'AWS::B2BI::Capability': [p('Configuration.Edi.OutputLocation.BucketName', 'bucket', 'transformed EDI documents')],
  'AWS::Bedrock::Agent': [
    p('FoundationModel', 'model', 'conversations'),
    p('PromptOverrideConfiguration.PromptConfigurations[].FoundationModel', 'model', 'conversations'),
    p('PromptOverrideConfiguration.OverrideLambda', 'arn', 'model responses to parse'),
    p('ActionGroups[].ActionGroupExecutor.Lambda', 'arn', 'action requests (user input and session state)'),
    p('CustomOrchestration.Executor.Lambda', 'arn', 'conversation state'),
    p('AgentCollaborators[].AgentDescriptor.AliasArn', 'arn', 'conversations handed to a collaborator agent'),
  ],
  'AWS::Bedrock::DataSource': [
    p(
      'VectorIngestionConfiguration.ParsingConfiguration.BedrockFoundationModelConfiguration.ModelArn',
      'model',
      'documents to parse',
    ),
    p(
      'VectorIngestionConfiguration.ContextEnrichmentConfiguration.BedrockFoundationModelConfiguration.ModelArn',
      'model',
      'document chunks to enrich',
    ),
    p(
      'VectorIngestionConfiguration.CustomTransformationConfiguration.IntermediateStorage.S3Location.URI',
      'bucket',
      'documents being ingested',
    ),
    p(
      'VectorIngestionConfiguration.CustomTransformationConfiguration.Transformations[].TransformationFunction.TransformationLambdaConfiguration.LambdaArn',
      'arn',
      'document chunks',
    ),
  ],
  'AWS::Bedrock::Flow': [
    p('Definition.Nodes[].Configuration.Prompt.SourceConfiguration.Inline.ModelId', 'model', 'flow inputs'),
    p('Definition.Nodes[].Configuration.KnowledgeBase.ModelId', 'model', 'flow inputs'),
    p(
      'Definition.Nodes[].Configuration.KnowledgeBase.RerankingConfiguration.BedrockRerankingConfiguration.ModelConfiguration.ModelArn',
      'model',
      'retrieved passages to rerank',
    ),
    p('Definition.Nodes[].Configuration.LambdaFunction.LambdaArn', 'arn', 'flow inputs'),
    p('Definition.Nodes[].Configuration.Agent.AgentAliasArn', 'arn', 'flow inputs'),
    p('Definition.Nodes[].Configuration.Lex.BotAliasArn', 'arn', 'flow inputs'),
    p('Definition.Nodes[].Configuration.Storage.ServiceConfiguration.S3.BucketName', 'bucket', 'flow outputs'),
  ],
  // A guardrail profile spreads evaluation of prompts and responses over the regions of its geography.
  'AWS::Bedrock::Guardrail': [p('CrossRegionConfig.GuardrailProfileArn', 'model', 'prompts and responses to evaluate')],
  'AWS::Bedrock::KnowledgeBase': [
    p(
      'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn',
      'model',
      'documents and queries to embed',
    ),
    p(
      'KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.EmbeddingModelArn',
      'model',
      'documents and queries to embed',
    ),
    ...['VectorKnowledgeBaseConfiguration', 'ManagedKnowledgeBaseConfiguration'].map((c) =>
      p(
        `KnowledgeBaseConfiguration.${c}.SupplementalDataStorageConfiguration.SupplementalDataStorageLocations[].S3Location.URI`,
        'bucket',
        'images extracted from documents',
      ),
    ),
    p('KnowledgeBaseConfiguration.KendraKnowledgeBaseConfiguration.KendraIndexArn', 'arn', 'retrieval queries'),
    p(
      'KnowledgeBaseConfiguration.SqlKnowledgeBaseConfiguration.RedshiftConfiguration.QueryEngineConfiguration.ServerlessConfiguration.WorkgroupArn',
      'arn',
      'generated SQL queries',
    ),
    p('StorageConfiguration.OpensearchServerlessConfiguration.CollectionArn', 'arn', 'document chunks and embeddings'),
    p('StorageConfiguration.OpensearchManagedClusterConfiguration.DomainArn', 'arn', 'document chunks and embeddings'),
    p(
      'StorageConfiguration.OpensearchManagedClusterConfiguration.DomainEndpoint',
      'host',
      'document chunks and embeddings',
    ),
    p('StorageConfiguration.RdsConfiguration.ResourceArn', 'arn', 'document chunks and embeddings'),
    p('StorageConfiguration.NeptuneAnalyticsConfiguration.GraphArn', 'arn', 'document chunks and embeddings'),
    p('StorageConfiguration.S3VectorsConfiguration.VectorBucketArn', 'arn', 'document chunks and embeddings'),
    p('StorageConfiguration.S3VectorsConfiguration.IndexArn', 'arn', 'document chunks and embeddings'),
    p('StorageConfiguration.MongoDbAtlasConfiguration.Endpoint', 'host', 'document chunks and embeddings'),
    p('StorageConfiguration.PineconeConfiguration.ConnectionString', 'host', 'document chunks and embeddings'),
  ],
  'AWS::Bedrock::Prompt': [p('Variants[].ModelId', 'model', 'prompt inputs')],
  'AWS::BedrockAgentCore::BrowserCustom': [
    p('RecordingConfig.S3Location.Bucket', 'bucket', 'browser session recordings'),
  ],
  'AWS::BedrockAgentCore::Evaluator': [
    p('EvaluatorConfig.CodeBased.LambdaConfig.LambdaArn', 'arn', 'agent traces to evaluate'),
    p(
      'EvaluatorConfig.LlmAsAJudge.ModelConfig.BedrockEvaluatorModelConfig.ModelId',
      'model',
      'agent traces to evaluate',
    ),
    p(
      'EvaluatorConfig.LlmAsAJudge.ModelConfig.ResponsesEvaluatorModelConfig.ModelId',
      'model',
      'agent traces to evaluate',
    ),
  ],
  'AWS::BedrockAgentCore::Gateway': [
    p('InterceptorConfigurations[].Interceptor.Lambda.Arn', 'arn', 'tool requests and responses'),
  ],
  'AWS::BedrockAgentCore::GatewayTarget': [
    p('TargetConfiguration.Mcp.Lambda.LambdaArn', 'arn', 'tool calls'),
    p('TargetConfiguration.Mcp.McpServer.Endpoint', 'host', 'tool calls'),
    p('TargetConfiguration.Http.AgentcoreRuntime.Arn', 'arn', 'tool calls'),
    p('TargetConfiguration.Http.Passthrough.Endpoint', 'host', 'tool calls'),
    p('TargetConfiguration.Inference.Provider.Endpoint', 'host', 'inference requests'),
    p('CredentialProviderConfigurations[].CredentialProvider.IamCredentialProvider.Region', 'region', 'tool calls'),
  ],
  'AWS::BedrockAgentCore::Memory': [
    p(
      'MemoryStrategies[].CustomMemoryStrategy.Configuration.SelfManagedConfiguration.InvocationConfiguration.TopicArn',
      'arn',
      'memory extraction notifications',
    ),
    p(
      'MemoryStrategies[].CustomMemoryStrategy.Configuration.SelfManagedConfiguration.InvocationConfiguration.PayloadDeliveryBucketName',
      'bucket',
      'conversation events to extract from',
    ),
    p('StreamDeliveryResources.Resources[].Kinesis.DataStreamArn', 'arn', 'memory records'),
    ...AGENTCORE_MEMORY_MODELS.map((path) => p(path, 'model', 'conversation events')),
  ],
  'AWS::BedrockAgentCore::Runtime': [
    p('FilesystemConfigurations[].EfsAccessPoint.AccessPointArn', 'arn', 'agent session files'),
    p('FilesystemConfigurations[].S3FilesAccessPoint.AccessPointArn', 'arn', 'agent session files'),
  ],
  'AWS::CloudTrail::Channel': [
    p('Destinations[].Location', 'arn', 'activity events from outside AWS', {
      when: { property: 'Destinations[].Type', values: ['EVENT_DATA_STORE'] },
    }),
  ],
  'AWS::CodeBuild::ReportGroup': [p('ExportConfig.S3Destination.Bucket', 'bucket', 'test reports')],
  // Creates a GitHub repository and pushes the code of an S3 object to it.
  'AWS::CodeStar::GitHubRepository': [p('RepositoryOwner', 'third-party', 'repository contents (to GitHub)')],
  'AWS::Comprehend::DocumentClassifier': [p('OutputDataConfig.S3Uri', 'bucket', 'training output')],
  'AWS::Comprehend::Flywheel': [p('DataLakeS3Uri', 'bucket', 'training datasets and model results')],
  'AWS::Connect::InstanceStorageConfig': [
    p('S3Config.BucketName', 'bucket', 'contact data (recordings, transcripts, reports)'),
    p('KinesisStreamConfig.StreamArn', 'arn', 'contact data (records and events)'),
    p('KinesisFirehoseConfig.FirehoseArn', 'arn', 'contact data (records and events)'),
  ],
  'AWS::CustomerProfiles::EventStream': [p('Uri', 'arn', 'customer profile events')],
  'AWS::DMS::ReplicationConfig': [p('TargetEndpointArn', 'arn', 'migrated data')],
  'AWS::DataBrew::Dataset': [
    p('Input.DatabaseInputDefinition.TempDirectory.Bucket', 'bucket', 'temporary copies of the dataset'),
    p('Input.DataCatalogInputDefinition.TempDirectory.Bucket', 'bucket', 'temporary copies of the dataset'),
  ],
  'AWS::DataBrew::Job': [
    p('Outputs[].Location.Bucket', 'bucket', 'job output'),
    p('OutputLocation.Bucket', 'bucket', 'job output'),
    p('DataCatalogOutputs[].S3Options.Location.Bucket', 'bucket', 'job output'),
    p('DataCatalogOutputs[].DatabaseOptions.TempDirectory.Bucket', 'bucket', 'temporary copies of job output'),
    p('DatabaseOutputs[].DatabaseOptions.TempDirectory.Bucket', 'bucket', 'temporary copies of job output'),
  ],
  'AWS::DataZone::Connection': [
    p('AwsLocation.AwsRegion', 'region', 'project data'),
    p('Props.RedshiftProperties.Host', 'host', 'queries and their results'),
    p('Props.SparkEmrProperties.LogUri', 'bucket', 'Spark job logs'),
    p('Props.S3Properties.S3Uri', 'bucket', 'project data'),
  ],
  'AWS::IoT::TopicRuleDestination': [p('HttpUrlProperties.ConfirmationUrl', 'host', 'device messages')],
  'AWS::KinesisAnalytics::ApplicationOutput': [
    p('Output.KinesisStreamsOutput.ResourceARN', 'arn', 'application output'),
    p('Output.KinesisFirehoseOutput.ResourceARN', 'arn', 'application output'),
    p('Output.LambdaOutput.ResourceARN', 'arn', 'application output'),
  ],
  'AWS::NetworkFirewall::LoggingConfiguration': [
    p('LoggingConfiguration.LogDestinationConfigs[].LogDestination.bucketName', 'bucket', 'firewall logs'),
  ],
  // DataSync locations outside AWS: transfers go to or come from these hosts.
  'AWS::DataSync::LocationNFS': [p('ServerHostname', 'host', 'transferred files')],
  'AWS::DataSync::LocationSMB': [p('ServerHostname', 'host', 'transferred files')],
  'AWS::DataSync::LocationObjectStorage': [p('ServerHostname', 'host', 'transferred files')],
  'AWS::DataSync::LocationHDFS': [p('NameNodes[].Hostname', 'host', 'transferred files')],
  'AWS::DataSync::LocationAzureBlob': [p('AzureBlobContainerUrl', 'host', 'transferred files')],
  'AWS::DataSync::LocationEFS': [p('EfsFilesystemArn', 'arn', 'transferred files')],
  'AWS::DataSync::LocationFSxWindows': [p('FsxFilesystemArn', 'arn', 'transferred files')],
  'AWS::DataSync::LocationFSxOpenZFS': [p('FsxFilesystemArn', 'arn', 'transferred files')],
  'AWS::DataSync::LocationFSxONTAP': [p('StorageVirtualMachineArn', 'arn', 'transferred files')],
  'AWS::Chatbot::SlackChannelConfiguration': [p('SlackWorkspaceId', 'third-party', 'notifications (to Slack)')],
  'AWS::Chatbot::MicrosoftTeamsChannelConfiguration': [
    p('TeamId', 'third-party', 'notifications (to Microsoft Teams)'),
  ],

  // Issue 13, types from the spec-coverage backlog (EC2 … OpsWorks). Paths from the CloudFormation resource
  // specification; what each carries from the type's page in the CloudFormation User Guide and its service guide.
  // Log groups named (not ARNs) are always of the resource's own region and are not data paths.
  'AWS::EC2::ClientVpnEndpoint': [p('ClientConnectOptions.LambdaFunctionArn', 'arn', 'client connection requests')],
  'AWS::EC2::VerifiedAccessInstance': [p('LoggingConfigurations.S3.BucketName', 'bucket', 'access logs')],
  'AWS::EMR::Studio': [p('DefaultS3Location', 'bucket', 'Workspace and notebook backups')],
  'AWS::EMRServerless::Application': [
    p('MonitoringConfiguration.S3MonitoringConfiguration.LogUri', 'bucket', 'job logs'),
    p('MonitoringConfiguration.PrometheusMonitoringConfiguration.RemoteWriteUrl', 'host', 'job metrics'),
  ],
  'AWS::EntityResolution::IdMappingWorkflow': [
    p('OutputSourceConfig[].OutputS3Path', 'bucket', 'ID mapping results'),
    p(
      'IdMappingTechniques.ProviderProperties.IntermediateSourceConfiguration.IntermediateS3Path',
      'bucket',
      'records for the provider service',
    ),
    p('IdMappingTechniques.ProviderProperties.ProviderServiceArn', 'arn', 'records matched by a provider service'),
  ],
  'AWS::EntityResolution::MatchingWorkflow': [
    p('OutputSourceConfig[].OutputS3Path', 'bucket', 'matching results'),
    p('OutputSourceConfig[].CustomerProfilesIntegrationConfig.DomainArn', 'arn', 'matching results'),
    p(
      'ResolutionTechniques.ProviderProperties.IntermediateSourceConfiguration.IntermediateS3Path',
      'bucket',
      'records for the provider service',
    ),
    p('ResolutionTechniques.ProviderProperties.ProviderServiceArn', 'arn', 'records matched by a provider service'),
  ],
  'AWS::FIS::ExperimentTemplate': [
    p('LogConfiguration.S3Configuration.BucketName', 'bucket', 'experiment logs'),
    p('LogConfiguration.CloudWatchLogsConfiguration.LogGroupArn', 'arn', 'experiment logs'),
    p(
      'ExperimentReportConfiguration.Outputs.ExperimentReportS3Configuration.BucketName',
      'bucket',
      'experiment reports',
    ),
  ],
  // A multi-location fleet runs game servers (and their player sessions) in the listed regions.
  'AWS::GameLift::Fleet': [p('Locations[].Location', 'region', 'game sessions and player data')],
  // A connection tells Glue jobs and crawlers where to read and write (Glue API, "Connection" ConnectionProperties):
  // a database by JDBC URL, a Kafka cluster, a MongoDB/DocumentDB URL, a host, or a SaaS instance.
  'AWS::Glue::Connection': [
    p('ConnectionInput.ConnectionProperties.JDBC_CONNECTION_URL', 'host', 'data read and written by Glue jobs'),
    p('ConnectionInput.ConnectionProperties.KAFKA_BOOTSTRAP_SERVERS', 'host', 'records streamed by Glue jobs'),
    p('ConnectionInput.ConnectionProperties.CONNECTION_URL', 'host', 'data read and written by Glue jobs'),
    p('ConnectionInput.ConnectionProperties.HOST', 'host', 'data read and written by Glue jobs'),
    p('ConnectionInput.ConnectionProperties.INSTANCE_URL', 'host', 'data read and written by Glue jobs'),
  ],
  'AWS::Glue::Integration': [p('TargetArn', 'arn', 'replicated data')],
  'AWS::Glue::IntegrationResourceProperty': [
    p('TargetProcessingProperties.EventBusArn', 'arn', 'integration status events'),
  ],
  'AWS::IoTEvents::AlarmModel': [
    p('AlarmEventActions.AlarmActions[].Sqs.QueueUrl', 'host', 'alarm state and device input values'),
    p('AlarmEventActions.AlarmActions[].Sns.TargetArn', 'arn', 'alarm state and device input values'),
    p('AlarmEventActions.AlarmActions[].Lambda.FunctionArn', 'arn', 'alarm state and device input values'),
  ],
  'AWS::KafkaConnect::Connector': [
    p('KafkaCluster.ApacheKafkaCluster.BootstrapServers', 'host', 'records'),
    p('LogDelivery.WorkerLogDelivery.S3.Bucket', 'bucket', 'connector worker logs'),
  ],
  // Documents sent to custom enrichment hooks during ingestion.
  'AWS::Kendra::DataSource': [
    p(
      'CustomDocumentEnrichmentConfiguration.PreExtractionHookConfiguration.LambdaArn',
      'arn',
      'documents being indexed',
    ),
    p(
      'CustomDocumentEnrichmentConfiguration.PreExtractionHookConfiguration.S3Bucket',
      'bucket',
      'documents being indexed',
    ),
    p(
      'CustomDocumentEnrichmentConfiguration.PostExtractionHookConfiguration.LambdaArn',
      'arn',
      'documents being indexed',
    ),
    p(
      'CustomDocumentEnrichmentConfiguration.PostExtractionHookConfiguration.S3Bucket',
      'bucket',
      'documents being indexed',
    ),
  ],
  'AWS::Lex::Bot': [
    p('Replication.ReplicaRegions[]', 'region', 'bot replicas and their conversations'),
    ...LEX_ALIAS_PATHS.map((a) => ({ ...a, path: `TestBotAliasSettings.${a.path}` })),
    ...LEX_MODEL_PATHS.map((m) => ({ ...m, path: `BotLocales[].${m.path}` })),
    p(
      'BotLocales[].Intents[].QnAIntentConfiguration.DataSourceConfiguration.OpensearchConfiguration.DomainEndpoint',
      'host',
      'user questions',
    ),
    // Speech recognised by Deepgram, a speech provider outside AWS.
    p(
      'BotLocales[].SpeechRecognitionSettings.SpeechModelConfig.DeepgramConfig.ApiTokenSecretArn',
      'third-party',
      'user speech (to Deepgram)',
    ),
  ],
  'AWS::Lex::BotAlias': LEX_ALIAS_PATHS,
  'AWS::Logs::ScheduledQuery': [
    p('DestinationConfiguration.S3Configuration.DestinationIdentifier', 'bucket', 'log query results'),
  ],
  // Media services push streams to the addresses given: a host outside AWS fails closed unless declared.
  'AWS::MediaConnect::Bridge': [p('Outputs[].NetworkOutput.IpAddress', 'host', 'video streams')],
  'AWS::MediaConnect::BridgeOutput': [p('NetworkOutput.IpAddress', 'host', 'video streams')],
  'AWS::MediaConnect::FlowOutput': [
    p('Destination', 'host', 'video streams'),
    p('MediaStreamOutputConfigurations[].DestinationConfigurations[].DestinationIp', 'host', 'video streams'),
    // Listener outputs (SRT listener, Zixi pull) send to whoever connects from these ranges.
    p('CidrAllowList[]', 'host', 'video streams'),
  ],
  // The router processes content in RegionName; a GLOBAL routing scope lets outputs of other regions take the
  // input, and those outputs are judged by their own RegionName.
  'AWS::MediaConnect::RouterInput': [p('RegionName', 'region', 'video streams')],
  'AWS::MediaConnect::RouterOutput': [
    p('RegionName', 'region', 'video streams'),
    ...['Rtp', 'Rist', 'SrtCaller', 'RtmpPush'].map((proto) =>
      p(`Configuration.Standard.ProtocolConfiguration.${proto}.DestinationAddress`, 'host', 'video streams'),
    ),
    p('Configuration.MediaConnectFlow.FlowArn', 'arn', 'video streams'),
    p('Configuration.MediaLiveInput.MediaLiveInputArn', 'arn', 'video streams'),
  ],
  'AWS::MediaConvert::JobTemplate': MEDIACONVERT_OUTPUT_GROUPS.map((g) =>
    p(`SettingsJson.OutputGroups[].OutputGroupSettings.${g}.Destination`, 'bucket', 'transcoded media'),
  ),
  'AWS::MediaLive::Multiplex': [
    p('Destinations[].MultiplexMediaConnectOutputDestinationSettings.EntitlementArn', 'arn', 'multiplexed video'),
  ],
  // The ad decision server receives viewer session data (device, player and session parameters).
  'AWS::MediaTailor::PlaybackConfiguration': [
    p('AdDecisionServerUrl', 'host', 'viewer session data for ad requests'),
    p('LivePreRollConfiguration.AdDecisionServerUrl', 'host', 'viewer session data for ad requests'),
  ],
  'AWS::ObservabilityAdmin::OrganizationCentralizationRule': [
    p('Rule.Destination.Region', 'region', 'centralized logs'),
    p('Rule.Destination.DestinationLogsConfiguration.BackupConfiguration.Region', 'region', 'centralized log backups'),
    p(
      'Rule.Destination.DestinationMetricsConfiguration.BackupConfiguration.Region',
      'region',
      'centralized metric backups',
    ),
  ],
  // Issue 13, backlog Pinpoint..WorkspacesInstances. Buckets that an API requires in the resource's own region
  // (S3 Files, S3 Tables, S3 Vectors) are not listed: they cannot carry data elsewhere.
  'AWS::Pinpoint::Campaign': [
    p('CustomDeliveryConfiguration.DeliveryUri', 'host', 'campaign messages and endpoint data'),
    p('AdditionalTreatments[].CustomDeliveryConfiguration.DeliveryUri', 'host', 'campaign messages and endpoint data'),
    p('CampaignHook.LambdaFunctionName', 'arn', 'segment endpoint data'),
    p('CampaignHook.WebUrl', 'host', 'segment endpoint data'),
  ],
  'AWS::QuickSight::Analysis': QUICKSIGHT_URLS,
  'AWS::QuickSight::Dashboard': QUICKSIGHT_URLS,
  'AWS::QuickSight::DataSource': [
    ...quickSightSource('DataSourceParameters'),
    ...quickSightSource('AlternateDataSourceParameters[]'),
  ],
  'AWS::RUM::AppMonitor': [p('AppMonitorConfiguration.MetricDestinations[].DestinationArn', 'arn', 'extended metrics')],
  'AWS::SES::MailManagerRuleSet': [
    p('Rules[].Actions[].WriteToS3.S3Bucket', 'bucket', 'received e-mail'),
    p('Rules[].Actions[].Relay.Relay', 'arn', 'received e-mail'),
    p('Rules[].Actions[].Archive.TargetArchive', 'arn', 'received e-mail'),
    p('Rules[].Actions[].DeliverToMailbox.MailboxArn', 'arn', 'received e-mail'),
    p('Rules[].Actions[].PublishToSns.TopicArn', 'arn', 'received e-mail'),
    p('Rules[].Actions[].InvokeLambda.FunctionArn', 'arn', 'received e-mail'),
    p('Rules[].Actions[].ReplaceRecipient.ReplaceWith[]', 'address', 'received e-mail'),
  ],
  'AWS::SMSVOICE::ConfigurationSet': [
    p('EventDestinations[].CloudWatchLogsDestination.LogGroupArn', 'arn', 'SMS and voice message events'),
    p('EventDestinations[].KinesisFirehoseDestination.DeliveryStreamArn', 'arn', 'SMS and voice message events'),
    p('EventDestinations[].SnsDestination.TopicArn', 'arn', 'SMS and voice message events'),
  ],
  'AWS::SSM::MaintenanceWindowTask': [
    p('TaskInvocationParameters.MaintenanceWindowRunCommandParameters.OutputS3BucketName', 'bucket', 'command output'),
    p(
      'TaskInvocationParameters.MaintenanceWindowRunCommandParameters.NotificationConfig.NotificationArn',
      'arn',
      'command status notifications',
    ),
    p('LoggingInfo.S3Bucket', 'bucket', 'task output'),
    p('LoggingInfo.Region', 'region', 'task output'),
    p('TaskArn', 'arn', 'task payloads', { when: { property: 'TaskType', values: ['LAMBDA', 'STEP_FUNCTIONS'] } }),
  ],
  'AWS::SSMGuiConnect::Preferences': [
    p(
      'ConnectionRecordingPreferences.RecordingDestinations.S3Buckets[].BucketName',
      'bucket',
      'remote desktop session recordings',
    ),
  ],
  'AWS::SageMaker::Cluster': [
    p('Orchestrator.Slurm.AccountingDatabase.Endpoint', 'host', 'Slurm job accounting records'),
  ],
  // A notebook's Git repository receives what users commit from SageMaker, outputs included.
  'AWS::SageMaker::CodeRepository': [p('GitConfig.RepositoryUrl', 'host', 'notebooks and code pushed from SageMaker')],
  'AWS::SageMaker::DataQualityJobDefinition': [monitoringOutputs('DataQualityJobOutputConfig')],
  'AWS::SageMaker::ModelBiasJobDefinition': [monitoringOutputs('ModelBiasJobOutputConfig')],
  'AWS::SageMaker::ModelExplainabilityJobDefinition': [monitoringOutputs('ModelExplainabilityJobOutputConfig')],
  'AWS::SageMaker::ModelQualityJobDefinition': [monitoringOutputs('ModelQualityJobOutputConfig')],
  'AWS::SageMaker::MonitoringSchedule': [
    monitoringOutputs('MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringOutputConfig'),
  ],
  'AWS::SageMaker::InferenceExperiment': [
    p('DataStorageConfig.Destination', 'bucket', 'captured inference requests and responses'),
  ],
  'AWS::SageMaker::MlflowApp': [p('ArtifactStoreUri', 'bucket', 'experiment artifacts')],
  'AWS::SageMaker::MlflowTrackingServer': [p('ArtifactStoreUri', 'bucket', 'experiment artifacts')],
  'AWS::SageMaker::ModelPackage': [
    p(
      'ValidationSpecification.ValidationProfiles[].TransformJobDefinition.TransformOutput.S3OutputPath',
      'bucket',
      'validation inference results',
    ),
  ],
  'AWS::SageMaker::ProcessingJob': [
    p('ProcessingOutputConfig.Outputs[].S3Output.S3Uri', 'bucket', 'processing job outputs'),
    p('ProcessingInputs[].DatasetDefinition.AthenaDatasetDefinition.OutputS3Uri', 'bucket', 'query results'),
    p('ProcessingInputs[].DatasetDefinition.RedshiftDatasetDefinition.OutputS3Uri', 'bucket', 'query results'),
  ],
  'AWS::SageMaker::Space': [
    p(
      'SpaceSettings.JupyterLabAppSettings.CodeRepositories[].RepositoryUrl',
      'host',
      'notebooks and code pushed from SageMaker',
    ),
    p('SpaceSettings.CustomFileSystems[].S3FileSystem.S3Uri', 'bucket', 'files written from the space'),
  ],
  'AWS::SecurityHub::ConnectorV2': [
    p('Provider.JiraCloud.ProjectKey', 'third-party', 'security findings (to Jira Cloud)'),
    p('Provider.ServiceNow.InstanceName', 'third-party', 'security findings (to ServiceNow)'),
  ],
  // The subscriber's endpoint learns of each new object and then reads the security data.
  'AWS::SecurityLake::SubscriberNotification': [
    p(
      'NotificationConfiguration.HttpsNotificationConfiguration.Endpoint',
      'host',
      'notifications of new security data',
    ),
  ],
  'AWS::Transfer::Connector': [p('Url', 'host', 'transferred files')],
  'AWS::Transfer::Server': [
    p('StructuredLogDestinations[]', 'arn', 'file transfer activity logs'),
    p('IdentityProviderDetails.Url', 'host', 'user sign-in requests'),
    p('IdentityProviderDetails.Function', 'arn', 'user sign-in requests'),
  ],
  'AWS::Transfer::Workflow': [...transferSteps('Steps'), ...transferSteps('OnExceptionSteps')],
  // A skill is published to the Amazon Alexa service, which processes users' voice requests outside AWS regions.
  'Alexa::ASK::Skill': [p('VendorId', 'third-party', "users' voice interactions (to the Amazon Alexa service)")],
  'AWS::WorkSpacesWeb::SessionLogger': [p('LogConfiguration.S3.Bucket', 'bucket', 'browser session logs')],
};

/**
 * Region-looking strings that are not data paths: the generic region walk (`CaResidency-ResidentRegion`) leaves
 * them alone. Tags and descriptions are labels; dashboards only display metrics; Route 53 health checkers send
 * probes from the regions listed, they receive no customer data; log centralization reads from its source regions.
 */
export const NOT_DATA_PATHS: Readonly<Record<string, readonly string[]>> = {
  '*': ['Tags', 'Description'],
  'AWS::CloudWatch::Dashboard': ['DashboardBody'],
  'AWS::Route53::HealthCheck': ['HealthCheckConfig.Regions'],
  // The regions logs are copied from, into the rule's destination (judged as a data path).
  'AWS::ObservabilityAdmin::OrganizationCentralizationRule': ['Rule.Source.Regions'],
};
