import { Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { LockedBackupVault } from '../../constructs/locked-backup-vault';
import { ResidencyKey } from '../../constructs/residency-key';
import { ResidentBucket } from '../../constructs/resident-bucket';
import { DataProtectionAlarms, WatchedReplication } from '../../constructs/data-protection-alarms';
import { MonitoringDashboard } from '../../constructs/monitoring-dashboard';
import { ResidencyAlerting } from '../../constructs/residency-alerting';
import { HostingNetwork } from '../../constructs/hosting-network';
import { ResidencyDetectiveRules } from '../../constructs/residency-detective-rules';
import { minimumBackupRetentionDays } from '../config/guardrails';
import { ResidencyConfig } from '../config/schema';
import { ResidencyNames } from '../config/naming';

export interface RegionalFoundationProps {
  readonly config: ResidencyConfig;
  readonly names: ResidencyNames;
  readonly region: string;
  /** Replication rules of this region's buckets, watched for failures and latency. @default - none */
  readonly replications?: WatchedReplication[];
}

/**
 * What each region needs before it holds data: its own keys (data, backup, logs), a compliant
 * access-log bucket and a locked backup vault. Both stacks build one, so the regions stay symmetric.
 */
export class RegionalFoundation extends Construct {
  readonly dataKey: ResidencyKey;
  readonly backupKey: ResidencyKey;
  readonly logsKey: ResidencyKey;
  readonly accessLogs: ResidentBucket;
  readonly vault: LockedBackupVault;
  readonly alerting: ResidencyAlerting;
  readonly dataProtection: DataProtectionAlarms;
  /** Absent when `network.enabled` is false. */
  readonly network?: HostingNetwork;
  /** Present when `guardrails.detectiveRules` is true. */
  readonly detectiveRules?: ResidencyDetectiveRules;
  private readonly replications: WatchedReplication[];
  private readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: RegionalFoundationProps) {
    super(scope, id);
    const { config, names, region } = props;

    this.dataKey = new ResidencyKey(this, 'DataKey', {
      alias: names.keyAlias('data'),
      description: `Encrypts health data stored in S3 in ${region}`,
      usableVia: ['s3'],
    });
    this.backupKey = new ResidencyKey(this, 'BackupKey', {
      alias: names.keyAlias('backup'),
      description: `Encrypts AWS Backup recovery points in ${region}`,
      usableVia: ['backup'],
    });
    this.logsKey = new ResidencyKey(this, 'LogsKey', {
      alias: names.keyAlias('logs'),
      description: `Encrypts access logs and audit logs in ${region}`,
      usableVia: ['s3'],
    });
    // S3 log delivery writes access logs as itself: the Bucket L2 grants it this key when a bucket
    // logs here, and the log bucket's policy limits those writes to this account's source buckets.

    this.accessLogs = new ResidentBucket(this, 'AccessLogs', {
      bucketName: names.bucketName('access-logs', region),
      encryptionKey: this.logsKey.key,
      receivesAccessLogs: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(config.accessLogs.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    acknowledgeFinding(
      this.accessLogs.bucket,
      'HIPAA.Security',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Access logs are protected by AWS Backup, with a copy in the other Canadian region when one is configured, rather than by replication of every log object.',
    );

    // CloudWatch cannot alarm across regions: each region routes its own alarms.
    this.alerting = new ResidencyAlerting(this, 'Alerting', {
      keyAlias: names.keyAlias('alerts'),
      namePrefix: `${names.stackName(region === config.primaryRegion ? 'primary' : 'recovery')}-alerts`,
      critical: config.alerts.critical,
      warning: config.alerts.warning,
    });
    this.replications = props.replications ?? [];
    this.dataProtection = new DataProtectionAlarms(this, 'DataProtection', {
      alerting: this.alerting,
      namePrefix: `${config.resourcePrefix}-${config.environmentName}`,
      replications: this.replications,
      replicationLatencyThreshold: Duration.seconds(config.monitoring.replicationLatencyAlarmSeconds),
      guardDuty: config.monitoring.guardDuty,
    });
    if (config.network.enabled) {
      this.network = new HostingNetwork(this, 'Network', {
        cidr: region === config.primaryRegion ? config.network.primaryCidr : config.network.recoveryCidr,
        logsKey: this.logsKey,
        flowLogRetention: config.monitoring.logRetentionDays,
        interfaceEndpoints: config.network.interfaceEndpoints,
        vpcName: `${config.resourcePrefix}-${config.environmentName}-${region}`,
      });
    }
    this.dashboardName = `${config.resourcePrefix}-${config.environmentName}-${region}`;
    if (config.guardrails.detectiveRules) {
      this.detectiveRules = new ResidencyDetectiveRules(this, 'DetectiveRules', {
        alerting: this.alerting,
        namePrefix: `${config.resourcePrefix}-${config.environmentName}`,
        minimumRetentionDays: minimumBackupRetentionDays(config),
        backupSelectionTag: config.backup.selectionTag,
      });
    }

    const lock = config.backup.vaultLock;
    this.vault = new LockedBackupVault(this, 'Vault', {
      backupVaultName: names.vaultName(),
      encryptionKey: this.backupKey.key,
      lock: {
        mode: lock.mode,
        minRetention: Duration.days(lock.minRetentionDays),
        maxRetention: Duration.days(lock.maxRetentionDays),
        changeableFor: Duration.days(lock.changeableForDays),
      },
      breakGlassRoleArn: config.backup.breakGlassRoleName
        ? Stack.of(this).formatArn({
            service: 'iam',
            region: '',
            resource: 'role',
            resourceName: config.backup.breakGlassRoleName,
          })
        : undefined,
    });
  }

  /** The region's on-call dashboard: call once, after every alarm of the stack is routed. */
  addDashboard(): MonitoringDashboard {
    return new MonitoringDashboard(this, 'Dashboard', {
      dashboardName: this.dashboardName,
      alarms: this.alerting.alarms,
      replications: this.replications,
    });
  }
}
