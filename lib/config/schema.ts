import { z } from 'zod';

/**
 * The shape of a cdk-ca-residency configuration. Every object is strict, so a misspelt key is
 * reported instead of being silently ignored (a typo in `retentionDays` must not fall back to a default).
 */

/** Regions that keep data in Canada. The primary is fixed; the recovery region can be switched off. */
export const PRIMARY_REGION = 'ca-central-1';
export const RECOVERY_REGION = 'ca-west-1';
export const RECOVERY_OFF = 'none';

const days = (what: string) => z.number({ error: `${what} must be a number of days` }).int(`${what} must be a whole number of days`);

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
export type BackupRuleConfig = z.infer<typeof backupRuleSchema>;

const subscribersSchema = z.strictObject({
  emails: z.array(z.email('must be an email address')),
  httpsEndpoints: z.array(
    z.url({ protocol: /^https$/, error: 'must be an https:// URL (plain http would send alerts in clear text)' }),
  ),
});
export type SubscribersConfig = z.infer<typeof subscribersSchema>;

export const residencyConfigSchema = z.strictObject({
  /** 12-digit AWS account id the stacks deploy to. */
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  /** Short environment name used in resource names, e.g. `prod`. */
  environmentName: z.string().regex(/^[a-z][a-z0-9-]{0,11}$/, 'must be 1-12 characters: lowercase letters, digits, hyphens, starting with a letter'),
  /** Prefix of every physical name (buckets, vaults, aliases, stacks). */
  resourcePrefix: z.string().regex(/^[a-z][a-z0-9-]{0,9}$/, 'must be 1-10 characters: lowercase letters, digits, hyphens, starting with a letter'),
  primaryRegion: z.literal(PRIMARY_REGION, { error: `must be ${PRIMARY_REGION} (Montréal): the primary copy of the data stays there` }),
  recoveryRegion: z.enum([RECOVERY_REGION, RECOVERY_OFF], {
    error: `must be ${RECOVERY_REGION} (Calgary) or "${RECOVERY_OFF}" to keep everything in ${PRIMARY_REGION}`,
  }),
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
  tags: z.record(z.string().regex(/^[\w.:/=+\-@ ]{1,128}$/, 'tag keys are 1-128 letters, digits, spaces or _.:/=+-@'), z.string().max(256)),
  alerts: z.strictObject({
    critical: subscribersSchema,
    warning: subscribersSchema,
  }),
  dataBucket: z.strictObject({
    /** Days a superseded object version is kept before it expires. */
    noncurrentVersionRetentionDays: days('noncurrentVersionRetentionDays').min(1, 'noncurrentVersionRetentionDays must be at least 1'),
  }),
  accessLogs: z.strictObject({
    retentionDays: days('retentionDays').min(90, 'access logs must be kept at least 90 days to investigate an incident'),
  }),
  replication: z.strictObject({
    /** S3 Replication Time Control: a 15-minute replication target with latency metrics to alarm on. */
    timeControl: z.boolean(),
  }),
  backup: z.strictObject({
    /** Resources carrying this tag are backed up, whichever stack or tool created them. */
    selectionTag: z.strictObject({ key: z.string().min(1), value: z.string().min(1) }),
    daily: backupRuleSchema,
    weekly: backupRuleSchema,
    monthly: backupRuleSchema,
    vaultLock: z.strictObject({
      mode: z.enum(['governance', 'compliance'], { error: 'must be "governance" or "compliance"' }),
      minRetentionDays: days('minRetentionDays').min(1, 'minRetentionDays must be at least 1'),
      maxRetentionDays: days('maxRetentionDays').min(1, 'maxRetentionDays must be at least 1').max(36500, 'maxRetentionDays is at most 36500 (100 years)'),
      /** Compliance mode only: grace period before the lock becomes immutable (AWS requires at least 3). */
      changeableForDays: days('changeableForDays').min(3, 'changeableForDays must be at least 3 (AWS Backup minimum)'),
    }),
    restoreTesting: z.strictObject({
      enabled: z.boolean(),
      schedule: backupCron,
      /** Hours AWS Backup keeps the restored copy for validation before deleting it. */
      validationWindowHours: z.number().int().min(1).max(168, 'validationWindowHours is at most 168'),
    }),
  }),
});

export type ResidencyConfig = z.infer<typeof residencyConfigSchema>;
