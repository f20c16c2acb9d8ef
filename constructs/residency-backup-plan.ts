import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeFinding } from './acknowledge-finding';
import { InvalidPropError } from './invalid-prop-error';
import { isCanadianRegion } from '../lib/policy/regions';

export interface ResidencyBackupRule {
  /** e.g. `daily`. */
  readonly name: string;
  /** AWS cron expression, UTC, e.g. `cron(0 5 ? * * *)`. */
  readonly schedule: string;
  readonly retention: Duration;
  /** Retention of the copy in the recovery vault. @default - same as `retention` */
  readonly copyRetention?: Duration;
}

/** The recovery vault, addressed by ARN because it lives in another region's stack. */
export interface BackupCopyDestination {
  readonly vaultArn: string;
  /** Must be a Canadian region other than the plan's own. */
  readonly region: string;
}

export interface ResidencyBackupPlanProps {
  readonly backupPlanName: string;
  readonly vault: backup.IBackupVault;
  readonly rules: ResidencyBackupRule[];
  /** Where every recovery point is copied. @default - no copies (single-region deployment) */
  readonly copyTo?: BackupCopyDestination;
  /** Resources carrying this tag are selected, whoever created them. */
  readonly selectionTag: { readonly key: string; readonly value: string };
  /** ARNs of data stores the baseline creates itself, selected whether tagged or not. */
  readonly resourceArns?: string[];
  /** @default - generated */
  readonly roleName?: string;
}

// AWS's own policies for S3 and the other resource types, which AWS keeps current as services change.
export const BACKUP_MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/**
 * A backup plan whose rules all write to one vault and copy only to a Canadian recovery vault,
 * selecting resources by tag plus the baseline's own data stores.
 */
export class ResidencyBackupPlan extends Construct {
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ResidencyBackupPlanProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (props.rules.length === 0) {
      throw new InvalidPropError(this, 'ResidencyBackupPlan: rules must contain at least one rule');
    }
    const copyTo = props.copyTo;
    if (copyTo && (!isCanadianRegion(copyTo.region) || copyTo.region === region)) {
      throw new InvalidPropError(
        this,
        `ResidencyBackupPlan: copyTo.region is ${copyTo.region}; copies may only go to another Canadian region than ${region}`,
      );
    }
    const copyVault = copyTo && backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', copyTo.vaultArn);

    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: props.backupPlanName,
      backupVault: props.vault,
      backupPlanRules: props.rules.map(
        (rule) =>
          new backup.BackupPlanRule({
            ruleName: rule.name,
            scheduleExpression: events.Schedule.expression(rule.schedule),
            deleteAfter: rule.retention,
            startWindow: Duration.hours(1),
            completionWindow: Duration.hours(8),
            copyActions: copyVault && [
              { destinationBackupVault: copyVault, deleteAfter: rule.copyRetention ?? rule.retention },
            ],
          }),
      ),
    });

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      // Only AWS Backup acting for this account may assume it (confused deputy).
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `AWS Backup role of ${props.backupPlanName}`,
      managedPolicies: BACKUP_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of BACKUP_MANAGED_POLICIES) {
      acknowledgeFinding(
        this.role,
        'AwsSolutions',
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        'AWS Backup documents these AWS-managed policies as the role policy for backup and S3 restore; AWS updates them as services change.',
      );
    }
    this.plan.addSelection('Selection', {
      backupSelectionName: `${props.backupPlanName}-selection`,
      role: this.role,
      disableDefaultBackupPolicy: true,
      resources: [
        backup.BackupResource.fromTag(props.selectionTag.key, props.selectionTag.value),
        ...(props.resourceArns ?? []).map((arn) => backup.BackupResource.fromArn(arn)),
      ],
    });
  }
}
