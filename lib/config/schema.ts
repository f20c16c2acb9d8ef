import { z } from 'zod';

/**
 * The shape of a cdk-ca-residency configuration. Every object is strict, so a misspelt key is
 * reported instead of being silently ignored (a typo in `retentionDays` must not fall back to a default).
 */

/** Regions that keep data in Canada. The primary is fixed; the recovery region can be switched off. */
export const PRIMARY_REGION = 'ca-central-1';
export const RECOVERY_REGION = 'ca-west-1';
export const RECOVERY_OFF = 'none';

const days = (what: string) =>
  z.number({ error: `${what} must be a number of days` }).int(`${what} must be a whole number of days`);

// AWS Backup reads schedules in its own cron dialect: six fields inside cron( ).
const backupCron = z
  .string()
  .regex(/^cron\((\S+\s){5}\S+\)$/, 'must be an AWS cron expression with six fields, e.g. cron(0 5 ? * * *)');

const backupRuleSchema = z.strictObject({
  enabled: z.boolean(),
  schedule: backupCron,
  retentionDays: days('retentionDays').min(1, 'retentionDays must be at least 1'),
  /** Retention of the copy in the recovery vault; defaults to retentionDays. */
  copyRetentionDays: days('copyRetentionDays').min(1, 'copyRetentionDays must be at least 1').optional(),
});

const subscribersSchema = z.strictObject({
  emails: z.array(z.email('must be an email address')),
  httpsEndpoints: z.array(
    z.url({ protocol: /^https$/, error: 'must be an https:// URL (plain http would send alerts in clear text)' }),
  ),
});

/** Retention periods CloudWatch Logs accepts (any other number is rejected at deploy time). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const logRetention = days('logRetentionDays')
  .min(90, 'log groups must keep at least 90 days to investigate an incident')
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.filter((d) => d >= 90).join(', ')}`,
  });

const cidr = z
  .string()
  .regex(
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(1[6-9]|2[0-4])$/,
    'must be an IPv4 CIDR block from /16 to /24, e.g. 10.40.0.0/16',
  )
  .refine(
    (c) =>
      c
        .split('/')[0]
        .split('.')
        .every((octet) => Number(octet) <= 255),
    { message: 'octets must be 0-255' },
  );

/** Organisation ids, OU ids and account ids that AWS Organizations accepts as policy targets. */
const policyTarget = z
  .string()
  .regex(
    /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/,
    'must be a root (r-...), an OU id (ou-...-...) or a 12-digit account id',
  );

const guardrailsSchema = z.strictObject({
  /** Deploy the organisation guardrails (SCPs and RCP) from the management account. */
  enabled: z.boolean(),
  /** Management account (12 digits) where the guardrails stack deploys, in ca-central-1. */
  managementAccountId: z.union([
    z.literal(''),
    z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id or ""'),
  ]),
  /** AWS Organizations id: principals of this organisation are the only ones the RCP lets reach the data. */
  organizationId: z.union([
    z.literal(''),
    z.string().regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id such as o-a1b2c3d4e5 or ""'),
  ]),
  /** OUs or accounts the policies attach to. Attach to a test OU first (docs/guardrails.md). */
  targetIds: z.array(policyTarget),
  /** The only role exempt from the guardrails, same name in every target account. */
  breakGlassRoleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (1-64 letters, digits or +=,.@_-)'),
  /** AWS Config rules in both regions of the workload account, non-compliance paged on the critical topic. */
  detectiveRules: z.boolean(),
});
export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;

/** Shared by the single configuration and each entry of `environments` (lib/config/environments.ts). */
export const accountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
export const environmentNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,11}$/,
    'must be 1-12 characters: lowercase letters, digits, hyphens, starting with a letter',
  );
export const recoveryRegionSchema = z.enum([RECOVERY_REGION, RECOVERY_OFF], {
  error: `must be ${RECOVERY_REGION} (Calgary) or "${RECOVERY_OFF}" to keep everything in ${PRIMARY_REGION}`,
});

export const residencyConfigSchema = z.strictObject({
  /** 12-digit AWS account id the stacks deploy to. */
  accountId: accountIdSchema,
  /** Short environment name used in resource names, e.g. `prod`. */
  environmentName: environmentNameSchema,
  /** Prefix of every physical name (buckets, vaults, aliases, stacks). */
  resourcePrefix: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,9}$/,
      'must be 1-10 characters: lowercase letters, digits, hyphens, starting with a letter',
    ),
  primaryRegion: z.literal(PRIMARY_REGION, {
    error: `must be ${PRIMARY_REGION} (Montréal): the primary copy of the data stays there`,
  }),
  recoveryRegion: recoveryRegionSchema,
  /**
   * Québec-origin personal information copied to Calgary is a communication outside Québec
   * (Act respecting the protection of personal information in the private sector, s. 17):
   * a privacy impact assessment and a written agreement are needed first.
   */
  quebec: z.strictObject({
    holdsQuebecPersonalInformation: z.boolean(),
    privacyImpactAssessmentReference: z.string(),
  }),
  terminationProtection: z.boolean(),
  tags: z.record(
    z.string().regex(/^[\w.:/=+\-@ ]{1,128}$/, 'tag keys are 1-128 letters, digits, spaces or _.:/=+-@'),
    z.string().max(256),
  ),
  alerts: z.strictObject({
    critical: subscribersSchema,
    warning: subscribersSchema,
  }),
  monitoring: z.strictObject({
    /** Retention of the audit trail's, the flow logs' and the residency auditor's CloudWatch Logs groups. */
    logRetentionDays: logRetention,
    /** Replication latency (seconds) above which the warning alarm fires; RTC's target is 900. */
    replicationLatencyAlarmSeconds: z
      .number()
      .int()
      .min(60, 'replicationLatencyAlarmSeconds must be at least 60')
      .max(86400),
    /**
     * GuardDuty: `off` (no alarm), `existing-detector` (alarm on high-severity findings of a detector
     * someone else manages) or `create-detector` (only one detector may exist per account and region).
     */
    guardDuty: z.enum(['off', 'existing-detector', 'create-detector'], {
      error: 'must be "off", "existing-detector" or "create-detector"',
    }),
  }),
  auditTrail: z.strictObject({
    /** Days the log-archive bucket keeps trail files (at least a year, for investigations and audits). */
    archiveRetentionDays: days('archiveRetentionDays').min(365, 'archiveRetentionDays must be at least 365'),
    /** S3 Object Lock on the log archive: nobody can alter or delete trail files during the lock. */
    objectLock: z.strictObject({
      enabled: z.boolean(),
      mode: z.enum(['governance', 'compliance'], { error: 'must be "governance" or "compliance"' }),
      retentionDays: days('retentionDays').min(1, 'retentionDays must be at least 1'),
    }),
  }),
  network: z.strictObject({
    /** A hosting VPC per region (private isolated subnets, no internet gateway). */
    enabled: z.boolean(),
    primaryCidr: cidr,
    recoveryCidr: cidr,
    /** Interface endpoints by service short name (e.g. `kms`, `logs`, `ecr.api`). */
    interfaceEndpoints: z.array(
      z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be a service short name such as kms, logs or ecr.api'),
    ),
  }),
  auditor: z.strictObject({
    /** The scheduled residency auditor: a daily `ca-residency verify` of every bucket, alarming on drift. */
    enabled: z.boolean(),
    /** EventBridge Scheduler expression, UTC: cron with six fields or rate(...). */
    schedule: z
      .string()
      .regex(
        /^(cron\((\S+\s){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
        'must be cron(...) with six fields or rate(...), e.g. cron(30 6 * * ? *)',
      ),
  }),
  dataBucket: z.strictObject({
    /** Days a superseded object version is kept before it expires. */
    noncurrentVersionRetentionDays: days('noncurrentVersionRetentionDays').min(
      1,
      'noncurrentVersionRetentionDays must be at least 1',
    ),
  }),
  accessLogs: z.strictObject({
    retentionDays: days('retentionDays').min(
      90,
      'access logs must be kept at least 90 days to investigate an incident',
    ),
  }),
  replication: z.strictObject({
    /** S3 Replication Time Control: a 15-minute replication target with latency metrics to alarm on. */
    timeControl: z.boolean(),
  }),
  guardrails: guardrailsSchema,
  /**
   * Destinations outside the app (alert e-mail addresses, https hooks) declared to be in Canada, with the reason:
   * handed to the CaResidency pack, which otherwise reports them as data leaving AWS to an unproven place.
   */
  declaredDestinations: z
    .array(
      z.strictObject({
        destination: z
          .string()
          .min(1, 'must name an address, host, URL or bucket (a prefix ends in *)')
          .refine((d) => d !== '*', 'must not declare everything'),
        region: z.enum([PRIMARY_REGION, RECOVERY_REGION], { error: `must be ${PRIMARY_REGION} or ${RECOVERY_REGION}` }),
        reason: z
          .string()
          .refine((r) => r.trim().length >= 20, 'must say why the destination is in Canada, in at least 20 characters'),
      }),
    )
    .optional(),
  backup: z.strictObject({
    /** Resources carrying this tag are backed up, whichever stack or tool created them. */
    selectionTag: z.strictObject({ key: z.string().min(1), value: z.string().min(1) }),
    daily: backupRuleSchema,
    weekly: backupRuleSchema,
    monthly: backupRuleSchema,
    vaultLock: z.strictObject({
      mode: z.enum(['governance', 'compliance'], { error: 'must be "governance" or "compliance"' }),
      minRetentionDays: days('minRetentionDays').min(1, 'minRetentionDays must be at least 1'),
      maxRetentionDays: days('maxRetentionDays')
        .min(1, 'maxRetentionDays must be at least 1')
        .max(36500, 'maxRetentionDays is at most 36500 (100 years)'),
      /** Compliance mode only: grace period before the lock becomes immutable (AWS requires at least 3). */
      changeableForDays: days('changeableForDays').min(3, 'changeableForDays must be at least 3 (AWS Backup minimum)'),
    }),
    /**
     * Name of the only IAM role (in this account) allowed to change or delete the vaults' access policy and lock,
     * or null so that nobody, root and CloudFormation included, ever can.
     */
    breakGlassRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (1-64 of letters, digits and +=,.@_-)')
      .nullable(),
    restoreTesting: z.strictObject({
      enabled: z.boolean(),
      schedule: backupCron,
      /** Hours AWS Backup keeps the restored copy for validation before deleting it. */
      validationWindowHours: z.number().int().min(1).max(168, 'validationWindowHours is at most 168'),
    }),
  }),
});

export type ResidencyConfig = z.infer<typeof residencyConfigSchema>;
