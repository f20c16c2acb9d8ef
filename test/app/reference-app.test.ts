import { readFileSync } from 'fs';
import { join } from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { CanadianResidencyChecks } from '../../lib/nag';
import { MIN_ACKNOWLEDGEMENT_REASON } from '../../constructs/acknowledge-finding';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { ResidencyNames } from '../../lib/config/naming';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { CDK_NAG_PACKS, recordedAcknowledgements, remainingNagFindings } from '../support/acknowledgements';
import { newTestApp } from '../support/cdk-app';
import {
  asArray,
  CfnResource,
  CfnTemplate,
  parseArn,
  referencedLogicalId,
  resourcesOfType,
} from '../support/template-queries';

// One app for the whole file: synthesis is the expensive part.
const app = newTestApp();
const { primary, recovery } = buildResidencyStacks(app, DEFAULT_CONFIG);
const assembly = app.synth();
const templates: Record<string, { region: string; template: CfnTemplate }> = {};
for (const stack of [primary, recovery!]) {
  templates[stack.stackName] = { region: stack.region, template: assembly.getStackByName(stack.stackName).template };
}
const names = new ResidencyNames(DEFAULT_CONFIG);
const primaryTemplate = templates[primary.stackName].template;
const recoveryTemplate = templates[recovery!.stackName].template;
const STATEFUL_TYPES = [
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Backup::BackupVault',
  'AWS::Logs::LogGroup',
  'AWS::DynamoDB::Table',
];

const eachTemplate = Object.entries(templates).map(([name, t]) => [name, t.region, t.template] as const);

describe('the cloud assembly', () => {
  test('holds exactly the two stacks, in ca-central-1 and ca-west-1', () => {
    const stacks = assembly.stacks.map((s) => `${s.stackName}@${s.environment.region}`).sort();
    expect(stacks).toEqual(
      [`${names.stackName('primary')}@ca-central-1`, `${names.stackName('recovery')}@ca-west-1`].sort(),
    );
  });

  test('the primary stack deploys after the recovery stack it addresses by name', () => {
    expect(primary.dependencies).toContain(recovery);
  });

  test("CDK's built-in CloudFormation validation reports nothing (no warning either)", () => {
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
    };
    expect(report.pluginReports.flatMap((p) => p.violations.map((v) => `${p.pluginName}: ${v.ruleName}`))).toEqual([]);
  });

  test('both stacks have termination protection', () => {
    expect(assembly.stacks.every((s) => s.terminationProtection)).toBe(true);
  });

  test('synthesis produced no error or warning annotations', () => {
    for (const stack of [primary, recovery!]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});

describe.each(eachTemplate)('stack %s (%s)', (_name, region, template) => {
  const keys = new Set(resourcesOfType(template, 'AWS::KMS::Key').map(([id]) => id));

  test('every bucket is SSE-KMS encrypted with a customer-managed key defined in the same stack, bucket key on', () => {
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThan(0);
    for (const [, bucket] of buckets) {
      const [rule] = bucket.Properties!.BucketEncryption.ServerSideEncryptionConfiguration;
      expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      expect(keys.has(referencedLogicalId(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)!)).toBe(true);
      expect(rule.BucketKeyEnabled).toBe(true);
    }
  });

  test('every bucket is versioned, blocks all public access and disables ACLs', () => {
    for (const [, bucket] of resourcesOfType(template, 'AWS::S3::Bucket')) {
      expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties!.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    }
  });

  test('every bucket has a policy denying requests without TLS and with TLS below 1.2', () => {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy');
    for (const [bucketId] of resourcesOfType(template, 'AWS::S3::Bucket')) {
      const policy = policies.find(([, p]) => referencedLogicalId(p.Properties!.Bucket) === bucketId);
      expect(policy).toBeDefined();
      const denies = asArray<any>(policy![1].Properties!.PolicyDocument.Statement).filter(
        (s) => s.Effect === 'Deny' && asArray(s.Principal?.AWS ?? s.Principal).includes('*'),
      );
      expect(denies.some((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
      expect(denies.some((s) => Number(s.Condition?.NumericLessThan?.['s3:TlsVersion']) === 1.2)).toBe(true);
    }
  });

  test('every bucket except the log bucket sends server access logs to a bucket of this stack', () => {
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    const logTargets = buckets
      .filter(([, b]) => b.Properties!.LoggingConfiguration)
      .map(([, b]) => referencedLogicalId(b.Properties!.LoggingConfiguration.DestinationBucketName));
    const logBuckets = buckets.filter(([, b]) => !b.Properties!.LoggingConfiguration).map(([id]) => id);
    expect(logBuckets).toHaveLength(1);
    expect(new Set(logTargets)).toEqual(new Set(logBuckets));
  });

  test('every KMS key rotates, waits 30 days before deletion, and no key policy grants kms:*', () => {
    expect(keys.size).toBeGreaterThan(0);
    for (const [, key] of resourcesOfType(template, 'AWS::KMS::Key')) {
      expect(key.Properties!.EnableKeyRotation).toBe(true);
      expect(key.Properties!.PendingWindowInDays).toBe(30);
      for (const statement of key.Properties!.KeyPolicy.Statement) {
        expect(asArray(statement.Action)).not.toContain('kms:*');
      }
    }
  });

  test('key policies allow data use only through named services of this region and account', () => {
    for (const [, key] of resourcesOfType(template, 'AWS::KMS::Key')) {
      for (const statement of key.Properties!.KeyPolicy.Statement) {
        const actions = asArray<string>(statement.Action);
        if (!actions.some((a) => a === 'kms:Decrypt' || a.startsWith('kms:GenerateDataKey'))) continue;
        const viaService = statement.Condition?.StringEquals?.['kms:ViaService'];
        const sourceAccount = statement.Condition?.StringEquals?.['aws:SourceAccount'];
        // Either used by principals of the account through a service of this region, or by a service principal for this account only.
        if (viaService) {
          for (const service of asArray<string>(viaService))
            expect(service).toMatch(new RegExp(`\\.${region}\\.amazonaws\\.com$`));
        } else if (statement.Principal.Service === 'logging.s3.amazonaws.com') {
          // S3 log delivery: the log bucket policy admits only this account's source buckets.
          const logBucketPolicies = resourcesOfType(template, 'AWS::S3::BucketPolicy').flatMap(([, p]) =>
            asArray<any>(p.Properties!.PolicyDocument.Statement),
          );
          const delivery = logBucketPolicies.filter((s) => s.Principal?.Service === 'logging.s3.amazonaws.com');
          expect(delivery.length).toBeGreaterThan(0);
          for (const s of delivery)
            expect(s.Condition.StringEquals['aws:SourceAccount']).toBe(DEFAULT_CONFIG.accountId);
        } else if (statement.Principal.Service === `logs.${region}.amazonaws.com`) {
          // CloudWatch Logs: the documented scope is the log group ARN in the encryption context (this account and region).
          expect(statement.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBe(
            `arn:aws:logs:${region}:${DEFAULT_CONFIG.accountId}:log-group:*`,
          );
        } else {
          expect(statement.Principal.Service).toBeDefined();
          expect(sourceAccount).toBe(DEFAULT_CONFIG.accountId);
        }
      }
    }
  });

  test('every backup vault uses a customer-managed key of this stack and is locked', () => {
    const vaults = resourcesOfType(template, 'AWS::Backup::BackupVault');
    expect(vaults).toHaveLength(1);
    for (const [, vault] of vaults) {
      expect(keys.has(referencedLogicalId(vault.Properties!.EncryptionKeyArn)!)).toBe(true);
      expect(vault.Properties!.LockConfiguration.MinRetentionDays).toBe(
        DEFAULT_CONFIG.backup.vaultLock.minRetentionDays,
      );
      expect(vault.Properties!.LockConfiguration.MaxRetentionDays).toBe(
        DEFAULT_CONFIG.backup.vaultLock.maxRetentionDays,
      );
      const deny = asArray<any>(vault.Properties!.AccessPolicy.Statement).find((s) => s.Effect === 'Deny');
      expect(deny.Action).toEqual(
        expect.arrayContaining(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']),
      );
    }
  });

  test('every stateful resource is retained on stack deletion and replacement', () => {
    const stateful = Object.values(template.Resources).filter((r) => STATEFUL_TYPES.includes(r.Type));
    expect(stateful.length).toBeGreaterThan(0);
    for (const resource of stateful) {
      expect(`${resource.Type}:${resource.DeletionPolicy}/${resource.UpdateReplacePolicy}`).toBe(
        `${resource.Type}:Retain/Retain`,
      );
    }
  });
});

describe('replication', () => {
  const replicated = resourcesOfType(primaryTemplate, 'AWS::S3::Bucket').filter(
    ([, b]) => b.Properties!.ReplicationConfiguration,
  );

  test('the primary data bucket and audit archive replicate only to buckets of the ca-west-1 stack, encrypted with a ca-west-1 key', () => {
    expect(replicated.map(([, b]) => b.Properties!.BucketName).sort()).toEqual([
      names.bucketName('audit-logs', 'ca-central-1'),
      names.bucketName('data', 'ca-central-1'),
    ]);
    for (const [, source] of replicated) expectReplicatesToRecovery(source);
  });

  function expectReplicatesToRecovery(source: CfnResource) {
    const recoveryBuckets = new Map(
      resourcesOfType(recoveryTemplate, 'AWS::S3::Bucket').map(([id, b]) => [b.Properties!.BucketName, id]),
    );
    const recoveryAliases = new Map(
      resourcesOfType(recoveryTemplate, 'AWS::KMS::Alias').map(([, a]) => [
        a.Properties!.AliasName,
        referencedLogicalId(a.Properties!.TargetKeyId),
      ]),
    );
    const recoveryBucketKeys = new Map(
      resourcesOfType(recoveryTemplate, 'AWS::S3::Bucket').map(([id, b]) => [
        id,
        referencedLogicalId(
          b.Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
            .KMSMasterKeyID,
        ),
      ]),
    );
    for (const rule of source.Properties!.ReplicationConfiguration.Rules) {
      const destinationName = parseArn(rule.Destination.Bucket).resource;
      expect(recoveryBuckets.has(destinationName)).toBe(true);
      const replicaKey = parseArn(rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID);
      expect(replicaKey.region).toBe('ca-west-1');
      // The alias names the very key that encrypts the replica bucket in ca-west-1.
      expect(recoveryAliases.get(replicaKey.resource)).toBe(
        recoveryBucketKeys.get(recoveryBuckets.get(destinationName)!),
      );
    }
  }

  test('the audit archive copy is object-locked, and deletions at the source do not replicate to it', () => {
    const [, archive] = replicated.find(
      ([, b]) => b.Properties!.BucketName === names.bucketName('audit-logs', 'ca-central-1'),
    )!;
    expect(
      archive.Properties!.ReplicationConfiguration.Rules.map((r: any) => r.DeleteMarkerReplication.Status),
    ).toEqual(['Disabled']);
    const [, copy] = resourcesOfType(recoveryTemplate, 'AWS::S3::Bucket').find(
      ([, b]) => b.Properties!.BucketName === names.bucketName('audit-logs-copy', 'ca-west-1'),
    )!;
    expect(copy.Properties!.ObjectLockEnabled).toBe(true);
    expect(copy.Properties!.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'GOVERNANCE',
      Days: DEFAULT_CONFIG.auditTrail.objectLock.retentionDays,
    });
  });

  test('replication replicates KMS-encrypted objects, with metrics and Replication Time Control for alarms', () => {
    for (const rule of replicated.flatMap(([, b]) => b.Properties!.ReplicationConfiguration.Rules as any[])) {
      expect(rule.SourceSelectionCriteria.SseKmsEncryptedObjects.Status).toBe('Enabled');
      expect(rule.Destination.Metrics.Status).toBe('Enabled');
      expect(rule.Destination.ReplicationTime.Status).toBe('Enabled');
    }
  });

  test('the replication role may write only to the replica bucket and encrypt only with the ca-west-1 data key', () => {
    const [, policy] = resourcesOfType(primaryTemplate, 'AWS::IAM::ManagedPolicy').find(([id]) =>
      id.includes('Replication'),
    )!;
    const statements = policy.Properties!.PolicyDocument.Statement;
    const write = statements.find((s: any) => asArray(s.Action).includes('s3:ReplicateObject'));
    expect(asArray(write.Resource)).toEqual([`arn:aws:s3:::${names.bucketName('replica', 'ca-west-1')}/*`]);
    const encrypt = statements.find((s: any) => asArray(s.Action).includes('kms:GenerateDataKey'));
    expect(parseArn(encrypt.Resource).region).toBe('ca-west-1');
    expect(encrypt.Condition['ForAnyValue:StringEquals']['kms:ResourceAliases']).toBe(names.keyAlias('data'));
  });
});

describe('backups', () => {
  const plans = resourcesOfType(primaryTemplate, 'AWS::Backup::BackupPlan');
  const recoveryVaultNames = resourcesOfType(recoveryTemplate, 'AWS::Backup::BackupVault').map(
    ([, v]) => v.Properties!.BackupVaultName,
  );

  test('every copy action targets only the ca-west-1 vault', () => {
    const rules = plans.flatMap(([, p]) => p.Properties!.BackupPlan.BackupPlanRule);
    expect(rules.map((r: any) => r.RuleName)).toEqual(['daily', 'weekly', 'monthly']);
    for (const rule of rules) {
      expect(rule.CopyActions).toHaveLength(1);
      const destination = parseArn(rule.CopyActions[0].DestinationBackupVaultArn);
      expect(destination.region).toBe('ca-west-1');
      expect(recoveryVaultNames).toContain(destination.resource.replace(/^backup-vault:/, ''));
    }
  });

  test('backup retentions fall inside the vault lock bounds, so recovery points are accepted', () => {
    const { minRetentionDays, maxRetentionDays } = DEFAULT_CONFIG.backup.vaultLock;
    for (const rule of plans.flatMap(([, p]) => p.Properties!.BackupPlan.BackupPlanRule)) {
      for (const days of [rule.Lifecycle.DeleteAfterDays, rule.CopyActions[0].Lifecycle.DeleteAfterDays]) {
        expect(days).toBeGreaterThanOrEqual(minRetentionDays);
        expect(days).toBeLessThanOrEqual(maxRetentionDays);
      }
    }
  });

  test('the selection covers the backup tag and the primary data bucket', () => {
    const [[, selection]] = resourcesOfType(primaryTemplate, 'AWS::Backup::BackupSelection');
    const { ListOfTags, Resources } = selection.Properties!.BackupSelection;
    expect(ListOfTags).toEqual([
      { ConditionType: 'STRINGEQUALS', ConditionKey: 'residency:backup', ConditionValue: 'true' },
    ]);
    const dataBucketId = resourcesOfType(primaryTemplate, 'AWS::S3::Bucket').find(
      ([, b]) => b.Properties!.ReplicationConfiguration,
    )![0];
    expect(JSON.stringify(Resources)).toContain(dataBucketId);
  });

  test('a restore testing plan exercises restores of the primary vault on a schedule', () => {
    const [[, plan]] = resourcesOfType(primaryTemplate, 'AWS::Backup::RestoreTestingPlan');
    expect(plan.Properties!.ScheduleExpression).toBe(DEFAULT_CONFIG.backup.restoreTesting.schedule);
    const vaultId = resourcesOfType(primaryTemplate, 'AWS::Backup::BackupVault')[0][0];
    expect(referencedLogicalId(plan.Properties!.RecoveryPointSelection.IncludeVaults[0])).toBe(vaultId);
    const selections = resourcesOfType(primaryTemplate, 'AWS::Backup::RestoreTestingSelection');
    expect(selections.map(([, s]) => s.Properties!.ProtectedResourceType)).toEqual(['S3']);
  });
});

describe('cdk-nag packs: CaResidency, AwsSolutions and HIPAA Security', () => {
  test('CaResidency finds nothing to flag, exempt or acknowledge in the reference app', () => {
    const result = new CanadianResidencyChecks().evaluateScope(app);
    expect(result.findings.map((f) => `${f.ruleId} ${f.stackName}/${f.logicalId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.exempted).toEqual([]);
    expect(result.acknowledged).toEqual([]);
    expect(result.summary.resources).toBeGreaterThan(20);
  });

  test.each(CDK_NAG_PACKS)('%s leaves no unacknowledged finding', (_name, makePack) => {
    expect(remainingNagFindings(makePack, app)).toEqual([]);
  });

  test(`every acknowledgement uses a namespaced id and gives a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON} characters`, () => {
    const acknowledgements = recordedAcknowledgements(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.id).toMatch(/::/);
      expect(ack.reason.trim().length).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGEMENT_REASON);
    }
  });

  test('no acknowledgement is placed on a stack or the app (no blanket acknowledgements)', () => {
    for (const scope of [app, primary, recovery!] as IConstruct[]) {
      expect(scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    }
    expect(Stack.isStack(primary)).toBe(true);
  });
});
