import { DEFAULT_CONFIG, PLACEHOLDER_ACCOUNT_ID } from '../../lib/config/defaults';
import { resolveConfig } from '../../lib/config/load';
import { ResidencyNames } from '../../lib/config/naming';
import { validateConfig } from '../../lib/config/validate';
import { problemsOf, withDefaults } from '../support/config-problems';

describe('the embedded default', () => {
  test('is valid on its own, with the clearly marked placeholder account', () => {
    const config = resolveConfig({});
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.accountId).toBe(PLACEHOLDER_ACCOUNT_ID);
  });
});

describe('sources and precedence', () => {
  test('cdk.json context object < JSON file < single -c overrides', () => {
    const files: Record<string, string> = {
      'prod.json': JSON.stringify({
        environmentName: 'prod',
        backup: { daily: { retentionDays: 40 } },
        alerts: { critical: { emails: ['oncall@example.ca'], httpsEndpoints: [] } },
      }),
    };
    const config = resolveConfig(
      {
        caResidency: { environmentName: 'staging', accountId: '123456789012' },
        caResidencyConfigFile: 'prod.json',
        'caResidency.backup.daily.retentionDays': '45',
        'caResidency.terminationProtection': 'false',
      },
      (file) => files[file],
    );
    expect(config.accountId).toBe('123456789012');
    expect(config.environmentName).toBe('prod');
    expect(config.backup.daily.retentionDays).toBe(45);
    expect(config.terminationProtection).toBe(false);
    // Fields no source mentions keep their defaults.
    expect(config.backup.weekly).toEqual(DEFAULT_CONFIG.backup.weekly);
  });

  test('-c list values accept comma-separated text or JSON', () => {
    const config = resolveConfig({
      'caResidency.alerts.critical.emails': 'a@example.ca, b@example.ca',
      'caResidency.alerts.warning.httpsEndpoints': '["https://hooks.example.ca/x"]',
    });
    expect(config.alerts.critical.emails).toEqual(['a@example.ca', 'b@example.ca']);
    expect(config.alerts.warning.httpsEndpoints).toEqual(['https://hooks.example.ca/x']);
  });

  test('a missing or malformed config file is an error naming the file', () => {
    const missing = problemsOf(() =>
      resolveConfig({ caResidencyConfigFile: 'nope.json' }, () => {
        throw new Error('ENOENT: no such file');
      }),
    );
    expect(missing).toEqual([
      expect.objectContaining({
        path: 'caResidencyConfigFile',
        value: 'nope.json',
        message: expect.stringContaining('ENOENT'),
      }),
    ]);
    const malformed = problemsOf(() => resolveConfig({ caResidencyConfigFile: 'bad.json' }, () => '{ not json'));
    expect(malformed[0].message).toMatch(/not a JSON configuration/);
  });

  test('-c coerces by the schema type of the field, also for optional fields with no default value', () => {
    expect(DEFAULT_CONFIG.backup.daily.copyRetentionDays).toBeUndefined();
    const config = resolveConfig({
      'caResidency.backup.daily.copyRetentionDays': '35',
      'caResidency.accountId': '123456789012',
      'caResidency.alerts.critical.emails': 'oncall@example.ca',
    });
    expect(config.backup.daily.copyRetentionDays).toBe(35);
    // A string field keeps digits as a string (an account id is not a number).
    expect(config.accountId).toBe('123456789012');
  });

  test('a -c override of a number that is not a number is reported with its path and value', () => {
    const problems = problemsOf(() => resolveConfig({ 'caResidency.backup.daily.retentionDays': 'thirty' }));
    expect(problems).toEqual([expect.objectContaining({ path: 'backup.daily.retentionDays', value: 'thirty' })]);
  });
});

describe('validation collects every problem at once, each with its path and value', () => {
  test('a config with many mistakes lists them all', () => {
    const bad = withDefaults((c) => {
      c.accountId = '12345';
      c.primaryRegion = 'us-east-1';
      c.recoveryRegion = 'us-west-2';
      c.backup.daily.retentionDays = -5;
      c.backup.weekly.schedule = 'every sunday';
      c.alerts.critical.emails = ['not-an-email'];
      c.alerts.warning.httpsEndpoints = ['http://hooks.example.ca'];
      c.retentionDayz = 3;
      c.backup.vaultLock.mode = 'strict';
    });
    const problems = problemsOf(() => validateConfig(bad));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath)).toEqual(
      expect.arrayContaining([
        'accountId',
        'primaryRegion',
        'recoveryRegion',
        'backup.daily.retentionDays',
        'backup.weekly.schedule',
        'alerts.critical.emails[0]',
        'alerts.warning.httpsEndpoints[0]',
        'retentionDayz',
        'backup.vaultLock.mode',
      ]),
    );
    expect(byPath.accountId.value).toBe('12345');
    expect(byPath.primaryRegion.value).toBe('us-east-1');
    expect(byPath.recoveryRegion.message).toMatch(/ca-west-1/);
    expect(byPath['backup.daily.retentionDays'].value).toBe(-5);
    expect(byPath.retentionDayz.message).toMatch(/unknown key/);
  });

  test('the error message lists every problem on its own line, path first', () => {
    const bad = withDefaults((c) => {
      c.accountId = 'abc';
      c.environmentName = 'Prod!';
    });
    expect(() => validateConfig(bad, 'test')).toThrow(
      /accountId: must be a 12-digit AWS account id \(got "abc"\)\n\s+- environmentName: .*\(got "Prod!"\)/,
    );
  });

  test('an unknown key deep in the config is rejected, not ignored', () => {
    const problems = problemsOf(() => validateConfig(withDefaults((c) => (c.backup.daily.retention = 30))));
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'backup.daily.retention',
        value: 30,
        message: expect.stringMatching(/unknown key/),
      }),
    ]);
  });

  test('backup retentions outside the vault lock bounds are rejected before deployment', () => {
    const problems = problemsOf(() =>
      validateConfig(
        withDefaults((c) => {
          c.backup.daily.retentionDays = 3;
          c.backup.monthly.copyRetentionDays = 5000;
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['backup.daily.retentionDays', 'backup.monthly.copyRetentionDays']);
    expect(problems[0].message).toMatch(/minRetentionDays = 7/);
  });

  test('a vault lock whose maximum is below its minimum is rejected', () => {
    const problems = problemsOf(() =>
      validateConfig(
        withDefaults((c) => {
          c.backup.vaultLock.minRetentionDays = 30;
          c.backup.vaultLock.maxRetentionDays = 10;
          c.backup.daily.enabled = false;
          c.backup.weekly.enabled = false;
          c.backup.monthly.enabled = false;
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['backup.vaultLock.maxRetentionDays', 'backup']),
    );
  });

  test('Québec personal information replicated to Calgary needs a privacy impact assessment reference', () => {
    const quebec = withDefaults((c) => (c.quebec.holdsQuebecPersonalInformation = true));
    expect(problemsOf(() => validateConfig(quebec))).toEqual([
      expect.objectContaining({ path: 'quebec.privacyImpactAssessmentReference' }),
    ]);
    // Either recording the assessment or keeping the data in ca-central-1 satisfies it.
    expect(() =>
      validateConfig({
        ...quebec,
        quebec: { holdsQuebecPersonalInformation: true, privacyImpactAssessmentReference: 'PIA-2026-014' },
      }),
    ).not.toThrow();
    expect(() => validateConfig({ ...quebec, recoveryRegion: 'none' })).not.toThrow();
  });

  test('a real account without a critical subscriber is rejected: nobody would be paged', () => {
    const problems = problemsOf(() => validateConfig(withDefaults((c) => (c.accountId = '123456789012'))));
    expect(problems).toEqual([expect.objectContaining({ path: 'alerts.critical' })]);
  });

  test('the longest prefix and environment name accepted still give S3-valid bucket names', () => {
    const longest = validateConfig(
      withDefaults((c) => {
        c.resourcePrefix = 'abcdefghij';
        c.environmentName = 'abcdefghijkl';
      }),
    );
    const names = new ResidencyNames(longest);
    for (const purpose of ['data', 'replica', 'access-logs'] as const) {
      expect(names.bucketName(purpose, 'ca-central-1')).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    }
    expect(problemsOf(() => validateConfig(withDefaults((c) => (c.resourcePrefix = 'abcdefghijk'))))[0].path).toBe(
      'resourcePrefix',
    );
  });

  test('a negative retention is an error', () => {
    const problems = problemsOf(() => validateConfig(withDefaults((c) => (c.accessLogs.retentionDays = -1))));
    expect(problems).toEqual([expect.objectContaining({ path: 'accessLogs.retentionDays', value: -1 })]);
  });
});

describe('keys named after Object.prototype members', () => {
  // JSON text, as a file or -c gives it: `__proto__` is then a key, not a prototype.
  const resolveText = (text: string) => resolveConfig({ caResidencyConfigFile: 'c.json' }, () => text);

  test('a __proto__ key is refused where it is, once, not taken as the prototype and silently dropped', () => {
    expect(problemsOf(() => resolveText('{"__proto__": {"primaryRegion": "us-east-1"}}'))).toEqual([
      {
        path: '__proto__',
        value: { primaryRegion: 'us-east-1' },
        message: expect.stringMatching(/__proto__/) as unknown,
      },
    ]);
    // zod drops such a key from a record: a tag of that name would vanish without a word.
    expect(problemsOf(() => resolveText('{"tags": {"__proto__": "v", "team": "records"}}')).map((p) => p.path)).toEqual(
      ['tags.__proto__'],
    );
    expect(problemsOf(() => resolveText('{"constructor": 1}')).map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^constructor: unknown key/),
    ]);
  });

  test('a look-alike key is a key like any other: a tag named "proto" is kept', () => {
    expect(resolveText('{"tags": {"proto": "v"}}').tags.proto).toBe('v');
  });
});
