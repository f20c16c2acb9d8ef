/**
 * Catalogue of CloudFormation resource types that accept connections or send data, and how TLS is enforced on
 * each: the counterpart of the at-rest catalogue (encryption-catalogue.ts). The rule, the report's in-transit
 * column and `verify` read it, so they cannot drift. What a control cannot resolve fails closed; named security
 * policies are judged by tls-security-policies.ts, database defaults by tls-engine-defaults.ts.
 */
import { SecurityPolicyFamily } from './tls-security-policies';

/** A resource policy (separate resource or inline property) must deny every request without TLS. */
export interface ResourcePolicyControl {
  readonly kind: 'resource-policy';
  /** IAM service prefix whose actions must all be denied. */
  readonly service: string;
  /** Separate policy resource (`AWS::S3::BucketPolicy`), its target property and the target's name property. */
  readonly policyType?: string;
  readonly targetProperty?: string;
  readonly nameProperty?: string;
  /** Inline policy property of the resource itself (EFS `FileSystemPolicy`). */
  readonly inlineProperty?: string;
  /** IAM resource types covered: the first is the resource itself, a second (S3 `object`) its children (`/*`). */
  readonly resourceTypes: readonly string[];
  /**
   * Actions that carry the resource's data, when not all of them do. SNS: messages enter only through
   * `sns:Publish` (PublishBatch is authorised by it), the action AWS's TLS-only topic policy denies.
   */
  readonly dataActions?: readonly string[];
  /** Minimum TLS version the policy must also enforce (S3 `s3:TlsVersion`). */
  readonly minimumTls?: number;
  /** CDK fix, for messages. */
  readonly fix: string;
}

/** A boolean switch that turns TLS on. */
export interface SwitchControl {
  readonly kind: 'switch';
  readonly path: string;
  /** Values meaning on. @default [true] */
  readonly on?: readonly (string | boolean)[];
  /** What the service does when the property is absent. */
  readonly defaultOn: boolean;
  readonly fix: string;
}

/** A setting whose listed values carry data in plain text (or accept it). */
export interface PlaintextValuesControl {
  readonly kind: 'plaintext-values';
  readonly path: string;
  /** Values (case-insensitive) that allow plain text. */
  readonly plaintext: readonly string[];
  /** Value the service uses when the property is absent. */
  readonly whenAbsent: string;
  readonly fix: string;
}

/** A named security policy judged by its minimum TLS version from the table. */
export interface NamedPolicyControl {
  readonly kind: 'named-policy';
  readonly path: string;
  readonly family: SecurityPolicyFamily;
  /** Policy the service applies when the property is absent; undefined: absent cannot be judged (finding). */
  readonly whenAbsent?: string;
  /** A switch that, when true, closes what the policy protects (API Gateway `DisableExecuteApiEndpoint`). */
  readonly mootWhen?: string;
  readonly fix: string;
}

/** A database parameter group (of the same stack) that must force TLS, or a default that does. */
export interface ParameterGroupControl {
  readonly kind: 'parameter-group';
  /** Property of the resource naming its group. */
  readonly groupProperty: string;
  /** Types of group resource the property may point to. */
  readonly groupType: string;
  /** Fixed engine (DocumentDB, Neptune, Redshift); otherwise read from `Engine`. */
  readonly engine?: string;
}

/** Checks that need code: listeners with redirects, distributions with behaviours and origins... */
export interface CustomControl {
  readonly kind: 'custom';
  readonly check:
    | 'ElbV2Listener'
    | 'ClassicLoadBalancer'
    | 'CloudFrontDistribution'
    | 'ApiGatewayV2DomainName'
    | 'TransferServer'
    | 'DmsEndpoint'
    | 'SnsSubscription'
    | 'RedshiftServerlessWorkgroup';
}

export type InTransitControl =
  | ResourcePolicyControl
  | SwitchControl
  | PlaintextValuesControl
  | NamedPolicyControl
  | ParameterGroupControl
  | CustomControl;

export interface InTransitSpec {
  /** How TLS is enforced, for the report and docs. */
  readonly enforcedBy: string;
  readonly controls: readonly InTransitControl[];
}

const S3_POLICY: ResourcePolicyControl = {
  kind: 'resource-policy',
  service: 's3',
  policyType: 'AWS::S3::BucketPolicy',
  targetProperty: 'Bucket',
  nameProperty: 'BucketName',
  resourceTypes: ['bucket', 'object'],
  minimumTls: 1.2,
  fix: 'CDK: enforceSSL: true, minimumTLSVersion: 1.2.',
};

const DB_INSTANCE: ParameterGroupControl = {
  kind: 'parameter-group',
  groupProperty: 'DBParameterGroupName',
  groupType: 'AWS::RDS::DBParameterGroup',
};
const OPENSEARCH: readonly InTransitControl[] = [
  {
    kind: 'switch',
    path: 'DomainEndpointOptions.EnforceHTTPS',
    defaultOn: false,
    fix: 'Set DomainEndpointOptions.EnforceHTTPS: true (CDK: enforceHttps: true).',
  },
  {
    kind: 'named-policy',
    path: 'DomainEndpointOptions.TLSSecurityPolicy',
    family: 'opensearch',
    whenAbsent: 'Policy-Min-TLS-1-0-2019-07',
    fix: "Set 'Policy-Min-TLS-1-2-PFS-2023-10' (CDK: tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2_PFS).",
  },
  {
    kind: 'switch',
    path: 'NodeToNodeEncryptionOptions.Enabled',
    defaultOn: false,
    fix: 'Set NodeToNodeEncryptionOptions.Enabled: true (CDK: nodeToNodeEncryption: true).',
  },
];

/** Types that accept connections or send data, and how TLS is enforced on each. */
export const IN_TRANSIT: Readonly<Record<string, InTransitSpec>> = {
  'AWS::S3::Bucket': {
    enforcedBy: 'bucket policy denying requests without TLS and TLS below 1.2',
    controls: [S3_POLICY],
  },
  'AWS::SNS::Topic': {
    enforcedBy: 'topic policy denying sns:Publish without TLS',
    controls: [
      {
        kind: 'resource-policy',
        service: 'sns',
        policyType: 'AWS::SNS::TopicPolicy',
        targetProperty: 'Topics',
        nameProperty: 'TopicName',
        resourceTypes: ['topic'],
        dataActions: ['sns:Publish'],
        fix: 'CDK: enforceSSL: true.',
      },
    ],
  },
  'AWS::SQS::Queue': {
    enforcedBy: 'queue policy denying requests without TLS',
    controls: [
      {
        kind: 'resource-policy',
        service: 'sqs',
        policyType: 'AWS::SQS::QueuePolicy',
        targetProperty: 'Queues',
        nameProperty: 'QueueName',
        resourceTypes: ['queue'],
        fix: 'CDK: enforceSSL: true.',
      },
    ],
  },
  'AWS::EFS::FileSystem': {
    enforcedBy: 'file system policy denying NFS clients that do not use TLS',
    controls: [
      {
        kind: 'resource-policy',
        service: 'elasticfilesystem',
        inlineProperty: 'FileSystemPolicy',
        resourceTypes: ['file-system'],
        fix: 'Add a FileSystemPolicy denying every elasticfilesystem action when aws:SecureTransport is false (CDK: fileSystemPolicy).',
      },
    ],
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    enforcedBy: 'HTTPS/TLS listener with a TLS 1.2+ security policy, or HTTP redirecting to HTTPS',
    controls: [{ kind: 'custom', check: 'ElbV2Listener' }],
  },
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    enforcedBy: 'HTTPS/SSL listeners with a TLS 1.2+ reference security policy',
    controls: [{ kind: 'custom', check: 'ClassicLoadBalancer' }],
  },
  'AWS::ApiGateway::RestApi': {
    enforcedBy: 'security policy of the default execute-api endpoint (TLS 1.2+), or that endpoint disabled',
    controls: [
      {
        kind: 'named-policy',
        path: 'SecurityPolicy',
        family: 'apigateway',
        whenAbsent: 'TLS_1_0',
        mootWhen: 'DisableExecuteApiEndpoint',
        fix: "Set SecurityPolicy 'TLS_1_2' (or an enhanced SecurityPolicy_TLS13_* policy), or DisableExecuteApiEndpoint: true behind a custom domain.",
      },
    ],
  },
  'AWS::ApiGateway::DomainName': {
    enforcedBy: 'custom domain security policy (TLS 1.2+)',
    controls: [
      {
        kind: 'named-policy',
        path: 'SecurityPolicy',
        family: 'apigateway',
        whenAbsent: 'TLS_1_0',
        fix: "Set SecurityPolicy 'TLS_1_2' or an enhanced SecurityPolicy_TLS13_* policy (CDK: securityPolicy: SecurityPolicy.TLS_1_2).",
      },
    ],
  },
  'AWS::ApiGatewayV2::DomainName': {
    enforcedBy: 'security policy of every domain name configuration (TLS 1.2+)',
    controls: [{ kind: 'custom', check: 'ApiGatewayV2DomainName' }],
  },
  'AWS::CloudFront::Distribution': {
    enforcedBy: 'viewers and origins over HTTPS; viewer minimum protocol TLS 1.2+',
    controls: [{ kind: 'custom', check: 'CloudFrontDistribution' }],
  },
  'AWS::SNS::Subscription': {
    enforcedBy: 'HTTP endpoints subscribed over HTTPS',
    controls: [{ kind: 'custom', check: 'SnsSubscription' }],
  },
  'AWS::Transfer::Server': {
    enforcedBy: 'SFTP/FTPS only (no FTP) with a catalogued security policy',
    controls: [{ kind: 'custom', check: 'TransferServer' }],
  },
  'AWS::DMS::Endpoint': {
    enforcedBy: 'SslMode require/verify-ca/verify-full for database endpoints',
    controls: [{ kind: 'custom', check: 'DmsEndpoint' }],
  },
  'AWS::ElastiCache::ReplicationGroup': {
    enforcedBy: 'transit encryption on, mode required',
    controls: [
      {
        kind: 'switch',
        path: 'TransitEncryptionEnabled',
        defaultOn: false,
        fix: 'Set TransitEncryptionEnabled: true and TransitEncryptionMode: required.',
      },
      {
        kind: 'plaintext-values',
        path: 'TransitEncryptionMode',
        plaintext: ['preferred'],
        whenAbsent: 'required',
        fix: "Set TransitEncryptionMode: 'required'.",
      },
    ],
  },
  'AWS::ElastiCache::CacheCluster': {
    enforcedBy: 'transit encryption on',
    controls: [
      {
        kind: 'switch',
        path: 'TransitEncryptionEnabled',
        defaultOn: false,
        fix: 'Set TransitEncryptionEnabled: true (or use a replication group / serverless cache).',
      },
    ],
  },
  'AWS::ElastiCache::ServerlessCache': { enforcedBy: 'TLS always on (service)', controls: [] },
  'AWS::MemoryDB::Cluster': {
    enforcedBy: 'TLS on (the default)',
    controls: [{ kind: 'switch', path: 'TLSEnabled', defaultOn: true, fix: 'Set TLSEnabled: true.' }],
  },
  'AWS::DAX::Cluster': {
    enforcedBy: 'cluster endpoint encryption TLS',
    controls: [
      {
        kind: 'plaintext-values',
        path: 'ClusterEndpointEncryptionType',
        plaintext: ['NONE'],
        whenAbsent: 'NONE',
        fix: "Set ClusterEndpointEncryptionType: 'TLS'.",
      },
    ],
  },
  'AWS::MSK::Cluster': {
    enforcedBy: 'TLS between clients and brokers and inside the cluster',
    controls: [
      {
        kind: 'plaintext-values',
        path: 'EncryptionInfo.EncryptionInTransit.ClientBroker',
        plaintext: ['TLS_PLAINTEXT', 'PLAINTEXT'],
        whenAbsent: 'TLS',
        fix: "Set ClientBroker: 'TLS'.",
      },
      {
        kind: 'switch',
        path: 'EncryptionInfo.EncryptionInTransit.InCluster',
        defaultOn: true,
        fix: 'Set InCluster: true.',
      },
    ],
  },
  'AWS::MSK::ServerlessCluster': { enforcedBy: 'TLS always on (service)', controls: [] },
  // The connector's link to its Apache Kafka cluster (MSK Connect); plaintext when PLAINTEXT.
  'AWS::KafkaConnect::Connector': {
    enforcedBy: 'TLS to the Apache Kafka cluster',
    controls: [
      {
        kind: 'plaintext-values',
        path: 'KafkaClusterEncryptionInTransit.EncryptionType',
        plaintext: ['PLAINTEXT'],
        whenAbsent: 'PLAINTEXT',
        fix: "Set KafkaClusterEncryptionInTransit.EncryptionType: 'TLS'.",
      },
    ],
  },
  'AWS::OpenSearchService::Domain': {
    enforcedBy: 'HTTPS enforced, TLS 1.2+ policy, node-to-node encryption',
    controls: OPENSEARCH,
  },
  'AWS::Elasticsearch::Domain': {
    enforcedBy: 'HTTPS enforced, TLS 1.2+ policy, node-to-node encryption',
    controls: OPENSEARCH,
  },
  'AWS::RDS::DBInstance': {
    enforcedBy: 'parameter group forcing TLS (or an engine version that forces it by default)',
    controls: [DB_INSTANCE],
  },
  'AWS::RDS::DBCluster': {
    enforcedBy: 'cluster parameter group forcing TLS (or an engine version that forces it by default)',
    controls: [
      {
        kind: 'parameter-group',
        groupProperty: 'DBClusterParameterGroupName',
        groupType: 'AWS::RDS::DBClusterParameterGroup',
      },
    ],
  },
  'AWS::DocDB::DBCluster': {
    enforcedBy: 'cluster parameter group keeping tls enabled (the default)',
    controls: [
      {
        kind: 'parameter-group',
        groupProperty: 'DBClusterParameterGroupName',
        groupType: 'AWS::DocDB::DBClusterParameterGroup',
        engine: 'docdb',
      },
    ],
  },
  'AWS::Neptune::DBCluster': {
    enforcedBy: 'cluster parameter group keeping neptune_enforce_ssl on (the default)',
    controls: [
      {
        kind: 'parameter-group',
        groupProperty: 'DBClusterParameterGroupName',
        groupType: 'AWS::Neptune::DBClusterParameterGroup',
        engine: 'neptune',
      },
    ],
  },
  'AWS::Redshift::Cluster': {
    enforcedBy: 'cluster parameter group with require_ssl true',
    controls: [
      {
        kind: 'parameter-group',
        groupProperty: 'ClusterParameterGroupName',
        groupType: 'AWS::Redshift::ClusterParameterGroup',
        engine: 'redshift',
      },
    ],
  },
  // QuickSight connects to a database over SSL unless the data source turns it off (API reference, SslProperties).
  'AWS::QuickSight::DataSource': {
    enforcedBy: 'SSL to the database kept on (DisableSsl absent or false)',
    controls: [
      {
        kind: 'plaintext-values',
        path: 'SslProperties.DisableSsl',
        plaintext: ['true'],
        whenAbsent: 'false',
        fix: 'Remove SslProperties.DisableSsl or set it to false.',
      },
    ],
  },
  'AWS::RedshiftServerless::Workgroup': {
    enforcedBy: 'require_ssl true in the workgroup configuration',
    controls: [{ kind: 'custom', check: 'RedshiftServerlessWorkgroup' }],
  },
};
