import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AlarmFactory } from './alarm-factory';
import { ResidencyAlerting } from './residency-alerting';
import { ResidencyBackupPlan } from './residency-backup-plan';
import { ALARM_PERIOD, alarmNameBase, assertKeyInRegion, isolatedSubnets, selectForBackup } from './workload-props';

/** An access point: the directory and POSIX identity an application sees, whatever its client asks for. */
export interface ResidentAccessPoint {
  /** Construct id of the access point. */
  readonly id: string;
  /** Directory exposed as the root, e.g. `/scans`; created with `owner` when missing. */
  readonly path: string;
  /** The POSIX user every request through this access point is made as. */
  readonly posixUser: { readonly uid: string; readonly gid: string };
  /** @default - owned by `posixUser`, permissions `750` */
  readonly createAcl?: efs.Acl;
}

export interface ResidentFileSystemProps {
  /** The region's alert routing. */
  readonly alerting: ResidencyAlerting;
  /**
   * Customer-managed KMS key of the file system's own region. Its policy must let this account use it through
   * EFS (e.g. `ResidencyKey` with `usableVia: ['elasticfilesystem']`).
   */
  readonly encryptionKey: kms.IKey;
  /** The region's residency backup plan: the file system is selected by ARN (copies go to its other Canadian region). */
  readonly backupPlan: ResidencyBackupPlan;
  /** The hosting network (e.g. `HostingNetwork.vpc`). */
  readonly vpc: ec2.IVpc;
  /** Isolated subnets only. @default - every isolated subnet of `vpc` */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Security groups of the clients allowed to mount (NFS, TCP 2049). @default - none: add later with `allowFrom` */
  readonly allowedPeers?: ec2.ISecurityGroup[];
  /** @default - none */
  readonly accessPoints?: ResidentAccessPoint[];
  /** @default - generated */
  readonly fileSystemName?: string;
  /** @default efs.LifecyclePolicy.AFTER_30_DAYS (to Infrequent Access; same key, same guarantees) */
  readonly lifecyclePolicy?: efs.LifecyclePolicy;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An EFS file system for health data: encrypted with a customer-managed key of its region, in isolated subnets,
 * reachable on NFS only from named security groups, a file-system policy that denies any request without TLS and
 * admits only IAM-authorized clients of this account (no anonymous mount), access points, retained, selected by
 * ARN in the region's residency backup plan. Alarm: I/O at the General Purpose limit (warning).
 */
export class ResidentFileSystem extends Construct {
  readonly fileSystem: efs.FileSystem;
  readonly accessPoints: Record<string, efs.AccessPoint> = {};
  readonly backupSelection: backup.BackupSelection;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResidentFileSystemProps) {
    super(scope, id);
    assertKeyInRegion(this, 'ResidentFileSystem', 'encryptionKey', props.encryptionKey);
    const vpcSubnets = isolatedSubnets(this, 'ResidentFileSystem', props.vpc, props.vpcSubnets);
    const stack = Stack.of(this);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `NFS clients of ${this.node.path}`,
      // A file server starts no connection of its own.
      allowAllOutbound: false,
    });
    this.fileSystem = new efs.FileSystem(this, 'FileSystem', {
      vpc: props.vpc,
      vpcSubnets,
      securityGroup,
      fileSystemName: props.fileSystemName,
      encrypted: true,
      kmsKey: props.encryptionKey,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      lifecyclePolicy: props.lifecyclePolicy ?? efs.LifecyclePolicy.AFTER_30_DAYS,
      enableAutomaticBackups: false,
      // CDK's own anonymous-access statement would grant any AWS principal ("*") through a mount target; the policy
      // below grants this account's IAM principals only, which refuses anonymous clients as well.
      allowAnonymousAccess: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      fileSystemPolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'DenyWithoutTls',
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['*'],
            resources: ['*'],
            conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          // Naming the account (not "*") means every client must sign its mount with IAM: anonymous NFS is refused.
          new iam.PolicyStatement({
            sid: 'IamAuthorizedClientsOfThisAccountThroughMountTargets',
            principals: [new iam.AccountPrincipal(stack.account)],
            actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
            resources: ['*'],
            conditions: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
          }),
        ],
      }),
    });
    // EFS's automatic backups go to the default vault with its default key and no copy: the residency plan replaces
    // them. Written out so a reviewer reads it in the template.
    (this.fileSystem.node.defaultChild as efs.CfnFileSystem).backupPolicy = { status: 'DISABLED' };
    for (const peer of props.allowedPeers ?? []) this.allowFrom(peer);
    for (const ap of props.accessPoints ?? []) {
      this.accessPoints[ap.id] = this.fileSystem.addAccessPoint(ap.id, {
        path: ap.path,
        posixUser: ap.posixUser,
        createAcl: ap.createAcl ?? { ownerUid: ap.posixUser.uid, ownerGid: ap.posixUser.gid, permissions: '750' },
      });
    }

    const name = props.fileSystemName ?? alarmNameBase(this);
    this.backupSelection = selectForBackup(this, props.backupPlan, this.fileSystem.fileSystemArn, `${name}-efs`);
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: name });
    alarms.addAlarm({
      id: 'IoLimit',
      nameSuffix: 'io-limit',
      description: `File system ${name} is at the I/O limit of General Purpose mode: clients see higher latency`,
      runbook: 'file-systems',
      tier: 'warning',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/EFS',
        metricName: 'PercentIOLimit',
        dimensionsMap: { FileSystemId: this.fileSystem.fileSystemId },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: ALARM_PERIOD,
      }),
      threshold: 95,
      evaluationPeriods: 3,
    });
    this.alarms = [...alarms.alarms];
  }

  /** Lets instances or tasks in `peer` mount the file system (NFS, TCP 2049). */
  allowFrom(peer: ec2.ISecurityGroup): void {
    this.fileSystem.connections.allowFrom(peer, ec2.Port.tcp(2049), `NFS from ${peer.node.path}`);
  }
}
