import { readFileSync } from 'fs';
import { join } from 'path';
import { resolveConfig, resolveEnvironments } from '../../lib/config/load';
import { problemsOf } from '../support/config-problems';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'three-environments.json');
const exampleFile = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>;

/** Resolves a multi-environment configuration given as the JSON file's content. */
function resolveFile(content: unknown) {
  return resolveEnvironments({ caResidencyConfigFile: 'envs.json' }, () => JSON.stringify(content));
}

const entry = (name: string, accountId: string, extra: Record<string, unknown> = {}) => ({ name, accountId, ...extra });
const subscribers = {
  alerts: {
    critical: { emails: ['oncall@example.ca'], httpsEndpoints: [] },
    warning: { emails: [], httpsEndpoints: [] },
  },
};

describe('a single-environment configuration', () => {
  test('resolves to one configuration, not listed, equal to what resolveConfig returns', () => {
    const context = { 'caResidency.environmentName': 'prod' };
    const resolved = resolveEnvironments(context);
    expect(resolved.listed).toBe(false);
    expect(resolved.configs).toEqual([resolveConfig(context)]);
  });
});

describe('the example config/examples/three-environments.json', () => {
  test('gives three environments in their own accounts, with the shared settings and each one its overrides', () => {
    const { listed, configs } = resolveEnvironments({ caResidencyConfigFile: EXAMPLE });
    expect(listed).toBe(true);
    expect(configs.map((c) => [c.environmentName, c.accountId, c.recoveryRegion])).toEqual([
      ['dev', '111111111111', 'ca-west-1'],
      ['staging', '222222222222', 'ca-west-1'],
      ['prod', '333333333333', 'ca-west-1'],
    ]);
    // Shared once...
    expect(new Set(configs.map((c) => c.resourcePrefix))).toEqual(new Set(['clinic']));
    expect(configs.every((c) => c.alerts.critical.emails.includes('oncall@example.ca'))).toBe(true);
    // ...overridden per environment, the rest of the override's object kept from the shared settings.
    const [dev, , prod] = configs;
    expect(dev.terminationProtection).toBe(false);
    expect(prod.terminationProtection).toBe(true);
    expect(prod.backup.vaultLock.mode).toBe('compliance');
    expect(prod.backup.vaultLock.minRetentionDays).toBe(dev.backup.vaultLock.minRetentionDays);
    expect(new Set(configs.map((c) => c.network.primaryCidr)).size).toBe(3);
  });

  test('-c single-field overrides still apply to the shared settings of every environment', () => {
    const { configs } = resolveEnvironments({
      caResidencyConfigFile: EXAMPLE,
      'caResidency.backup.weekly.retentionDays': '120',
    });
    expect(configs.map((c) => c.backup.weekly.retentionDays)).toEqual([120, 120, 120]);
  });
});

describe('a bad multi-environment configuration', () => {
  test('lists every problem at once, each with its path in the list', () => {
    const problems = problemsOf(() =>
      resolveFile({
        ...subscribers,
        environments: [
          entry('prod', '123456789012', { recoveryRegion: 'us-east-1' }),
          entry('Prod_2', '12', { overrides: { backup: { daily: { retentionDays: -1 } }, retentionDayz: 3 } }),
          entry('prod', '123456789012', { overrides: { accountId: '999999999999', guardrails: { enabled: false } } }),
          { name: 'x', accountId: '210987654321', region: 'ca-west-1' },
        ],
      }),
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['environments[0].recoveryRegion'].value).toBe('us-east-1');
    expect(byPath['environments[1].name'].message).toMatch(/lowercase/);
    expect(byPath['environments[1].accountId'].message).toMatch(/12-digit/);
    expect(byPath['environments[1].overrides.backup.daily.retentionDays'].value).toBe(-1);
    expect(byPath['environments[1].overrides.retentionDayz'].message).toMatch(/unknown key/);
    expect(byPath['environments[2].name'].message).toMatch(/duplicates environments\[0\]\.name/);
    expect(byPath['environments[2].accountId'].message).toMatch(/duplicates environments\[0\]\.accountId/);
    expect(byPath['environments[2].overrides.accountId'].message).toMatch(/environments\[2\]\.accountId instead/);
    expect(byPath['environments[2].overrides.guardrails'].message).toMatch(/shared settings/);
    expect(byPath['environments[3].region'].message).toMatch(/unknown key/);
    // Nothing else: every problem above, and no duplicate report of the same one.
    expect(problems).toHaveLength(10);
  });

  test('a wrong shared setting is reported once, at its own path, naming the environments it breaks', () => {
    const problems = problemsOf(() =>
      resolveFile({
        ...subscribers,
        monitoring: { logRetentionDays: 30 },
        environments: [entry('dev', '111111111111'), entry('prod', '333333333333')],
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'monitoring.logRetentionDays',
        value: 30,
        message: expect.stringMatching(/at least 90 days.*environment\(s\) dev, prod/),
      }),
    ]);
  });

  test('each environment is judged as strictly as a single config, including cross-field rules over its overrides', () => {
    const problems = problemsOf(() =>
      resolveFile({
        ...subscribers,
        environments: [
          entry('dev', '111111111111'),
          // Québec data copied to Calgary without an assessment, only in this environment.
          entry('qc', '444444444444', { overrides: { quebec: { holdsQuebecPersonalInformation: true } } }),
          // A real account with nobody paged.
          entry('ops', '555555555555', { overrides: { alerts: { critical: { emails: [] } } } }),
        ],
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['environments[2].overrides.alerts.critical', 'quebec.privacyImpactAssessmentReference'].sort(),
    );
    expect(problems.find((p) => p.path === 'quebec.privacyImpactAssessmentReference')!.message).toMatch(
      /environment\(s\) qc:/,
    );
  });

  test('the list itself must be a non-empty list of entries, and guardrails stay one set per organisation', () => {
    expect(problemsOf(() => resolveFile({ environments: [] }))).toEqual([
      expect.objectContaining({ path: 'environments', message: expect.stringMatching(/at least one/) }),
    ]);
    expect(problemsOf(() => resolveFile({ environments: { dev: {} } }))[0]).toEqual(
      expect.objectContaining({ path: 'environments', message: expect.stringMatching(/must be a list/) }),
    );
    const guardrails = problemsOf(() =>
      resolveFile({
        ...subscribers,
        guardrails: {
          enabled: true,
          managementAccountId: '999999999999',
          organizationId: 'o-a1b2c3d4e5',
          targetIds: ['ou-ab12-cd34ef56'],
        },
        environments: [entry('dev', '111111111111')],
      }),
    );
    expect(guardrails.map((p) => p.path)).toEqual(['guardrails.enabled']);
  });

  test('the example file with a duplicated account is rejected', () => {
    const bad = exampleFile();
    bad.environments[2].accountId = bad.environments[0].accountId;
    expect(problemsOf(() => resolveFile(bad))).toEqual([
      expect.objectContaining({ path: 'environments[2].accountId', value: '111111111111' }),
    ]);
  });
});

describe('environment overrides named after Object.prototype members', () => {
  test('overrides.constructor is an unknown key of that environment, not "set it as environments[0].function..."', () => {
    const problems = problemsOf(() =>
      resolveFile({ environments: [entry('dev', '111111111111', { overrides: { constructor: 1 } })], ...subscribers }),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^environments\[0\]\.overrides\.constructor: unknown key/),
    ]);
  });
});
