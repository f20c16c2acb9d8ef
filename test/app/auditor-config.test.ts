import { ConfigError } from '../../lib/config/config-error';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { validateConfig } from '../../lib/config/validate';

function problemsOf(patch: (c: any) => void): { path: string; value: unknown; message: string }[] {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  patch(config);
  try {
    validateConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe('auditor configuration', () => {
  test('the defaults: on, daily at 06:30 UTC; the default config is valid', () => {
    expect(DEFAULT_CONFIG.auditor).toEqual({ enabled: true, schedule: 'cron(30 6 * * ? *)' });
    expect(problemsOf(() => undefined)).toEqual([]);
    expect(problemsOf((c) => (c.auditor = { enabled: false, schedule: 'rate(12 hours)' }))).toEqual([]);
  });

  test.each([
    ['schedule', 'cron(30 6 * * ?)', /six fields or rate/],
    ['schedule', 'daily', /six fields or rate/],
    ['enabled', 'yes', /boolean/],
  ])('auditor.%s = %j is rejected with its path and value', (field, value, message) => {
    const problems = problemsOf((c) => (c.auditor[field] = value));
    expect(problems).toEqual([expect.objectContaining({ path: `auditor.${field}`, value })]);
    expect(problems[0].message).toMatch(message);
  });

  test('a misspelt auditor key is reported, not ignored', () => {
    const problems = problemsOf((c) => (c.auditor.enable = true));
    expect(problems.map((p) => p.path)).toEqual(['auditor.enable']);
  });
});
