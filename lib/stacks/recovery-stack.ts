import { Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { regionAvailabilityZones } from '../../constructs/hosting-network';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { ResidentBucket } from '../../constructs/resident-bucket';
import { ResidencyNames } from '../config/naming';
import { RECOVERY_REGION } from '../config/schema';
import { RegionalFoundation } from './regional-foundation';
import { ResidencyStackProps, residencyStackProps } from './residency-stack-props';

/**
 * The recovery region (ca-west-1, Calgary): receives the replica of the primary data bucket and the
 * copies of every recovery point. Deployed first, because the primary stack addresses it by name.
 */
export class RecoveryStack extends Stack {
  readonly foundation: RegionalFoundation;
  readonly replicaBucket: ResidentBucket;

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
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(config.dataBucket.noncurrentVersionRetentionDays) },
      ],
    });
    acknowledgeFinding(
      this.replicaBucket.bucket,
      'HIPAA.Security',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'This bucket is the replication destination of the primary data bucket; replicating the replica again would only loop back.',
    );
    this.foundation.addDashboard();
  }

  /** Zones resolved at deploy time: the default would look them up in the account, and synth must need no account. */
  override get availabilityZones(): string[] {
    return regionAvailabilityZones();
  }
}
