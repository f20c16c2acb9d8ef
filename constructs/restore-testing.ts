import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeFinding } from './acknowledge-finding';

// AWS's own restore policies, kept current by AWS as services change.
const RESTORE_MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Restore',
];

export interface RestoreTestingProps {
  /** Letters, digits and underscores only (AWS Backup's rule for restore testing names). */
  readonly planName: string;
  /** Vaults whose latest recovery points are restored. */
  readonly vaultArns: string[];
  /** AWS cron expression, UTC. */
  readonly schedule: string;
  /** Hours the restored copy is kept for validation before AWS Backup deletes it. */
  readonly validationWindowHours: number;
  /** Restore tests run for these resource types. @default ['S3'] */
  readonly resourceTypes?: string[];
  /** Resources tested; AWS Backup picks from the recovery points of these resources. @default ['*'] */
  readonly protectedResourceArns?: string[];
  /** @default - generated */
  readonly roleName?: string;
}

/**
 * A restore testing plan: on a schedule AWS Backup restores the latest recovery point of each
 * selected resource, keeps it for the validation window, then deletes it, and reports the outcome
 * as a restore job (which the monitoring alarms on). Restores are exercised, not assumed.
 */
export class RestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `AWS Backup restore testing role of ${props.planName}`,
      managedPolicies: RESTORE_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of RESTORE_MANAGED_POLICIES) {
      acknowledgeFinding(
        this.role,
        'AwsSolutions',
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        'AWS Backup documents these AWS-managed policies for restore jobs, restore tests included; AWS updates them as services change.',
      );
    }

    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: props.planName,
      scheduleExpression: props.schedule,
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: props.vaultArns,
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });

    for (const resourceType of props.resourceTypes ?? ['S3']) {
      const selection = new backup.CfnRestoreTestingSelection(this, `Selection${resourceType}`, {
        restoreTestingPlanName: props.planName,
        restoreTestingSelectionName: `${props.planName}_${resourceType.toLowerCase()}`,
        protectedResourceType: resourceType,
        protectedResourceArns: props.protectedResourceArns ?? ['*'],
        iamRoleArn: this.role.roleArn,
        validationWindowHours: props.validationWindowHours,
      });
      selection.addResourceDependency(this.plan);
    }
  }
}
