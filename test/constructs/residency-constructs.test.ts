import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LockedBackupVault } from '../../constructs/locked-backup-vault';
import { ResidencyBackupPlan } from '../../constructs/residency-backup-plan';
import { ResidencyKey } from '../../constructs/residency-key';
import { ResidentBucket } from '../../constructs/resident-bucket';

const env = (region: string) => ({ account: '111122223333', region });
// Each stack gets its own app: Template.fromStack synthesizes the whole app once.
const newStack = (region = 'ca-central-1') => new Stack(new App(), 'S', { env: env(region) });

describe('ResidentBucket refuses what would weaken residency or encryption', () => {
  test('a key from another region', () => {
    const app = new App();
    const key = new kms.Key(new Stack(app, 'West', { env: env('ca-west-1') }), 'Key');
    const stack = new Stack(app, 'Central', { env: env('ca-central-1') });
    const logs = new ResidentBucket(stack, 'Logs', {
      encryptionKey: new kms.Key(stack, 'K'),
      receivesAccessLogs: true,
    });
    expect(() => new ResidentBucket(stack, 'B', { encryptionKey: key, serverAccessLogsBucket: logs.bucket })).toThrow(
      /encryptionKey is in ca-west-1, the bucket is in ca-central-1/,
    );
  });

  test('a bucket without server access logs, unless it is the log bucket', () => {
    const stack = newStack();
    expect(() => new ResidentBucket(stack, 'B', { encryptionKey: new kms.Key(stack, 'K') })).toThrow(
      /serverAccessLogsBucket is required/,
    );
  });

  test('replication to its own region', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    const logs = new ResidentBucket(stack, 'Logs', { encryptionKey: key, receivesAccessLogs: true });
    expect(
      () =>
        new ResidentBucket(stack, 'B', {
          bucketName: 'b-ca-central-1',
          encryptionKey: key,
          serverAccessLogsBucket: logs.bucket,
          replicateTo: { bucketName: 'x', region: 'ca-central-1', keyAlias: 'alias/x' },
        }),
    ).toThrow(/replicateTo.region is ca-central-1/);
  });

  test('is retained, versioned and TLS-only when built with defaults', () => {
    const stack = newStack();
    const logs = new ResidentBucket(stack, 'Logs', {
      encryptionKey: new ResidencyKey(stack, 'K', { alias: 'k', description: 'k' }).key,
      receivesAccessLogs: true,
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
    });
    expect(logs.bucket.policy).toBeDefined();
  });
});

test('ResidentBucket delivers access logs by bucket policy with ACLs disabled, even in an app without feature flags', () => {
  const stack = newStack();
  const key = new kms.Key(stack, 'K');
  const logs = new ResidentBucket(stack, 'Logs', { encryptionKey: key, receivesAccessLogs: true });
  new ResidentBucket(stack, 'Data', { encryptionKey: key, serverAccessLogsBucket: logs.bucket });
  const template = Template.fromStack(stack);
  for (const bucket of Object.values(template.findResources('AWS::S3::Bucket')) as any[]) {
    expect(bucket.Properties.AccessControl).toBeUndefined();
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  }
  const statements = Object.values(template.findResources('AWS::S3::BucketPolicy')).flatMap(
    (p: any) => p.Properties.PolicyDocument.Statement,
  );
  expect(
    statements.some((st: any) => st.Principal?.Service === 'logging.s3.amazonaws.com' && st.Action === 's3:PutObject'),
  ).toBe(true);
});

describe('ResidencyBackupPlan copies only to another Canadian region', () => {
  const planIn = (stack: Stack, copyRegion: string) => {
    const key = new kms.Key(stack, `K${copyRegion}`);
    const vault = new LockedBackupVault(stack, `V${copyRegion}`, {
      backupVaultName: 'vault',
      encryptionKey: key,
      lock: { mode: 'governance', minRetention: Duration.days(1), maxRetention: Duration.days(100) },
    });
    return new ResidencyBackupPlan(stack, `P${copyRegion}`, {
      backupPlanName: 'p',
      vault: vault.vault,
      rules: [{ name: 'daily', schedule: 'cron(0 5 ? * * *)', retention: Duration.days(35) }],
      copyTo: { vaultArn: LockedBackupVault.arnInRegion(stack, 'vault', copyRegion), region: copyRegion },
      selectionTag: { key: 'residency:backup', value: 'true' },
    });
  };

  test.each(['us-west-2', 'us-east-1', 'eu-west-1', 'ca-central-1'])(
    'a copy to %s from ca-central-1 is refused',
    (region) => {
      expect(() => planIn(newStack('ca-central-1'), region)).toThrow(/copies may only go to another Canadian region/);
    },
  );

  test('a copy to ca-west-1 names the vault ARN in ca-west-1', () => {
    const stack = newStack('ca-central-1');
    planIn(stack, 'ca-west-1');
    const plan = Object.values(Template.fromStack(stack).findResources('AWS::Backup::BackupPlan'))[0] as any;
    // Without the partition-literal flag the partition stays a pseudo parameter; the region is literal.
    expect(
      JSON.stringify(plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn),
    ).toContain(':backup:ca-west-1:111122223333:backup-vault:vault');
  });
});

describe('LockedBackupVault', () => {
  test('compliance mode sets the grace period that makes AWS Backup lock in compliance mode; governance does not', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    new LockedBackupVault(stack, 'C', {
      backupVaultName: 'cv',
      encryptionKey: key,
      lock: { mode: 'compliance', minRetention: Duration.days(7), maxRetention: Duration.days(70) },
    });
    new LockedBackupVault(stack, 'G', {
      backupVaultName: 'gv',
      encryptionKey: key,
      lock: { mode: 'governance', minRetention: Duration.days(7), maxRetention: Duration.days(70) },
    });
    const vaults = Object.values(Template.fromStack(stack).findResources('AWS::Backup::BackupVault')) as any[];
    const byName = Object.fromEntries(
      vaults.map((v) => [v.Properties.BackupVaultName, v.Properties.LockConfiguration]),
    );
    expect(byName.cv.ChangeableForDays).toBe(3);
    expect(byName.gv.ChangeableForDays).toBeUndefined();
  });
});
