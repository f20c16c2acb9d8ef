import { PRIMARY_REGION, RECOVERY_REGION, ResidencyConfig } from './schema';

/**
 * Not a real account: AWS never issues an all-zero id. It lets `cdk synth` run on a machine with no
 * AWS credentials; deploying with it fails at bootstrap lookup, which is what we want.
 */
export const PLACEHOLDER_ACCOUNT_ID = '000000000000';

/** The embedded default: a complete, valid configuration that needs no AWS account to synthesize. */
export const DEFAULT_CONFIG: ResidencyConfig = {
  accountId: PLACEHOLDER_ACCOUNT_ID,
  environmentName: 'dev',
  resourcePrefix: 'cacr',
  primaryRegion: PRIMARY_REGION,
  recoveryRegion: RECOVERY_REGION,
  quebec: {
    holdsQuebecPersonalInformation: false,
    privacyImpactAssessmentReference: '',
  },
  terminationProtection: true,
  tags: {
    'residency:project': 'cdk-ca-residency',
  },
  alerts: {
    critical: { emails: [], httpsEndpoints: [] },
    warning: { emails: [], httpsEndpoints: [] },
  },
  monitoring: {
    logRetentionDays: 365,
    replicationLatencyAlarmSeconds: 900,
    // A detector may already exist (one per account and region): creating one must be asked for.
    guardDuty: 'off',
  },
  auditTrail: {
    // Seven years: beyond the longest provincial health-record retention commonly required of custodians' logs.
    archiveRetentionDays: 2557,
    objectLock: { enabled: false, mode: 'governance', retentionDays: 365 },
  },
  network: {
    enabled: true,
    primaryCidr: '10.40.0.0/16',
    recoveryCidr: '10.41.0.0/16',
    interfaceEndpoints: ['kms', 'logs', 'sts'],
  },
  auditor: {
    // Daily drift audit of every bucket in the account, from ca-central-1.
    enabled: true,
    // 06:30 UTC: after the nightly backup window.
    schedule: 'cron(30 6 * * ? *)',
  },
  dataBucket: {
    noncurrentVersionRetentionDays: 90,
  },
  accessLogs: {
    retentionDays: 365,
  },
  replication: {
    timeControl: true,
  },
  guardrails: {
    // Organisation policies need an organisation: opt in with its ids and targets.
    enabled: false,
    managementAccountId: '',
    organizationId: '',
    targetIds: [],
    // The same role the vault policies exempt (backup.breakGlassRoleName): one role can undo every protection.
    breakGlassRoleName: 'backup-break-glass',
    // Config rules need a configuration recorder in both regions (Control Tower and LZA set one up).
    detectiveRules: false,
  },
  backup: {
    selectionTag: { key: 'residency:backup', value: 'true' },
    // Times are UTC: 05:00 UTC is after midnight in every Canadian time zone.
    daily: { enabled: true, schedule: 'cron(0 5 ? * * *)', retentionDays: 35 },
    weekly: { enabled: true, schedule: 'cron(0 6 ? * SUN *)', retentionDays: 90 },
    monthly: { enabled: true, schedule: 'cron(0 7 1 * ? *)', retentionDays: 365 },
    vaultLock: {
      // Governance until the team has rehearsed restores: compliance mode cannot be undone after the grace period.
      mode: 'governance',
      minRetentionDays: 7,
      maxRetentionDays: 3650,
      changeableForDays: 3,
    },
    // Changing the vault protection is a deliberate, recorded act: deploy with this role (`cdk deploy --role-arn`).
    breakGlassRoleName: 'backup-break-glass',
    restoreTesting: {
      enabled: true,
      schedule: 'cron(0 9 ? * MON *)',
      validationWindowHours: 4,
    },
  },
};
