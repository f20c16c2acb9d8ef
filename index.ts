/**
 * cdk-ca-residency as a library: the public API, named one by one so that a helper never becomes API by accident.
 * test/public-api.test.ts pins this list: adding or removing a name is a deliberate change of that test too.
 */

// The CaResidency cdk-nag pack: `Validations.of(app).addPlugins(new CanadianResidencyChecks(app, { ... }))`.
export { CanadianResidencyChecks, type CanadianResidencyChecksProps } from './lib/nag/CanadianResidencyChecks';
export type { ResidencyOptions, Exemption } from './lib/policy/options';

// The rule engine behind the pack and the CLI, for running the rules over templates without CDK.
export { ResidencyEngine, evaluateTemplates, RULE_IDS, type EvaluationResult } from './lib/rules/engine';
export type {
  Finding,
  FindingCategory,
  FindingSeverity,
  TemplateUnderTest,
  CfnTemplate,
  CfnResourceJson,
  RecordedAcknowledgement,
} from './lib/rules/types';
export type { ExemptedFinding, AcknowledgedFinding } from './lib/rules/exemptions';
export { readCloudAssembly } from './lib/check/read-assembly';
export { readTemplateFile } from './lib/check/read-template';
export { writeResidencyReport } from './lib/report/write-report';

// Residency facts the constructs and rules share.
export { CANADIAN_REGIONS, isCanadianRegion } from './lib/policy/regions';
export { availabilityOf, type Availability, type AvailabilityOverrides } from './lib/policy/availability';

// Constructs: secure by default, each usable on its own.
export { ResidencyKey, type ResidencyKeyProps } from './constructs/residency-key';
export { ResidentBucket, type ResidentBucketProps } from './constructs/resident-bucket';
export {
  ReplicationRole,
  type ReplicationRoleProps,
  type ReplicationDestination,
} from './constructs/cross-region-replication';
export { LockedBackupVault, type LockedBackupVaultProps, type VaultLockProps } from './constructs/locked-backup-vault';
export {
  ResidencyBackupPlan,
  type ResidencyBackupPlanProps,
  type ResidencyBackupRule,
  type BackupCopyDestination,
} from './constructs/residency-backup-plan';
export { RestoreTesting, type RestoreTestingProps } from './constructs/restore-testing';
export { HostingNetwork, type HostingNetworkProps } from './constructs/hosting-network';
export { AuditTrail, type AuditTrailProps } from './constructs/audit-trail';
export {
  ResidencyAlerting,
  type ResidencyAlertingProps,
  type AlertSubscribers,
  type AlertTier,
} from './constructs/residency-alerting';
export { AlarmFactory, type AlarmFactoryProps, type AlarmSpec } from './constructs/alarm-factory';
export {
  SecurityAlarms,
  CIS_SECURITY_CONTROLS,
  type SecurityAlarmsProps,
  type SecurityControl,
} from './constructs/security-alarms';
export {
  DataProtectionAlarms,
  type DataProtectionAlarmsProps,
  type WatchedReplication,
} from './constructs/data-protection-alarms';
export { MonitoringDashboard, type MonitoringDashboardProps } from './constructs/monitoring-dashboard';
export { ResidencyAuditor, type ResidencyAuditorProps } from './constructs/residency-auditor';
// Workload constructs: the data stores a clinical application runs on, each passing the three packs as built.
export { ResidentQueue, type ResidentQueueProps } from './constructs/resident-queue';
export { ResidentTopic, RESIDENT_TOPIC_PROTOCOLS, type ResidentTopicProps } from './constructs/resident-topic';
export {
  ResidentSecret,
  type ResidentSecretProps,
  type ResidentSecretRotation,
  type ResidentSecretReplica,
} from './constructs/resident-secret';
export { ResidentTable, type ResidentTableProps, type ResidentTableReplica } from './constructs/resident-table';
export {
  ResidentFileSystem,
  type ResidentFileSystemProps,
  type ResidentAccessPoint,
} from './constructs/resident-file-system';
export {
  ResidentDatabase,
  GLOBAL_DATABASE_MIN_VERSIONS,
  GLOBAL_DATABASE_REGIONS,
  type ResidentDatabaseProps,
  type ResidentDatabaseCapacity,
  type ResidentGlobalDatabase,
} from './constructs/resident-database';
export {
  ResidentApi,
  type ResidentApiProps,
  type ResidentApiDomain,
  type ResidentApiMutualTls,
} from './constructs/resident-api';
export { acknowledgeFinding } from './constructs/acknowledge-finding';
export { InvalidPropError } from './constructs/invalid-prop-error';
// Organisation guardrails (SCPs, RCP) and detective Config rules from the same residency policy.
export { ResidencyGuardrails, type ResidencyGuardrailsProps } from './constructs/residency-guardrails';
export { ResidencyDetectiveRules, type ResidencyDetectiveRulesProps } from './constructs/residency-detective-rules';
export {
  regionDenyScp,
  baselineProtectionScp,
  residencyRcp,
  guardrailScps,
  minifiedPolicy,
  GuardrailOptionsError,
  ORGANIZATION_POLICY_MAX_CHARS,
  type GuardrailPolicyOptions,
  type GuardrailPolicyDocument,
} from './lib/policy/guardrail-policies';
export { GLOBAL_CONTROL_PLANE_ACTIONS, type ControlPlaneAction } from './lib/policy/control-plane-actions';
export { DETECTIVE_RULES, type DetectiveRule } from './lib/policy/detective-rules';

// The reference app: its configuration and stacks.
export { type ResidencyConfig, PRIMARY_REGION, RECOVERY_REGION } from './lib/config/schema';
export { DEFAULT_CONFIG } from './lib/config/defaults';
export { resolveConfig, resolveEnvironments, type ResolvedEnvironments } from './lib/config/load';
export { validateConfig } from './lib/config/validate';
export { ConfigError, type ConfigProblem } from './lib/config/config-error';
export { ResidencyNames } from './lib/config/naming';
export { buildResidencyStacks, type ResidencyStacks } from './lib/stacks/residency-app';
export { ResidencyStage, buildResidencyStages, type ResidencyStageProps } from './lib/stacks/residency-stage';
export { failedValidations } from './lib/nag/validation-failures';
export { PrimaryStack } from './lib/stacks/primary-stack';
export { RecoveryStack } from './lib/stacks/recovery-stack';
export { RegionalFoundation, type RegionalFoundationProps } from './lib/stacks/regional-foundation';
export { GuardrailsStack } from './lib/stacks/guardrails-stack';
