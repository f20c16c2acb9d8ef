import { z } from 'zod';
import { ConfigError, ConfigProblem } from './config-error';
import { PLACEHOLDER_ACCOUNT_ID } from './defaults';
import { RECOVERY_OFF, ResidencyConfig, residencyConfigSchema } from './schema';

const BACKUP_RULES = ['daily', 'weekly', 'monthly'] as const;

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * The problems zod found in `input`, one per issue (one per unknown key), with their paths from the configuration's
 * root: `base` is where `input` sits in it (e.g. `['pipeline']`).
 */
export function schemaProblems(
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  base: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, pointing at the key itself.
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          path: dotted([...base, ...path]),
          value: valueAt(input, path),
          message: 'unknown key (check the spelling against the documented configuration)',
        });
      }
    } else {
      problems.push({
        path: dotted([...base, ...issue.path]),
        value: valueAt(input, issue.path),
        message: issue.message,
      });
    }
  }
  return problems;
}

/** Rules that relate fields to each other; they run on whatever parts of the input are well typed. */
function crossFieldProblems(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const num = (path: PropertyKey[]) => {
    const v = valueAt(input, path);
    return typeof v === 'number' ? v : undefined;
  };

  const lockMin = num(['backup', 'vaultLock', 'minRetentionDays']);
  const lockMax = num(['backup', 'vaultLock', 'maxRetentionDays']);
  if (lockMin !== undefined && lockMax !== undefined && lockMax < lockMin) {
    problems.push({
      path: 'backup.vaultLock.maxRetentionDays',
      value: lockMax,
      message: `must be at least minRetentionDays (${lockMin})`,
    });
  }

  // A vault lock rejects recovery points whose retention falls outside its bounds, so every
  // enabled backup rule (and its copy) must fit them, or backups fail at run time.
  for (const rule of BACKUP_RULES) {
    if (valueAt(input, ['backup', rule, 'enabled']) !== true) continue;
    for (const field of ['retentionDays', 'copyRetentionDays'] as const) {
      const retention = num(['backup', rule, field]);
      if (retention === undefined || retention < 1) continue; // already reported by the schema
      if (lockMin !== undefined && retention < lockMin) {
        problems.push({
          path: `backup.${rule}.${field}`,
          value: retention,
          message: `is below the vault lock minimum (backup.vaultLock.minRetentionDays = ${lockMin}); AWS Backup would reject these recovery points`,
        });
      }
      if (lockMax !== undefined && retention > lockMax) {
        problems.push({
          path: `backup.${rule}.${field}`,
          value: retention,
          message: `is above the vault lock maximum (backup.vaultLock.maxRetentionDays = ${lockMax}); AWS Backup would reject these recovery points`,
        });
      }
    }
  }
  if (BACKUP_RULES.every((rule) => valueAt(input, ['backup', rule, 'enabled']) === false)) {
    problems.push({
      path: 'backup',
      value: 'all rules disabled',
      message: 'at least one of daily, weekly or monthly backups must be enabled',
    });
  }

  const lockOn = valueAt(input, ['auditTrail', 'objectLock', 'enabled']);
  const lockDays = num(['auditTrail', 'objectLock', 'retentionDays']);
  const archiveDays = num(['auditTrail', 'archiveRetentionDays']);
  if (lockOn === true && lockDays !== undefined && archiveDays !== undefined && lockDays > archiveDays) {
    problems.push({
      path: 'auditTrail.objectLock.retentionDays',
      value: lockDays,
      message: `must not exceed auditTrail.archiveRetentionDays (${archiveDays}): the lifecycle could not expire locked trail files`,
    });
  }

  const primaryCidr = valueAt(input, ['network', 'primaryCidr']);
  const recoveryCidr = valueAt(input, ['network', 'recoveryCidr']);
  if (
    valueAt(input, ['network', 'enabled']) === true &&
    typeof primaryCidr === 'string' &&
    typeof recoveryCidr === 'string' &&
    cidrsOverlap(primaryCidr, recoveryCidr)
  ) {
    problems.push({
      path: 'network.recoveryCidr',
      value: recoveryCidr,
      message: `overlaps network.primaryCidr (${primaryCidr}); the regions could never be peered or routed`,
    });
  }

  const quebecData = valueAt(input, ['quebec', 'holdsQuebecPersonalInformation']);
  const pia = valueAt(input, ['quebec', 'privacyImpactAssessmentReference']);
  const recovery = valueAt(input, ['recoveryRegion']);
  if (quebecData === true && recovery !== RECOVERY_OFF && (typeof pia !== 'string' || pia.trim() === '')) {
    problems.push({
      path: 'quebec.privacyImpactAssessmentReference',
      value: pia,
      message:
        'Québec personal information would be copied to ca-west-1 (outside Québec): record the privacy impact assessment and agreement reference here, or set recoveryRegion to "none"',
    });
  }

  if (valueAt(input, ['guardrails', 'enabled']) === true) {
    // Organisation policies cannot be built or attached without these; fail before anything is synthesized.
    const required: [string, string][] = [
      ['managementAccountId', 'the management account (12 digits) is needed to deploy organisation policies'],
      ['organizationId', 'the organisation id (o-...) is needed by the resource control policy'],
    ];
    for (const [field, message] of required) {
      if (valueAt(input, ['guardrails', field]) === '')
        problems.push({
          path: `guardrails.${field}`,
          value: '',
          message: `${message} when guardrails.enabled is true`,
        });
    }
    // The protection SCP exempts only its role, the vault policy only its own: two different roles means nobody
    // could ever change a vault's access policy or lock.
    const scpRole = valueAt(input, ['guardrails', 'breakGlassRoleName']);
    const vaultRole = valueAt(input, ['backup', 'breakGlassRoleName']);
    if (typeof vaultRole === 'string' && typeof scpRole === 'string' && vaultRole !== scpRole) {
      problems.push({
        path: 'guardrails.breakGlassRoleName',
        value: scpRole,
        message: `must be the role the vault policies exempt (backup.breakGlassRoleName = "${vaultRole}"): with two roles nobody could change a vault's protection`,
      });
    }
    const targets = valueAt(input, ['guardrails', 'targetIds']);
    if (Array.isArray(targets) && targets.length === 0) {
      problems.push({
        path: 'guardrails.targetIds',
        value: targets,
        message: 'name at least one OU or account to attach the guardrails to (a test OU first)',
      });
    }
  }

  const account = valueAt(input, ['accountId']);
  if (typeof account === 'string' && account !== PLACEHOLDER_ACCOUNT_ID) {
    const critical = valueAt(input, ['alerts', 'critical']) as
      { emails?: unknown; httpsEndpoints?: unknown } | undefined;
    const count =
      (Array.isArray(critical?.emails) ? critical.emails.length : 0) +
      (Array.isArray(critical?.httpsEndpoints) ? critical.httpsEndpoints.length : 0);
    if (count === 0) {
      problems.push({
        path: 'alerts.critical',
        value: critical,
        message: 'a real account needs at least one critical subscriber (email or https endpoint), or nobody is paged',
      });
    }
  }

  return problems;
}

function cidrRange(cidr: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  // Malformed blocks are reported by the schema; comparing them would add a confusing second problem.
  if (!match || Number(match[5]) < 16 || Number(match[5]) > 24 || match.slice(1, 5).some((o) => Number(o) > 255))
    return undefined;
  const base = match.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(match[5]));
  const start = base - (base % size);
  return [start, start + size - 1];
}

function cidrsOverlap(a: string, b: string): boolean {
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  return !!ra && !!rb && ra[0] <= rb[1] && rb[0] <= ra[1];
}

/**
 * `__proto__` keys anywhere: zod drops them from records without a word (a tag or an environment override of that
 * name would vanish), and strict objects only refuse them because merge keeps them as keys. Named here, always.
 */
function prototypeKeyProblems(input: unknown, path: PropertyKey[] = []): ConfigProblem[] {
  if (input === null || typeof input !== 'object') return [];
  const problems: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(input)) {
    const at = [...path, Array.isArray(input) ? Number(key) : key];
    if (key === '__proto__')
      problems.push({ path: dotted(at), value, message: 'a key named __proto__ cannot be used in a configuration' });
    else problems.push(...prototypeKeyProblems(value, at));
  }
  return problems;
}

/** Every problem of one merged configuration (schema and cross-field), and the parsed config when there is none. */
export function configProblems(input: unknown): { problems: ConfigProblem[]; config?: ResidencyConfig } {
  const parsed = residencyConfigSchema.safeParse(input, { reportInput: true });
  const prototypeKeys = prototypeKeyProblems(input);
  const named = new Set(prototypeKeys.map((p) => p.path));
  const problems = [
    ...prototypeKeys,
    ...(parsed.success ? [] : schemaProblems(input, parsed.error.issues).filter((p) => !named.has(p.path))),
    ...crossFieldProblems(input),
  ];
  return problems.length > 0 || !parsed.success ? { problems } : { problems, config: parsed.data };
}

/** Validates a merged configuration, throwing one ConfigError that lists every problem. */
export function validateConfig(input: unknown, source = 'merged configuration'): ResidencyConfig {
  const { problems, config } = configProblems(input);
  if (!config) throw new ConfigError(problems, source);
  return config;
}
