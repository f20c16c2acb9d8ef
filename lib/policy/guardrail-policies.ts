import { GLOBAL_CONTROL_PLANE_ACTIONS } from './control-plane-actions';
import { isCanadianRegion } from './regions';

/**
 * The organisation guardrails as plain policy documents: a pure function of their options, so the
 * ResidencyGuardrails construct and `ca-residency policy` print the same JSON for the same options.
 */

/** Maximum size of an SCP or RCP document, counted by AWS without insignificant whitespace. */
export const ORGANIZATION_POLICY_MAX_CHARS = 5120;

/** IAM's role-name alphabet; the break-glass role name is spliced into ARNs. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ALIAS_PREFIX = /^alias\/[a-zA-Z0-9/_-]{1,200}$/;

export interface GuardrailStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Principal?: '*';
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource: '*' | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface GuardrailPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: GuardrailStatement[];
}

export interface GuardrailPolicyOptions {
  /** Regions where everything is allowed; Canadian regions only. */
  readonly allowedRegions: readonly string[];
  /** Name of the break-glass role (same name in every account of the targets); the only exemption. */
  readonly breakGlassRoleName: string;
  /** Residency keys are those with an alias starting with this prefix, e.g. `alias/cacr-`. */
  readonly residencyKeyAliasPrefix: string;
  /** AWS Organizations id (`o-...`): principals of this organisation may reach the data. Needed by the RCP only. */
  readonly organizationId?: string;
}

/** Services whose resources the RCP protects (all support resource control policies). */
export const RCP_PROTECTED_SERVICES: readonly string[] = ['kms', 's3', 'secretsmanager', 'sqs'];

/** The names under which the policies are printed and deployed. */
export const SCP_NAMES = ['region-deny', 'baseline-protection'] as const;
export type ScpName = (typeof SCP_NAMES)[number];

/** Thrown for options that would produce a wrong or unsafe policy; names the option and its value. */
export class GuardrailOptionsError extends Error {
  constructor(option: string, value: unknown, expected: string) {
    super(`${option}: ${expected} (got ${JSON.stringify(value)})`);
    this.name = 'GuardrailOptionsError';
  }
}

function validated(options: GuardrailPolicyOptions): GuardrailPolicyOptions {
  if (options.allowedRegions.length === 0)
    throw new GuardrailOptionsError('allowedRegions', options.allowedRegions, 'at least one region');
  for (const region of options.allowedRegions) {
    if (!isCanadianRegion(region))
      throw new GuardrailOptionsError(
        'allowedRegions',
        region,
        'only regions located in Canada (ca-central-1, ca-west-1)',
      );
  }
  if (!ROLE_NAME.test(options.breakGlassRoleName)) {
    throw new GuardrailOptionsError(
      'breakGlassRoleName',
      options.breakGlassRoleName,
      'an IAM role name (1-64 letters, digits or +=,.@_-)',
    );
  }
  if (!ALIAS_PREFIX.test(options.residencyKeyAliasPrefix)) {
    throw new GuardrailOptionsError(
      'residencyKeyAliasPrefix',
      options.residencyKeyAliasPrefix,
      'a KMS alias prefix starting with alias/, e.g. alias/cacr-',
    );
  }
  return options;
}

/** The break-glass role in any account of the organisation: `aws:PrincipalArn` of its sessions. */
export function breakGlassRoleArnPattern(roleName: string): string {
  return `arn:aws:iam::*:role/${roleName}`;
}

function exceptBreakGlass(options: GuardrailPolicyOptions): Record<string, Record<string, string>> {
  return { ArnNotLike: { 'aws:PrincipalArn': breakGlassRoleArnPattern(options.breakGlassRoleName) } };
}

/**
 * Denies every action requested for a region outside the allowed ones, except the global control-plane
 * actions of GLOBAL_CONTROL_PLANE_ACTIONS and the break-glass role.
 */
export function regionDenyScp(input: GuardrailPolicyOptions): GuardrailPolicyDocument {
  const options = validated(input);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: GLOBAL_CONTROL_PLANE_ACTIONS.map((entry) => entry.action),
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': [...options.allowedRegions] },
          ...exceptBreakGlass(options),
        },
      },
    ],
  };
}

/**
 * Protects what the baseline relies on to prove residency and to recover: the audit trail, flow logs,
 * backup vaults and recovery points, residency keys, and membership of the organisation.
 */
export function baselineProtectionScp(input: GuardrailPolicyOptions): GuardrailPolicyDocument {
  const options = validated(input);
  const breakGlass = exceptBreakGlass(options);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'KeepAuditTrail',
        Effect: 'Deny',
        Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
        Resource: '*',
        Condition: breakGlass,
      },
      { Sid: 'KeepFlowLogs', Effect: 'Deny', Action: ['ec2:DeleteFlowLogs'], Resource: '*', Condition: breakGlass },
      {
        Sid: 'KeepBackups',
        Effect: 'Deny',
        Action: [
          'backup:DeleteBackupVault',
          'backup:DeleteBackupVaultAccessPolicy',
          'backup:DeleteBackupVaultLockConfiguration',
          'backup:DeleteRecoveryPoint',
          'backup:UpdateRecoveryPointLifecycle',
        ],
        Resource: '*',
        Condition: breakGlass,
      },
      {
        // Aliases are part of the identity: deleting or repointing one would take a key out of this statement.
        Sid: 'KeepResidencyKeys',
        Effect: 'Deny',
        Action: [
          'kms:DisableKey',
          'kms:ScheduleKeyDeletion',
          'kms:DeleteImportedKeyMaterial',
          'kms:DeleteAlias',
          'kms:UpdateAlias',
        ],
        Resource: '*',
        Condition: {
          'ForAnyValue:StringLike': { 'kms:ResourceAliases': `${options.residencyKeyAliasPrefix}*` },
          ...breakGlass,
        },
      },
      {
        Sid: 'StayInOrganization',
        Effect: 'Deny',
        Action: ['organizations:LeaveOrganization'],
        Resource: '*',
        Condition: breakGlass,
      },
    ],
  };
}

/**
 * Resource control policy: the data services' resources refuse requests without TLS and requests
 * from principals outside the organisation. AWS services acting for the account (CloudTrail and S3
 * log delivery, for instance) carry no organisation id and are left to the resource policies.
 */
export function residencyRcp(input: GuardrailPolicyOptions): GuardrailPolicyDocument {
  const options = validated(input);
  if (!options.organizationId || !ORGANIZATION_ID.test(options.organizationId)) {
    throw new GuardrailOptionsError(
      'organizationId',
      options.organizationId,
      'an AWS Organizations id such as o-a1b2c3d4e5',
    );
  }
  const actions = RCP_PROTECTED_SERVICES.map((service) => `${service}:*`);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: '*',
        Action: actions,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyOutsideOrganization',
        Effect: 'Deny',
        Principal: '*',
        Action: actions,
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': options.organizationId },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ],
  };
}

/** The SCPs by name, in the order they are deployed and printed. */
export function guardrailScps(options: GuardrailPolicyOptions): Record<ScpName, GuardrailPolicyDocument> {
  return { 'region-deny': regionDenyScp(options), 'baseline-protection': baselineProtectionScp(options) };
}

/** A policy as AWS stores and counts it: JSON without insignificant whitespace. */
export function minifiedPolicy(policy: GuardrailPolicyDocument): string {
  return JSON.stringify(policy);
}
