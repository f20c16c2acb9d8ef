import { CanadianResidencyChecks } from '../../lib/nag';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { validateConfig } from '../../lib/config/validate';
import { ConfigError } from '../../lib/config/config-error';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { detectiveGapsIn, DETECTIVE_RULES } from '../../lib/policy/detective-rules';
import { ORGANIZATION_POLICY_MAX_CHARS } from '../../lib/policy/guardrail-policies';
import { CDK_NAG_PACKS, remainingNagFindings } from '../support/acknowledgements';
import { newTestApp } from '../support/cdk-app';
import { GUARDRAILS_CONFIG, guardrailsApp, synthesizedPolicies } from './guardrails-app';

test('the guardrails stack deploys to the management account in ca-central-1', () => {
  const { stacks } = guardrailsApp();
  expect(stacks.guardrails!.account).toBe('111111111111');
  expect(stacks.guardrails!.region).toBe('ca-central-1');
});

test('two SCPs and one RCP attach to the configured targets', () => {
  const policies = synthesizedPolicies();
  expect(Object.fromEntries(Object.entries(policies).map(([name, p]) => [name, p.type]))).toEqual({
    'region-deny': 'SERVICE_CONTROL_POLICY',
    'baseline-protection': 'SERVICE_CONTROL_POLICY',
    'data-perimeter': 'RESOURCE_CONTROL_POLICY',
  });
  for (const policy of Object.values(policies)) expect(policy.targets).toEqual(['ou-ab12-residency1']);
});

test('every synthesized policy fits the 5,120-character limit as AWS counts it (no whitespace)', () => {
  for (const [name, policy] of Object.entries(synthesizedPolicies())) {
    expect({ name, size: JSON.stringify(policy.content).length <= ORGANIZATION_POLICY_MAX_CHARS }).toEqual({
      name,
      size: true,
    });
  }
});

test('the app with every guardrail on passes all three packs', () => {
  const { app } = guardrailsApp();
  expect(new CanadianResidencyChecks().evaluateScope(app).findings).toEqual([]);
  for (const [, makePack] of CDK_NAG_PACKS) expect(remainingNagFindings(makePack, app)).toEqual([]);
});

test('detective rules run in both regions, and ca-west-1 gets only the rules AWS offers there', () => {
  const { stacks, template } = guardrailsApp();
  const identifiers = (stackName: string) =>
    Object.values(template(stackName).Resources)
      .filter((r) => r.Type === 'AWS::Config::ConfigRule')
      .map((r) => r.Properties.Source.SourceIdentifier)
      .sort();
  expect(identifiers(stacks.primary.stackName)).toEqual(DETECTIVE_RULES.map((r) => r.identifier).sort());
  const west = identifiers(stacks.recovery!.stackName);
  const gaps = detectiveGapsIn('ca-west-1').map((r) => r.identifier);
  expect(gaps).toContain('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED');
  expect(west.some((id) => gaps.includes(id))).toBe(false);
  expect(west).toContain('S3_DEFAULT_ENCRYPTION_KMS');
  expect(stacks.recovery!.foundation.detectiveRules!.gaps.map((g) => g.identifier)).toEqual(gaps);
});

test('retention rules demand the shortest configured backup retention', () => {
  const { stacks, template } = guardrailsApp();
  const rules = Object.values(template(stacks.primary.stackName).Resources).filter(
    (r) => r.Type === 'AWS::Config::ConfigRule',
  );
  const retention = rules.find(
    (r) => r.Properties.Source.SourceIdentifier === 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
  )!;
  expect(retention.Properties.InputParameters).toEqual({ requiredRetentionDays: '35' });
  const coverage = rules.find((r) => r.Properties.Source.SourceIdentifier === 'S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN')!;
  expect(JSON.parse(coverage.Properties.InputParameters.resourceTags)).toEqual({ 'residency:backup': 'true' });
});

test("non-compliance of exactly these rules is routed to the region's critical topic", () => {
  const { stacks, template } = guardrailsApp();
  for (const stack of [stacks.primary, stacks.recovery!]) {
    const resources = template(stack.stackName).Resources;
    const ruleNames = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Config::ConfigRule')
      .map((r) => r.Properties.ConfigRuleName);
    const route = Object.values(resources).find(
      (r) => r.Type === 'AWS::Events::Rule' && r.Properties.EventPattern?.source?.[0] === 'aws.config',
    )!;
    expect(route.Properties.EventPattern.detail).toEqual({
      configRuleName: ruleNames,
      newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
    });
    const criticalTopicId = stack.getLogicalId(stack.foundation.alerting.topics.critical.node.defaultChild as any);
    expect(route.Properties.Targets.map((t: any) => t.Arn)).toEqual([{ Ref: criticalTopicId }]);
  }
});

test('with no organisation configured the reference app has no guardrails stack and no Config rules', () => {
  const app = newTestApp();
  const stacks = buildResidencyStacks(app, DEFAULT_CONFIG);
  expect(stacks.guardrails).toBeUndefined();
  expect(stacks.primary.foundation.detectiveRules).toBeUndefined();
});

test('enabling guardrails without organisation, management account or targets names each missing field', () => {
  const attempt = () =>
    validateConfig({ ...DEFAULT_CONFIG, guardrails: { ...DEFAULT_CONFIG.guardrails, enabled: true } });
  expect(attempt).toThrow(ConfigError);
  try {
    attempt();
  } catch (error) {
    expect((error as ConfigError).problems.map((p) => p.path).sort()).toEqual([
      'guardrails.managementAccountId',
      'guardrails.organizationId',
      'guardrails.targetIds',
    ]);
  }
});

test('the guardrails and the vault policies must exempt the same break-glass role', () => {
  const attempt = () =>
    validateConfig({
      ...GUARDRAILS_CONFIG,
      guardrails: { ...GUARDRAILS_CONFIG.guardrails, breakGlassRoleName: 'org-break-glass' },
    });
  expect(attempt).toThrow(
    /guardrails\.breakGlassRoleName: must be the role the vault policies exempt \(backup\.breakGlassRoleName = "backup-break-glass"\)/,
  );
  expect(() =>
    validateConfig({ ...GUARDRAILS_CONFIG, backup: { ...GUARDRAILS_CONFIG.backup, breakGlassRoleName: null } }),
  ).not.toThrow();
});

test('malformed guardrail ids are reported with field and value', () => {
  const attempt = () =>
    validateConfig({
      ...GUARDRAILS_CONFIG,
      guardrails: {
        ...GUARDRAILS_CONFIG.guardrails,
        organizationId: 'org-1',
        targetIds: ['ou-ab12-residency1', 'sales'],
        breakGlassRoleName: 'bad name',
      },
      backup: { ...GUARDRAILS_CONFIG.backup, breakGlassRoleName: null },
    });
  try {
    attempt();
    throw new Error('expected a ConfigError');
  } catch (error) {
    const problems = (error as ConfigError).problems.map((p) => `${p.path}=${JSON.stringify(p.value)}`).sort();
    expect(problems).toEqual([
      'guardrails.breakGlassRoleName="bad name"',
      'guardrails.organizationId="org-1"',
      'guardrails.targetIds[1]="sales"',
    ]);
  }
});
