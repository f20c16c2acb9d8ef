import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import * as api from '../index';

/** The package's public API. Changing it is a decision: update this list in the same change, and the README. */
const VALUES = [
  'AlarmFactory',
  'AuditTrail',
  'CANADIAN_REGIONS',
  'CIS_SECURITY_CONTROLS',
  'CanadianResidencyChecks',
  'ConfigError',
  'DEFAULT_CONFIG',
  'DataProtectionAlarms',
  'HostingNetwork',
  'InvalidPropError',
  'LockedBackupVault',
  'MonitoringDashboard',
  'PRIMARY_REGION',
  'PrimaryStack',
  'RECOVERY_REGION',
  'RULE_IDS',
  'RecoveryStack',
  'RegionalFoundation',
  'ReplicationRole',
  'ResidencyAlerting',
  'ResidencyAuditor',
  'ResidencyBackupPlan',
  'ResidencyEngine',
  'ResidencyKey',
  'ResidencyNames',
  'ResidentBucket',
  'ResidentApi',
  'ResidentDatabase',
  'ResidentFileSystem',
  'GLOBAL_DATABASE_MIN_VERSIONS',
  'GLOBAL_DATABASE_REGIONS',
  'ResidentQueue',
  'ResidentSecret',
  'ResidentTable',
  'ResidentTopic',
  'RESIDENT_TOPIC_PROTOCOLS',
  'RestoreTesting',
  'SecurityAlarms',
  'acknowledgeFinding',
  'availabilityOf',
  'buildResidencyStacks',
  'evaluateTemplates',
  'isCanadianRegion',
  'readCloudAssembly',
  'readTemplateFile',
  'resolveConfig',
  'resolveEnvironments',
  'ResidencyStage',
  'buildResidencyStages',
  'failedValidations',
  'validateConfig',
  'writeResidencyReport',
  'GuardrailsStack',
  'ResidencyGuardrails',
  'ResidencyDetectiveRules',
  'regionDenyScp',
  'baselineProtectionScp',
  'residencyRcp',
  'guardrailScps',
  'minifiedPolicy',
  'GuardrailOptionsError',
  'ORGANIZATION_POLICY_MAX_CHARS',
  'GLOBAL_CONTROL_PLANE_ACTIONS',
  'DETECTIVE_RULES',
];

const TYPES = [
  'AcknowledgedFinding',
  'AlarmFactoryProps',
  'AlarmSpec',
  'AlertSubscribers',
  'AlertTier',
  'AuditTrailProps',
  'Availability',
  'AvailabilityOverrides',
  'BackupCopyDestination',
  'CanadianResidencyChecksProps',
  'CfnResourceJson',
  'CfnTemplate',
  'ConfigProblem',
  'DataProtectionAlarmsProps',
  'EvaluationResult',
  'ExemptedFinding',
  'Exemption',
  'Finding',
  'FindingCategory',
  'FindingSeverity',
  'HostingNetworkProps',
  'LockedBackupVaultProps',
  'MonitoringDashboardProps',
  'RecordedAcknowledgement',
  'RegionalFoundationProps',
  'ReplicationDestination',
  'ReplicationRoleProps',
  'ResidencyAlertingProps',
  'ResidencyAuditorProps',
  'ResidencyBackupPlanProps',
  'ResidencyBackupRule',
  'ResidencyConfig',
  'ResidencyKeyProps',
  'ResidencyOptions',
  'ResidencyStacks',
  'ResidencyStageProps',
  'ResolvedEnvironments',
  'ResidentBucketProps',
  'ResidentAccessPoint',
  'ResidentApiDomain',
  'ResidentApiMutualTls',
  'ResidentApiProps',
  'ResidentDatabaseCapacity',
  'ResidentDatabaseProps',
  'ResidentGlobalDatabase',
  'ResidentFileSystemProps',
  'ResidentQueueProps',
  'ResidentSecretProps',
  'ResidentSecretReplica',
  'ResidentSecretRotation',
  'ResidentTableProps',
  'ResidentTableReplica',
  'ResidentTopicProps',
  'RestoreTestingProps',
  'SecurityAlarmsProps',
  'SecurityControl',
  'TemplateUnderTest',
  'VaultLockProps',
  'WatchedReplication',
  'ResidencyGuardrailsProps',
  'ResidencyDetectiveRulesProps',
  'GuardrailPolicyOptions',
  'GuardrailPolicyDocument',
  'ControlPlaneAction',
  'DetectiveRule',
];

/** Every name index.ts exports, read from its source: type-only names leave no trace at run time. */
function declaredExports(): { names: string[]; reExportsAll: boolean } {
  const file = join(__dirname, '..', 'index.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const names: string[] = [];
  let reExportsAll = false;
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    if (!statement.exportClause) reExportsAll = true;
    else if (ts.isNamedExports(statement.exportClause))
      names.push(...statement.exportClause.elements.map((e) => e.name.text));
  }
  return { names, reExportsAll };
}

test('index.ts names its exports one by one: no export * that would publish every helper', () => {
  expect(declaredExports().reExportsAll).toBe(false);
});

test('the public API is exactly the pinned list of values and types', () => {
  expect(declaredExports().names.sort()).toEqual([...VALUES, ...TYPES].sort());
});

test('every pinned value is defined at run time, and nothing else is', () => {
  expect(Object.keys(api).sort()).toEqual([...VALUES].sort());
  for (const name of VALUES)
    expect({ name, defined: (api as Record<string, unknown>)[name] !== undefined }).toEqual({ name, defined: true });
});
