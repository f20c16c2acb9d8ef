import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { ResidencyKey } from '../../constructs/residency-key';
import { ResidentBucket } from '../../constructs/resident-bucket';

/**
 * Physical names of the delivery pipeline's resources in the tooling account. The pipeline stack (ca-central-1)
 * addresses the ca-west-1 artifact bucket and key by these names, so no reference crosses regions.
 */
export class PipelineNames {
  constructor(
    private readonly resourcePrefix: string,
    readonly toolingAccountId: string,
  ) {}

  stackName(role: 'pipeline' | 'support'): string {
    return role === 'pipeline' ? `${this.resourcePrefix}-pipeline` : `${this.resourcePrefix}-pipeline-support`;
  }

  pipelineName(): string {
    return `${this.resourcePrefix}-delivery`;
  }

  artifactBucketName(region: string): string {
    return `${this.resourcePrefix}-pipeline-artifacts-${this.toolingAccountId}-${region}`;
  }

  accessLogsBucketName(region: string): string {
    return `${this.resourcePrefix}-pipeline-logs-${this.toolingAccountId}-${region}`;
  }

  /** Aliases are regional: the same name in both regions names each region's own key. */
  artifactKeyAlias(): string {
    return `alias/${this.resourcePrefix}-pipeline-artifacts`;
  }

  /** Fixed, so the ca-west-1 key policy can name the role before the pipeline stack exists. */
  pipelineRoleName(): string {
    return `${this.resourcePrefix}-pipeline-ca-central-1`;
  }
}

/** A principal of another account that reads the artifacts: a CDK bootstrap deploy role, by ARN. */
export interface ArtifactReader {
  readonly account: string;
  readonly roleArn: string;
}

export interface PipelineArtifactStoreProps {
  readonly names: PipelineNames;
  /** Principals outside the tooling account that read artifacts in this region (deploy roles of the environments). */
  readonly readers: readonly ArtifactReader[];
  /** The pipeline's own role (tooling account), which copies artifacts into this region. @default - none named */
  readonly writerRoleArn?: string;
}

/** Pipeline artifacts are rebuilt from source on every run: older ones only help to investigate a failed run. */
const ARTIFACT_RETENTION = Duration.days(90);

/**
 * A pipeline artifact store of one region: a bucket encrypted with a customer-managed key of that region, its access
 * logs beside it. Used for ca-central-1 (the pipeline's own store) and ca-west-1 (the store CodePipeline replicates to
 * before a CloudFormation action in that region), so CDK never creates a store of its own anywhere.
 */
export class PipelineArtifactStore extends Construct {
  readonly key: ResidencyKey;
  readonly artifacts: ResidentBucket;

  constructor(scope: Construct, id: string, props: PipelineArtifactStoreProps) {
    super(scope, id);
    const { names } = props;
    const region = Stack.of(this).region;
    // Artifacts hold synthesized templates and asset archives: reachable only through S3 of this region.
    this.key = new ResidencyKey(this, 'Key', {
      alias: names.artifactKeyAlias(),
      description: `Encrypts the delivery pipeline's artifacts and their access logs in ${region}`,
      usableVia: ['s3'],
    });
    const accessLogs = new ResidentBucket(this, 'AccessLogs', {
      bucketName: names.accessLogsBucketName(region),
      encryptionKey: this.key.key,
      receivesAccessLogs: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    this.artifacts = new ResidentBucket(this, 'Artifacts', {
      bucketName: names.artifactBucketName(region),
      encryptionKey: this.key.key,
      serverAccessLogsBucket: accessLogs.bucket,
      lifecycleRules: [
        { id: 'expire-artifacts', expiration: ARTIFACT_RETENTION, noncurrentVersionExpiration: Duration.days(1) },
      ],
    });
    for (const bucket of [accessLogs, this.artifacts]) {
      acknowledgeFinding(
        bucket.bucket,
        'HIPAA.Security',
        'HIPAA.Security-S3BucketReplicationEnabled',
        'Pipeline artifacts and their access logs are rebuilt or rewritten on every run from the source repository; they hold templates and build outputs, not health data, so a regional copy would protect nothing.',
      );
    }
    if (props.writerRoleArn) this.allow('PipelineRoleWrites', Stack.of(this).account, props.writerRoleArn, true);
    props.readers.forEach((reader, index) => this.allow(`DeployRoleReads${index}`, reader.account, reader.roleArn));
  }

  /**
   * Lets one role use the store through S3 of this region. The role is named by condition on its account, not as the
   * principal: KMS and S3 reject a policy naming a role that does not exist yet, and this store deploys first.
   */
  private allow(sid: string, account: string, roleArn: string, write = false): void {
    const region = Stack.of(this).region;
    const principal = new iam.AccountPrincipal(account);
    const byRole = { ArnEquals: { 'aws:PrincipalArn': roleArn } };
    const bucket = this.artifacts.bucket;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [principal],
        actions: write
          ? ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:PutObject', 's3:PutObjectTagging', 's3:Abort*']
          : ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: byRole,
      }),
    );
    this.key.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [principal],
        actions: write
          ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']
          : ['kms:Decrypt', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ...byRole, StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      }),
    );
  }
}
