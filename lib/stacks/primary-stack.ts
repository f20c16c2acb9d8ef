import { Duration, Stack, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { regionAvailabilityZones } from '../../constructs/hosting-network';
import { AuditTrail } from '../../constructs/audit-trail';
import { MonitoringDashboard } from '../../constructs/monitoring-dashboard';
import { SecurityAlarms } from '../../constructs/security-alarms';
import { ResidencyAuditor } from '../../constructs/residency-auditor';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { LockedBackupVault } from '../../constructs/locked-backup-vault';
import { ResidencyBackupPlan } from '../../constructs/residency-backup-plan';
import { ResidentBucket } from '../../constructs/resident-bucket';
import { RestoreTesting } from '../../constructs/restore-testing';
import { ResidencyNames } from '../config/naming';
import { PRIMARY_REGION, RECOVERY_OFF, RECOVERY_REGION } from '../config/schema';
import { backupRules } from './backup-rules';
import { RegionalFoundation } from './regional-foundation';
import { ResidencyStackProps, residencyStackProps } from './residency-stack-props';

/**
 * The primary region (ca-central-1, Montréal): the data bucket, replicated to ca-west-1, and the
 * backup plan whose copies go only to the ca-west-1 vault, with scheduled restore tests.
 */
export class PrimaryStack extends Stack {
  readonly foundation: RegionalFoundation;
  readonly dataBucket: ResidentBucket;
  readonly backupPlan: ResidencyBackupPlan;
  readonly restoreTesting?: RestoreTesting;
  readonly auditTrail: AuditTrail;
  readonly securityAlarms: SecurityAlarms;
  readonly dashboard: MonitoringDashboard;
  /** Present when `auditor.enabled`. */
  readonly auditor?: ResidencyAuditor;

  constructor(scope: Construct, id: string, props: ResidencyStackProps) {
    super(scope, id, { ...props, ...residencyStackProps(props.config, 'primary', PRIMARY_REGION) });
    const { config } = props;
    const names = new ResidencyNames(config);
    const recoveryOn = config.recoveryRegion !== RECOVERY_OFF;

    const dataBucketName = names.bucketName('data', PRIMARY_REGION);
    this.foundation = new RegionalFoundation(this, 'Foundation', {
      config,
      names,
      region: PRIMARY_REGION,
      replications: recoveryOn
        ? [
            {
              sourceBucketName: dataBucketName,
              destinationBucketName: names.bucketName('replica', RECOVERY_REGION),
              ruleId: `replicate-to-${RECOVERY_REGION}`,
            },
            // The audit archive's copy: a stalled replication would leave breach evidence in one region only.
            {
              sourceBucketName: names.bucketName('audit-logs', PRIMARY_REGION),
              destinationBucketName: names.bucketName('audit-logs-copy', RECOVERY_REGION),
              ruleId: `replicate-to-${RECOVERY_REGION}`,
            },
          ]
        : [],
    });

    this.dataBucket = new ResidentBucket(this, 'DataBucket', {
      bucketName: dataBucketName,
      encryptionKey: this.foundation.dataKey.key,
      serverAccessLogsBucket: this.foundation.accessLogs.bucket,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(config.dataBucket.noncurrentVersionRetentionDays),
        },
      ],
      replicateTo: recoveryOn
        ? {
            bucketName: names.bucketName('replica', RECOVERY_REGION),
            region: RECOVERY_REGION,
            keyAlias: names.keyAlias('data'),
          }
        : undefined,
      replicationTimeControl: config.replication.timeControl,
      replicationRoleName: names.roleName('s3-replication', PRIMARY_REGION),
    });
    Tags.of(this.dataBucket).add(config.backup.selectionTag.key, config.backup.selectionTag.value);
    if (!recoveryOn) {
      acknowledgeFinding(
        this.dataBucket.bucket,
        'HIPAA.Security',
        'HIPAA.Security-S3BucketReplicationEnabled',
        'recoveryRegion is "none" in the configuration (e.g. Québec data kept in Montréal): no second Canadian region to replicate to; the locked backup vault in ca-central-1 is the recovery copy.',
      );
    }

    const rules = backupRules(config);
    this.backupPlan = new ResidencyBackupPlan(this, 'BackupPlan', {
      backupPlanName: `${names.stackName('primary')}-plan`,
      vault: this.foundation.vault.vault,
      rules,
      copyTo: recoveryOn
        ? { vaultArn: LockedBackupVault.arnInRegion(this, names.vaultName(), RECOVERY_REGION), region: RECOVERY_REGION }
        : undefined,
      selectionTag: config.backup.selectionTag,
      // The access logs are evidence too: backed up, and so copied to the other region, with the data.
      resourceArns: [this.dataBucket.bucket.bucketArn, this.foundation.accessLogs.bucket.bucketArn],
      roleName: names.roleName('backup', PRIMARY_REGION),
    });

    if (config.backup.restoreTesting.enabled) {
      this.restoreTesting = new RestoreTesting(this, 'RestoreTesting', {
        planName: `${names.stackName('primary')}_restore_tests`.replace(/-/g, '_'),
        vaultArns: [this.foundation.vault.vault.backupVaultArn],
        schedule: config.backup.restoreTesting.schedule,
        validationWindowHours: config.backup.restoreTesting.validationWindowHours,
        protectedResourceArns: [this.dataBucket.bucket.bucketArn],
        roleName: names.roleName('restore-testing', PRIMARY_REGION),
      });
    }

    // One multi-region trail per account, recorded from the primary region.
    const lock = config.auditTrail.objectLock;
    this.auditTrail = new AuditTrail(this, 'AuditTrail', {
      trailName: `${names.stackName('primary')}-trail`,
      logsKey: this.foundation.logsKey,
      serverAccessLogsBucket: this.foundation.accessLogs.bucket,
      archiveBucketName: names.bucketName('audit-logs', PRIMARY_REGION),
      archiveRetention: Duration.days(config.auditTrail.archiveRetentionDays),
      objectLock: lock.enabled ? { mode: lock.mode, retention: Duration.days(lock.retentionDays) } : undefined,
      logGroupRetention: config.monitoring.logRetentionDays,
      dataEventBuckets: [this.dataBucket.bucket],
      copyTo: recoveryOn
        ? {
            bucketName: names.bucketName('audit-logs-copy', RECOVERY_REGION),
            region: RECOVERY_REGION,
            keyAlias: names.keyAlias('logs'),
          }
        : undefined,
      copyRoleName: names.roleName('audit-replication', PRIMARY_REGION),
    });
    this.securityAlarms = new SecurityAlarms(this, 'SecurityAlarms', {
      logGroup: this.auditTrail.logGroup,
      alerting: this.foundation.alerting,
      namePrefix: `${config.resourcePrefix}-${config.environmentName}`,
    });
    if (config.auditor.enabled) {
      this.auditor = new ResidencyAuditor(this, 'Auditor', {
        alerting: this.foundation.alerting,
        namePrefix: `${config.resourcePrefix}-${config.environmentName}`,
        keyAlias: names.keyAlias('auditor'),
        allowedRegions: recoveryOn ? [PRIMARY_REGION, RECOVERY_REGION] : [PRIMARY_REGION],
        expectReplication: recoveryOn ? [dataBucketName] : [],
        expectObjectLock: lock.enabled ? [names.bucketName('audit-logs', PRIMARY_REGION)] : [],
        schedule: config.auditor.schedule,
        logRetention: config.monitoring.logRetentionDays,
      });
    }
    this.dashboard = this.foundation.addDashboard();
  }

  /** Zones resolved at deploy time: the default would look them up in the account, and synth must need no account. */
  override get availabilityZones(): string[] {
    return regionAvailabilityZones();
  }
}
