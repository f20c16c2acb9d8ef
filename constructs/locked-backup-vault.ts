import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';

export interface VaultLockProps {
  /** `compliance`: nobody, root included, can shorten retention or delete the lock after the grace period. */
  readonly mode: 'governance' | 'compliance';
  readonly minRetention: Duration;
  readonly maxRetention: Duration;
  /** Compliance mode grace period (at least 3 days). Ignored in governance mode. @default Duration.days(3) */
  readonly changeableFor?: Duration;
}

export interface LockedBackupVaultProps {
  readonly backupVaultName: string;
  /** Customer-managed key in this vault's region. */
  readonly encryptionKey: kms.IKey;
  readonly lock: VaultLockProps;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * ARN of the only role that may change or delete this vault's access policy and lock (break glass). The role
   * need not exist yet: creating it, assuming it and every call it makes are recorded by CloudTrail.
   * @default - nobody, root and CloudFormation included: the access policy and the lock can never change
   */
  readonly breakGlassRoleArn?: string;
}

/**
 * What would undo the vault's protection: removing or replacing the access policy that denies deletion, and
 * removing or loosening the lock (in governance mode, anyone allowed these calls could do it).
 */
export const VAULT_PROTECTION_ACTIONS = [
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:PutBackupVaultLockConfiguration',
];

/**
 * An AWS Backup vault encrypted with a customer-managed key, locked (governance or compliance mode),
 * with an access policy that denies deleting recovery points or shortening their lifecycle to everyone,
 * and changing or deleting that policy or the lock to everyone but the break-glass role.
 */
export class LockedBackupVault extends Construct {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    const keyRegion = props.encryptionKey.env.region;
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(keyRegion) && !Token.isUnresolved(region) && keyRegion !== region) {
      throw new InvalidPropError(
        this,
        `LockedBackupVault: encryptionKey is in ${keyRegion}, the vault is in ${region}`,
      );
    }
    const { lock } = props;
    if (lock.maxRetention.toDays() < lock.minRetention.toDays()) {
      throw new InvalidPropError(
        this,
        `LockedBackupVault: lock.maxRetention (${lock.maxRetention.toDays()} days) is below lock.minRetention (${lock.minRetention.toDays()} days)`,
      );
    }
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.backupVaultName,
      encryptionKey: props.encryptionKey,
      blockRecoveryPointDeletion: true,
      lockConfiguration: {
        minRetention: lock.minRetention,
        maxRetention: lock.maxRetention,
        // AWS Backup decides the mode by this field alone: present means compliance.
        changeableFor: lock.mode === 'compliance' ? (lock.changeableFor ?? Duration.days(3)) : undefined,
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.vault.addToAccessPolicy(
      new iam.PolicyStatement({
        sid: 'OnlyBreakGlassChangesProtection',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: VAULT_PROTECTION_ACTIONS,
        resources: ['*'],
        conditions: props.breakGlassRoleArn
          ? { ArnNotEquals: { 'aws:PrincipalArn': props.breakGlassRoleArn } }
          : undefined,
      }),
    );
  }

  /** ARN of a vault of this name in another region, addressed by name (no cross-region reference). */
  static arnInRegion(scope: Construct, backupVaultName: string, region: string, account?: string): string {
    return Stack.of(scope).formatArn({
      service: 'backup',
      region,
      account,
      resource: 'backup-vault',
      resourceName: backupVaultName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
