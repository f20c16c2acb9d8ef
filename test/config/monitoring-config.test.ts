import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { resolveConfig } from '../../lib/config/load';
import { validateConfig } from '../../lib/config/validate';
import { problemsOf, withDefaults } from '../support/config-problems';

describe('monitoring, audit trail and network configuration', () => {
  test('the defaults: one-year logs, no GuardDuty detector, seven-year archive without object lock, network on', () => {
    expect(DEFAULT_CONFIG.monitoring).toEqual({
      logRetentionDays: 365,
      replicationLatencyAlarmSeconds: 900,
      guardDuty: 'off',
    });
    expect(DEFAULT_CONFIG.auditTrail.objectLock.enabled).toBe(false);
    expect(DEFAULT_CONFIG.network.enabled).toBe(true);
  });

  test('a log retention CloudWatch Logs does not accept is rejected with the allowed values', () => {
    const [problem] = problemsOf(() => validateConfig(withDefaults((c) => (c.monitoring.logRetentionDays = 100))));
    expect(problem.path).toBe('monitoring.logRetentionDays');
    expect(problem.value).toBe(100);
    expect(problem.message).toContain('365');
  });

  test('a log retention below 90 days is rejected', () => {
    const [problem] = problemsOf(() => validateConfig(withDefaults((c) => (c.monitoring.logRetentionDays = 30))));
    expect(problem).toMatchObject({ path: 'monitoring.logRetentionDays', value: 30 });
  });

  test('an unknown GuardDuty mode is rejected', () => {
    const [problem] = problemsOf(() => validateConfig(withDefaults((c) => (c.monitoring.guardDuty = 'on'))));
    expect(problem).toMatchObject({ path: 'monitoring.guardDuty', value: 'on' });
  });

  test('an object lock longer than the archive retention is rejected', () => {
    const problems = problemsOf(() =>
      validateConfig(
        withDefaults((c) => (c.auditTrail.objectLock = { enabled: true, mode: 'compliance', retentionDays: 4000 })),
      ),
    );
    expect(problems).toEqual([expect.objectContaining({ path: 'auditTrail.objectLock.retentionDays', value: 4000 })]);
  });

  test('an archive retention below a year is rejected', () => {
    const [problem] = problemsOf(() => validateConfig(withDefaults((c) => (c.auditTrail.archiveRetentionDays = 30))));
    expect(problem).toMatchObject({ path: 'auditTrail.archiveRetentionDays', value: 30 });
  });

  test('malformed or overlapping network CIDRs are rejected, each with its path and value', () => {
    const problems = problemsOf(() => validateConfig(withDefaults((c) => (c.network.primaryCidr = '10.40.0.0/8'))));
    expect(problems).toEqual([expect.objectContaining({ path: 'network.primaryCidr', value: '10.40.0.0/8' })]);
    const overlap = problemsOf(() => validateConfig(withDefaults((c) => (c.network.recoveryCidr = '10.40.128.0/17'))));
    expect(overlap).toEqual([expect.objectContaining({ path: 'network.recoveryCidr', value: '10.40.128.0/17' })]);
    expect(overlap[0].message).toContain('10.40.0.0/16');
  });

  test('overlapping CIDRs are accepted when the network is off', () => {
    expect(() =>
      validateConfig(
        withDefaults((c) => Object.assign(c.network, { enabled: false, recoveryCidr: c.network.primaryCidr })),
      ),
    ).not.toThrow();
  });

  test('an interface endpoint that is not a service short name is rejected', () => {
    const [problem] = problemsOf(() =>
      validateConfig(withDefaults((c) => (c.network.interfaceEndpoints = ['kms', 'com.amazonaws.ca-central-1.logs ']))),
    );
    expect(problem).toMatchObject({ path: 'network.interfaceEndpoints[1]' });
  });

  test('-c overrides reach the new sections', () => {
    const config = resolveConfig({
      'caResidency.monitoring.guardDuty': 'existing-detector',
      'caResidency.network.interfaceEndpoints': 'kms,ecr.api',
      'caResidency.network.enabled': 'false',
    });
    expect(config.monitoring.guardDuty).toBe('existing-detector');
    expect(config.network.interfaceEndpoints).toEqual(['kms', 'ecr.api']);
    expect(config.network.enabled).toBe(false);
  });
});
