import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Key administration without the right to use the key for data: admins cannot read what it protects.
 * Not `kms:Create*`: it includes `kms:CreateGrant`, and a grant to oneself for `kms:Decrypt` would bypass
 * the `kms:ViaService` restriction below. Grants are allowed only for AWS resources (GrantsForAwsResourcesOnly).
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/** What a data service needs to encrypt and decrypt on a principal's behalf. */
const USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

export interface ResidencyKeyProps {
  /** Alias, with or without the `alias/` prefix. */
  readonly alias: string;
  readonly description: string;
  /**
   * Services (short names such as `s3`, `backup`, `sns`) through which principals of this account may
   * use the key. Use is only allowed through these services in this region (`kms:ViaService`), so the
   * key cannot be used directly from a laptop, nor by any other account.
   * @default - none: only the statements added with `allowServicePrincipal` grant use
   */
  readonly usableVia?: string[];
  /**
   * Waiting period before a scheduled deletion takes effect.
   * @default Duration.days(30), the maximum, to leave time to notice a deletion and cancel it
   */
  readonly pendingWindow?: Duration;
  /** @default RemovalPolicy.RETAIN: deleting the stack must never destroy the key to data that still exists */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer-managed, symmetric KMS key with yearly rotation and a least-privilege key policy:
 * the account can administer it, and use it only through the services named in `usableVia` or by
 * the service principals allowed with `allowServicePrincipal`.
 */
export class ResidencyKey extends Construct {
  readonly key: kms.Key;
  readonly aliasName: string;
  private readonly servicePrincipalGrants = new Map<string, number>();

  constructor(scope: Construct, id: string, props: ResidencyKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.aliasName = props.alias.startsWith('alias/') ? props.alias : `alias/${props.alias}`;
    const pendingWindow = props.pendingWindow ?? Duration.days(30);

    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'KeyAdministrationByAccount',
          principals: [new iam.AccountRootPrincipal()],
          actions: KEY_ADMIN_ACTIONS,
          resources: ['*'],
        }),
      ],
    });
    const services = [...new Set(props.usableVia ?? [])].sort();
    if (services.length > 0) {
      const viaService = services.map((service) => `${service}.${stack.region}.amazonaws.com`);
      policy.addStatements(
        new iam.PolicyStatement({
          sid: 'UseThroughServicesInThisAccount',
          principals: [new iam.AccountRootPrincipal()],
          actions: USE_ACTIONS,
          resources: ['*'],
          conditions: { StringEquals: { 'kms:ViaService': viaService, 'kms:CallerAccount': stack.account } },
        }),
        // Services such as AWS Backup and S3 replication hold grants while they work on a resource.
        new iam.PolicyStatement({
          sid: 'GrantsForAwsResourcesOnly',
          principals: [new iam.AccountRootPrincipal()],
          actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'kms:ViaService': viaService, 'kms:CallerAccount': stack.account },
            Bool: { 'kms:GrantIsForAWSResource': 'true' },
          },
        }),
      );
    }

    this.key = new AccountBoundKey(this, 'Key', {
      alias: this.aliasName,
      description: props.description,
      enableKeyRotation: true,
      pendingWindow,
      policy,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets an AWS service principal (e.g. `logs.ca-central-1.amazonaws.com`) use the key for this
   * account's resources only.
   */
  allowServicePrincipal(
    servicePrincipal: string,
    actions: string[],
    conditions: Record<string, Record<string, unknown>> = {},
  ): void {
    const stack = Stack.of(this);
    // Sids must be unique within a key policy: a second grant to the same principal gets a number.
    const base = `Use by ${servicePrincipal}`.replace(/[^A-Za-z0-9]/g, '');
    const count = (this.servicePrincipalGrants.get(base) ?? 0) + 1;
    this.servicePrincipalGrants.set(base, count);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: count === 1 ? base : `${base}${count}`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions,
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ...conditions },
      }),
    );
  }

  /** ARN of the alias in this key's region: a name other stacks can use without a reference. */
  static aliasArn(scope: Construct, alias: string, region: string, account: string): string {
    const aliasName = alias.startsWith('alias/') ? alias : `alias/${alias}`;
    return Stack.of(scope).formatArn({ service: 'kms', region, account, resource: aliasName });
  }
}

/** Condition keys by which a key policy statement for a service principal names whose resources it serves. */
const SOURCE_CONDITION_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

/** The encryption context CloudWatch Logs sets: the log group ARN, which names account and region. */
const LOGS_CONTEXT_KEY = 'kms:encryptioncontext:aws:logs:arn';

function hasSourceCondition(statement: iam.PolicyStatement): boolean {
  const keys = Object.values(statement.conditions as Record<string, Record<string, unknown>>).flatMap((block) =>
    Object.keys(block).map((k) => k.toLowerCase()),
  );
  return keys.some((k) => SOURCE_CONDITION_KEYS.includes(k) || k === LOGS_CONTEXT_KEY);
}

/**
 * A key whose policy never lets a service principal act for another account (confused deputy): a statement
 * added for a service principal without a source condition, by us or by an L2 grant such as the one S3 server
 * access logging adds to the log bucket's key, is bound to this account with `aws:SourceAccount`.
 */
class AccountBoundKey extends kms.Key {
  override addToResourcePolicy(statement: iam.PolicyStatement, allowNoOp?: boolean): iam.AddToResourcePolicyResult {
    const forService =
      statement.effect === iam.Effect.ALLOW && statement.principals.some((p) => p instanceof iam.ServicePrincipal);
    if (forService && !hasSourceCondition(statement)) {
      statement.addCondition('StringEquals', { 'aws:SourceAccount': Stack.of(this).account });
    }
    return super.addToResourcePolicy(statement, allowNoOp);
  }
}
