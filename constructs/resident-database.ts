import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledgeFinding } from './acknowledge-finding';
import { AlarmFactory } from './alarm-factory';
import { InvalidPropError } from './invalid-prop-error';
import { allowCloudWatchLogs } from './log-group-encryption';
import { ResidencyAlerting } from './residency-alerting';
import { ResidencyBackupPlan } from './residency-backup-plan';
import { ResidencyKey } from './residency-key';
import { ALARM_PERIOD, assertKeyInRegion, isolatedSubnets, selectForBackup } from './workload-props';

/** Where the two halves of a global database may live: the primary in Montréal, the secondary in Calgary. */
export const GLOBAL_DATABASE_REGIONS = { primary: 'ca-central-1', secondary: 'ca-west-1' } as const;

/**
 * Lowest Aurora PostgreSQL minor version, per major version, this construct accepts for a global database between
 * ca-central-1 and ca-west-1 (AWS's table of supported Regions and engines for Aurora global databases; ca-west-1
 * opened in December 2023, so only versions released since are offered there). Majors not listed are refused.
 */
export const GLOBAL_DATABASE_MIN_VERSIONS: Readonly<Record<number, string>> = {
  13: '13.12',
  14: '14.9',
  15: '15.4',
  16: '16.1',
  17: '17.1',
};

/** How the cluster's instances run. */
export type ResidentDatabaseCapacity =
  | { readonly kind: 'provisioned'; readonly instanceType: ec2.InstanceType; readonly readers?: number }
  | {
      readonly kind: 'serverless-v2';
      readonly minCapacity: number;
      readonly maxCapacity: number;
      readonly readers?: number;
    };

/** Membership of an Aurora global database spanning the two Canadian regions. */
export interface ResidentGlobalDatabase {
  /** Identifier of the global cluster, the same in both regions. */
  readonly identifier: string;
  /** `primary` creates the global cluster from this cluster (ca-central-1); `secondary` joins it (ca-west-1). */
  readonly role: 'primary' | 'secondary';
}

export interface ResidentDatabaseProps {
  /** The region's alert routing. */
  readonly alerting: ResidencyAlerting;
  /**
   * Customer-managed KMS key of the cluster's own region, encrypting storage, Performance Insights and the master
   * secret. Its policy must let this account use it through RDS and Secrets Manager (e.g. `ResidencyKey` with
   * `usableVia: ['rds', 'secretsmanager']`).
   */
  readonly encryptionKey: kms.IKey;
  /** Key of this region encrypting the exported log groups (CloudWatch Logs is allowed to use it). */
  readonly logsKey: ResidencyKey;
  /** The region's residency backup plan: the cluster is selected by ARN (copies go to its other Canadian region). */
  readonly backupPlan: ResidencyBackupPlan;
  /** The hosting network (e.g. `HostingNetwork.vpc`). */
  readonly vpc: ec2.IVpc;
  /** Isolated subnets only. @default - every isolated subnet of `vpc` */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Security groups of the clients allowed to connect. @default - none: add later with `allowFrom` */
  readonly allowedPeers?: ec2.ISecurityGroup[];
  /** Cluster identifier; names the log groups, which exist before the cluster so they are encrypted and retained. */
  readonly clusterIdentifier: string;
  /** @default rds.AuroraPostgresEngineVersion.VER_16_6 */
  readonly engineVersion?: rds.AuroraPostgresEngineVersion;
  /** @default - Serverless v2, 0.5 to 4 ACUs, one reader */
  readonly capacity?: ResidentDatabaseCapacity;
  /** Automated backup (point-in-time restore) retention, 7 to 35 days. @default Duration.days(14) */
  readonly backupRetention?: Duration;
  /** Not 5432: AwsSolutions-RDS11 asks for a non-default port (scanners try the default first). @default 5433 */
  readonly port?: number;
  /** @default - none */
  readonly defaultDatabaseName?: string;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Enhanced monitoring (OS metrics) interval. @default Duration.seconds(60) */
  readonly monitoringInterval?: Duration;
  /** Database Insights mode; `advanced` keeps 15 months of Performance Insights. @default rds.DatabaseInsightsMode.STANDARD */
  readonly databaseInsightsMode?: rds.DatabaseInsightsMode;
  /** @default - not part of a global database */
  readonly globalDatabase?: ResidentGlobalDatabase;
  /** Replication lag of a global secondary above which on-call is warned. @default Duration.minutes(1) */
  readonly globalReplicationLagThreshold?: Duration;
}

/**
 * An Aurora PostgreSQL cluster (provisioned or Serverless v2) for health data: storage, Performance Insights and
 * the RDS-managed master secret (rotated by RDS) encrypted with customer-managed keys of its region; TLS forced by
 * the cluster parameter group (`rds.force_ssl = 1`, TLS 1.2 minimum); IAM database authentication; deletion
 * protection; retained; automated backups of at least 7 days; PostgreSQL logs exported to KMS-encrypted log groups
 * with retention; enhanced monitoring and Database Insights; isolated subnets; a security group admitting only
 * named peers; selected by ARN in the region's residency backup plan; optionally one half of a global database
 * between ca-central-1 and ca-west-1. Alarms: CPU, memory or capacity, and global replication lag.
 */
export class ResidentDatabase extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly securityGroup: ec2.SecurityGroup;
  readonly parameterGroup: rds.ParameterGroup;
  readonly logGroup: logs.LogGroup;
  readonly globalCluster?: rds.CfnGlobalCluster;
  readonly backupSelection: backup.BackupSelection;
  readonly alarms: cloudwatch.Alarm[];
  private readonly port: number;

  constructor(scope: Construct, id: string, props: ResidentDatabaseProps) {
    super(scope, id);
    const stack = Stack.of(this);
    assertKeyInRegion(this, 'ResidentDatabase', 'encryptionKey', props.encryptionKey);
    assertKeyInRegion(this, 'ResidentDatabase', 'logsKey', props.logsKey.key);
    const vpcSubnets = isolatedSubnets(this, 'ResidentDatabase', props.vpc, props.vpcSubnets);
    const version = props.engineVersion ?? rds.AuroraPostgresEngineVersion.VER_16_6;
    const retention = props.backupRetention ?? Duration.days(14);
    const retentionDays = retention.toDays({ integral: false });
    const problems: string[] = [];
    if (!retention.isUnresolved() && (!Number.isInteger(retentionDays) || retentionDays < 7 || retentionDays > 35)) {
      problems.push(`backupRetention is ${retention.toHumanString()}; keep 7 to 35 whole days`);
    }
    const port = props.port ?? 5433;
    this.port = port;
    if (port === 5432) problems.push('port is 5432, the PostgreSQL default; choose another port');
    const capacity: ResidentDatabaseCapacity = props.capacity ?? {
      kind: 'serverless-v2',
      minCapacity: 0.5,
      maxCapacity: 4,
    };
    const readers = capacity.readers ?? 1;
    if (!Number.isInteger(readers) || readers < 1)
      problems.push(`capacity.readers is ${readers}; at least one reader keeps a failover target in another zone`);
    if (props.globalDatabase) problems.push(...globalDatabaseProblems(stack.region, props.globalDatabase, version));
    if (problems.length > 0) throw new InvalidPropError(this, `ResidentDatabase: ${problems.join('; ')}`);

    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version });
    this.parameterGroup = new rds.ParameterGroup(this, 'ClusterParameters', {
      engine,
      description: `TLS-only connections for ${props.clusterIdentifier}`,
      // Before Aurora PostgreSQL 17 the default is 0: clients may connect in clear text unless this is set.
      parameters: { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' },
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `PostgreSQL clients of ${props.clusterIdentifier}`,
      // A database starts no connection of its own.
      allowAllOutbound: false,
    });

    // The log group exists before the cluster: RDS would otherwise create it unencrypted and kept forever.
    allowCloudWatchLogs(props.logsKey);
    this.logGroup = new logs.LogGroup(this, 'PostgresqlLog', {
      logGroupName: `/aws/rds/cluster/${props.clusterIdentifier}/postgresql`,
      encryptionKey: props.logsKey.key,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const monitoringInterval = props.monitoringInterval ?? Duration.seconds(60);
    const monitoringRole = this.monitoringRole();
    const insights = props.databaseInsightsMode ?? rds.DatabaseInsightsMode.STANDARD;
    const piRetention =
      insights === rds.DatabaseInsightsMode.ADVANCED
        ? rds.PerformanceInsightRetention.MONTHS_15
        : rds.PerformanceInsightRetention.DEFAULT;
    const instanceProps = {
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.encryptionKey,
      performanceInsightRetention: piRetention,
    };
    const instance = (name: string, writer: boolean): rds.IClusterInstance =>
      capacity.kind === 'provisioned'
        ? rds.ClusterInstance.provisioned(name, { ...instanceProps, instanceType: capacity.instanceType })
        : rds.ClusterInstance.serverlessV2(name, { ...instanceProps, scaleWithWriter: writer || name === 'Reader1' });
    const secondary = props.globalDatabase?.role === 'secondary';

    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier: props.clusterIdentifier,
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      port,
      parameterGroup: this.parameterGroup,
      writer: instance('Writer', true),
      readers: Array.from({ length: readers }, (_, i) => instance(`Reader${i + 1}`, false)),
      serverlessV2MinCapacity: capacity.kind === 'serverless-v2' ? capacity.minCapacity : undefined,
      serverlessV2MaxCapacity: capacity.kind === 'serverless-v2' ? capacity.maxCapacity : undefined,
      storageEncryptionKey: props.encryptionKey,
      credentials: rds.Credentials.fromUsername('clinical_admin', { encryptionKey: props.encryptionKey }),
      // RDS keeps the master password in Secrets Manager, encrypted with the key above, and rotates it (every 7 days).
      manageMasterUserPassword: true,
      iamAuthentication: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      backup: { retention },
      copyTagsToSnapshot: true,
      defaultDatabaseName: secondary ? undefined : props.defaultDatabaseName,
      cloudwatchLogsExports: ['postgresql'],
      monitoringInterval,
      monitoringRole,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.encryptionKey,
      performanceInsightRetention: piRetention,
      databaseInsightsMode: insights,
    });
    this.cluster.node.addDependency(this.logGroup);
    const cfnCluster = this.cluster.node.defaultChild as rds.CfnDBCluster;
    if (props.globalDatabase?.role === 'primary') {
      this.globalCluster = new rds.CfnGlobalCluster(this, 'GlobalCluster', {
        globalClusterIdentifier: props.globalDatabase.identifier,
        sourceDbClusterIdentifier: this.cluster.clusterArn,
        deletionProtection: true,
      });
      this.globalCluster.applyRemovalPolicy(RemovalPolicy.RETAIN);
    } else if (secondary) {
      // A secondary takes its data and its master user from the primary; its storage is encrypted with this region's key.
      cfnCluster.globalClusterIdentifier = props.globalDatabase.identifier;
      for (const property of ['MasterUsername', 'ManageMasterUserPassword', 'MasterUserSecret'])
        cfnCluster.addPropertyDeletionOverride(property);
    }
    for (const peer of props.allowedPeers ?? []) this.allowFrom(peer);

    // By the cluster resource attribute, so readers of the template (the residency report) see which cluster it is.
    this.backupSelection = selectForBackup(
      this,
      props.backupPlan,
      cfnCluster.attrDbClusterArn,
      `${props.clusterIdentifier}-aurora`,
    );
    for (const child of this.cluster.node.findAll()) {
      if (!(child instanceof rds.CfnDBInstance)) continue;
      acknowledgeFinding(
        child,
        'HIPAA.Security',
        'HIPAA.Security-RDSInBackupPlan',
        'AWS Backup protects Aurora at the cluster level: the cluster is selected by ARN in the residency backup plan; an Aurora instance holds no data of its own to back up.',
      );
    }
    this.alarms = this.createAlarms(props, capacity, secondary);
  }

  /** Lets clients in `peer` connect on the cluster's port. */
  allowFrom(peer: ec2.ISecurityGroup): void {
    // The port as a number, not the cluster's port token: rule packs read the ingress rule's ports literally.
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(this.port), `PostgreSQL from ${peer.node.path}`);
  }

  /** Enhanced monitoring's role, with a customer-managed policy limited to the log group RDS writes OS metrics to. */
  private monitoringRole(): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'MonitoringRole', {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'RDS enhanced monitoring publishes OS metrics to the RDSOSMetrics log group',
    });
    const logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: 'RDSOSMetrics',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const policy = new iam.ManagedPolicy(this, 'MonitoringPolicy', {
      description: 'Enhanced monitoring: the RDSOSMetrics log group and its streams only',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
          resources: [logGroupArn],
        }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'],
          resources: [`${logGroupArn}:log-stream:*`],
        }),
      ],
    });
    // cdk-nag names the finding after the resource as synthesized: literal when the stack's environment is known.
    const literal = (value: string, intrinsic: string) => (Token.isUnresolved(value) ? `<${intrinsic}>` : value);
    const partition = stack.resolve(stack.partition);
    acknowledgeFinding(
      policy,
      'AwsSolutions',
      `AwsSolutions-IAM5[Resource::arn:${typeof partition === 'string' ? partition : '<AWS::Partition>'}:logs:${literal(stack.region, 'AWS::Region')}:${literal(stack.account, 'AWS::AccountId')}:log-group:RDSOSMetrics:log-stream:*]`,
      'RDS names each enhanced-monitoring log stream after the instance resource id, known only after deployment; the grant is limited to the RDSOSMetrics log group.',
    );
    return role;
  }

  private createAlarms(
    props: ResidentDatabaseProps,
    capacity: ResidentDatabaseCapacity,
    secondary: boolean,
  ): cloudwatch.Alarm[] {
    const name = props.clusterIdentifier;
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: name });
    const metric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName,
        dimensionsMap: { DBClusterIdentifier: name },
        statistic,
        period: ALARM_PERIOD,
      });
    alarms.addAlarm({
      id: 'CpuHigh',
      nameSuffix: 'cpu-high',
      description: `CPU of an instance of ${name} stayed above 80 % for 15 minutes: queries slow down`,
      runbook: 'databases',
      tier: 'warning',
      metric: metric('CPUUtilization', cloudwatch.Stats.MAXIMUM),
      threshold: 80,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    if (capacity.kind === 'serverless-v2') {
      alarms.addAlarm({
        id: 'CapacityHigh',
        nameSuffix: 'acu-high',
        description: `${name} has used more than 90 % of its maximum Serverless v2 capacity for 15 minutes`,
        runbook: 'databases',
        tier: 'warning',
        metric: metric('ACUUtilization', cloudwatch.Stats.MAXIMUM),
        threshold: 90,
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    } else {
      alarms.addAlarm({
        id: 'MemoryLow',
        nameSuffix: 'freeable-memory-low',
        description: `An instance of ${name} has had less than 256 MiB of freeable memory for 15 minutes`,
        runbook: 'databases',
        tier: 'warning',
        metric: metric('FreeableMemory', cloudwatch.Stats.MINIMUM),
        threshold: 256 * 1024 * 1024,
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    }
    if (secondary) {
      const lag = props.globalReplicationLagThreshold ?? Duration.minutes(1);
      alarms.addAlarm({
        id: 'GlobalReplicationLag',
        nameSuffix: 'global-replication-lag',
        description: `${name} (global secondary) is more than ${lag.toSeconds()} s behind the primary: a failover now would lose recent writes`,
        runbook: 'databases',
        tier: 'critical',
        metric: metric('AuroraGlobalDBReplicationLag', cloudwatch.Stats.MAXIMUM),
        threshold: lag.toMilliseconds(),
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    }
    return [...alarms.alarms];
  }
}

/** Why a global database membership cannot be built here, or nothing. */
function globalDatabaseProblems(
  region: string,
  global: ResidentGlobalDatabase,
  version: rds.AuroraPostgresEngineVersion,
): string[] {
  const out: string[] = [];
  const expected = GLOBAL_DATABASE_REGIONS[global.role];
  if (region !== expected)
    out.push(`globalDatabase.role is ${global.role}, which must be in ${expected} (the cluster is in ${region})`);
  const full = version.auroraPostgresFullVersion;
  const major = Number(full.split('.')[0]);
  const minimum = GLOBAL_DATABASE_MIN_VERSIONS[major];
  if (minimum === undefined || compareVersions(full, minimum) < 0) {
    out.push(
      `engineVersion ${full} is not offered for an Aurora global database between ca-central-1 and ca-west-1 (accepted: ${Object.values(
        GLOBAL_DATABASE_MIN_VERSIONS,
      )
        .map((v) => `${v}+`)
        .join(', ')})`,
    );
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
