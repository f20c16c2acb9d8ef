import { Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { regionAvailabilityZones } from '../../constructs/hosting-network';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { ResidentBucket } from '../../constructs/resident-bucket';
import { ResidencyNames } from '../config/naming';
import { PRIMARY_REGION, RECOVERY_REGION } from '../config/schema';
import { AuditArchiveCopy } from '../../constructs/audit-trail';
import { LockedBackupVault } from '../../constructs/locked-backup-vault';
import { ResidencyBackupPlan } from '../../constructs/residency-backup-plan';
import { backupRules } from './backup-rules';
import { RegionalFoundation } from './regional-foundation';
import { ResidencyStackProps, residencyStackProps } from './residency-stack-props';

/**
 * The recovery region (ca-west-1, Calgary): receives the replica of the primary data bucket and the
 * copies of every recovery point. Deployed first, because the primary stack addresses it by name.
 */
export class RecoveryStack extends Stack {
  readonly foundation: RegionalFoundation;
  readonly replicaBucket: ResidentBucket;
  readonly auditArchiveCopy: AuditArchiveCopy;
  readonly backupPlan: ResidencyBackupPlan;

  constructor(scope: Construct, id: string, props: ResidencyStackProps) {
    super(scope, id, { ...props, ...residencyStackProps(props.config, 'recovery', RECOVERY_REGION) });
    const { config } = props;
    const names = new ResidencyNames(config);

    this.foundation = new RegionalFoundation(this, 'Foundation', { config, names, region: RECOVERY_REGION });
    this.replicaBucket = new ResidentBucket(this, 'ReplicaBucket', {
      bucketName: names.bucketName('replica', RECOVERY_REGION),
      encryptionKey: this.foundation.dataKey.key,
      serverAccessLogsBucket: this.foundation.accessLogs.bucket,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(config.dataBucket.noncurrentVersionRetentionDays),
        },
      ],
    });
    acknowledgeFinding(
      this.replicaBucket.bucket,
      'HIPAA.Security',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'This bucket is the replication destination of the primary data bucket; replicating the replica again would only loop back.',
    );
    // The audit evidence survives the loss of ca-central-1: the primary trail archive replicates here, locked.
    const lock = config.auditTrail.objectLock;
    this.auditArchiveCopy = new AuditArchiveCopy(this, 'AuditArchiveCopy', {
      bucketName: names.bucketName('audit-logs-copy', RECOVERY_REGION),
      encryptionKey: this.foundation.logsKey.key,
      serverAccessLogsBucket: this.foundation.accessLogs.bucket,
      // Locked even when the primary archive is not: a copy kept for a regional loss must not be editable there.
      objectLock: { mode: lock.enabled ? lock.mode : 'governance', retention: Duration.days(lock.retentionDays) },
      retention: Duration.days(config.auditTrail.archiveRetentionDays),
    });
    // This region's access logs (requests to the replica and the archive copy) are backed up with a copy in
    // ca-central-1. The copy vault is addressed by name; copies start once the primary stack has created it.
    this.backupPlan = new ResidencyBackupPlan(this, 'BackupPlan', {
      backupPlanName: `${names.stackName('recovery')}-plan`,
      vault: this.foundation.vault.vault,
      rules: backupRules(config),
      copyTo: {
        vaultArn: LockedBackupVault.arnInRegion(this, names.vaultName(), PRIMARY_REGION),
        region: PRIMARY_REGION,
      },
      selectionTag: config.backup.selectionTag,
      resourceArns: [this.foundation.accessLogs.bucket.bucketArn],
      roleName: names.roleName('backup', RECOVERY_REGION),
    });
    this.foundation.addDashboard();
  }

  /** Zones resolved at deploy time: the default would look them up in the account, and synth must need no account. */
  override get availabilityZones(): string[] {
    return regionAvailabilityZones();
  }
}
