/**
 * Claims of docs/guardrails.md, proven with an IAM evaluator over the synthesized SCPs and RCP.
 * Every simulation asserts that no context key was ignored.
 */
import { refusedGlobalServices } from '../../lib/policy/control-plane-actions';
import { BREAK_GLASS, KEY_POLICY_DELEGATING_TO_IAM, RCPS, SCPS, simulate, Request } from './simulate';

const ALLOWED = { result: 'Allowed', ignoredContextKeys: [] };
const DENIED = { result: 'ExplicitlyDenied', ignoredContextKeys: [] };

const CREATE_DATA_STORES: Omit<Request, 'region'>[] = [
  { action: 's3:CreateBucket', resource: 'arn:aws:s3:::patient-records' },
  { action: 'dynamodb:CreateTable', resource: 'arn:aws:dynamodb:{region}:222233334444:table/records' },
  { action: 'kms:CreateKey', resource: '*' },
  { action: 'lambda:CreateFunction', resource: 'arn:aws:lambda:{region}:222233334444:function:ingest' },
];
const inRegion = (request: Omit<Request, 'region'>, region: string): Request => ({
  ...request,
  region,
  resource: request.resource.replace('{region}', region),
});

test('the synthesized guardrails are two SCPs and one RCP', () => {
  expect(SCPS.map((p) => p.name).sort()).toEqual(['cacr-dev-baseline-protection', 'cacr-dev-region-deny']);
  expect(RCPS.map((p) => p.name)).toEqual(['cacr-dev-data-perimeter']);
});

describe.each(['us-east-1', 'eu-west-1', 'ap-southeast-2'])('outside Canada (%s)', (region) => {
  test.each(CREATE_DATA_STORES.map((r) => [r.action, r] as const))('%s is denied', async (_action, request) => {
    expect(await simulate(inRegion(request, region))).toEqual(DENIED);
  });
});

describe.each(['ca-central-1', 'ca-west-1'])('in Canada (%s)', (region) => {
  test.each(CREATE_DATA_STORES.map((r) => [r.action, r] as const))('%s is allowed', async (_action, request) => {
    expect(await simulate(inRegion(request, region))).toEqual(ALLOWED);
  });
});

test.each([
  ['iam:CreateRole', 'arn:aws:iam::222233334444:role/app'],
  ['iam:ListRoles', '*'],
  ['sts:AssumeRole', 'arn:aws:iam::222233334444:role/app'],
  ['organizations:DescribeOrganization', '*'],
])('the control plane stays reachable from us-east-1: %s', async (action, resource) => {
  expect(await simulate({ action, resource, region: 'us-east-1' })).toEqual(ALLOWED);
});

test('Bedrock model invocation in us-east-1 is denied (cross-region inference abroad included)', async () => {
  const model = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
  expect(await simulate({ action: 'bedrock:InvokeModel', resource: model, region: 'us-east-1' })).toEqual(DENIED);
});

// One creating action per refused global data-path service (lib/policy/global-services.ts), in the region its
// control plane is served from.
const REFUSED_GLOBAL: Record<string, Request> = {
  cloudfront: { action: 'cloudfront:CreateDistribution', resource: '*', region: 'us-east-1' },
  globalaccelerator: {
    action: 'globalaccelerator:CreateAccelerator',
    resource: '*',
    region: 'us-west-2',
  },
  lightsail: { action: 'lightsail:CreateBucket', resource: '*', region: 'us-east-1' },
  s3: {
    action: 's3:CreateMultiRegionAccessPoint',
    resource: 'arn:aws:s3::222233334444:accesspoint/mfzwi23gnjvgw.mrap',
    region: 'us-west-2',
  },
};

test('every global data-path service the pack refuses has a refusal case here', () => {
  expect(
    refusedGlobalServices()
      .map((s) => s.iamPrefix)
      .sort(),
  ).toEqual(Object.keys(REFUSED_GLOBAL).sort());
});

test.each(Object.entries(REFUSED_GLOBAL))(
  'the refused global data path %s is denied by the region deny',
  async (_prefix, request) => {
    expect(await simulate(request)).toEqual(DENIED);
  },
);

const RESIDENCY_KEY = {
  resource: 'arn:aws:kms:ca-central-1:222233334444:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  context: { 'kms:ResourceAliases': ['alias/cacr-prod-data'] },
  resourcePolicy: KEY_POLICY_DELEGATING_TO_IAM,
};
const PROTECTED: Request[] = [
  {
    action: 'cloudtrail:StopLogging',
    resource: 'arn:aws:cloudtrail:ca-central-1:222233334444:trail/cacr-prod-primary-trail',
    region: 'ca-central-1',
  },
  {
    action: 'cloudtrail:DeleteTrail',
    resource: 'arn:aws:cloudtrail:ca-central-1:222233334444:trail/cacr-prod-primary-trail',
    region: 'ca-central-1',
  },
  {
    action: 'ec2:DeleteFlowLogs',
    resource: 'arn:aws:ec2:ca-central-1:222233334444:vpc-flow-log/fl-0123456789abcdef0',
    region: 'ca-central-1',
  },
  {
    action: 'backup:DeleteRecoveryPoint',
    resource: 'arn:aws:backup:ca-west-1:222233334444:recovery-point:1a2b3c4d',
    region: 'ca-west-1',
  },
  {
    action: 'backup:DeleteBackupVault',
    resource: 'arn:aws:backup:ca-central-1:222233334444:backup-vault:cacr-prod-vault',
    region: 'ca-central-1',
  },
  {
    action: 'backup:DeleteBackupVaultLockConfiguration',
    resource: 'arn:aws:backup:ca-central-1:222233334444:backup-vault:cacr-prod-vault',
    region: 'ca-central-1',
  },
  {
    action: 'backup:DeleteBackupVaultAccessPolicy',
    resource: 'arn:aws:backup:ca-central-1:222233334444:backup-vault:cacr-prod-vault',
    region: 'ca-central-1',
  },
  { action: 'kms:ScheduleKeyDeletion', region: 'ca-central-1', ...RESIDENCY_KEY },
  { action: 'kms:DisableKey', region: 'ca-central-1', ...RESIDENCY_KEY },
  { action: 'organizations:LeaveOrganization', resource: '*', region: 'us-east-1' },
];

test.each(PROTECTED.map((r) => [r.action, r] as const))('an administrator is denied %s', async (_action, request) => {
  expect(await simulate(request)).toEqual(DENIED);
});

test.each(PROTECTED.map((r) => [r.action, r] as const))(
  'the break-glass role is allowed %s',
  async (_action, request) => {
    expect(await simulate({ ...request, principal: BREAK_GLASS })).toEqual(ALLOWED);
  },
);

test('the break-glass role is not limited to Canada either (recovery from a region-deny mistake)', async () => {
  expect(
    await simulate({
      action: 's3:CreateBucket',
      resource: 'arn:aws:s3:::x',
      region: 'us-east-1',
      principal: BREAK_GLASS,
    }),
  ).toEqual(ALLOWED);
});

test('keys outside the residency alias prefix can still be scheduled for deletion', async () => {
  const other = { ...RESIDENCY_KEY, context: { 'kms:ResourceAliases': ['alias/sandbox-scratch'] } };
  expect(await simulate({ action: 'kms:ScheduleKeyDeletion', region: 'ca-central-1', ...other })).toEqual(ALLOWED);
});

test('a request without TLS is denied by the RCP even inside Canada and the organisation', async () => {
  const object = 'arn:aws:s3:::cacr-prod-data-222233334444-ca-central-1/record.json';
  expect(
    await simulate({ action: 's3:GetObject', resource: object, region: 'ca-central-1', secureTransport: false }),
  ).toEqual(DENIED);
  expect(await simulate({ action: 's3:GetObject', resource: object, region: 'ca-central-1' })).toEqual(ALLOWED);
});

test('a principal from outside the organisation is denied by the RCP', async () => {
  const secret = 'arn:aws:secretsmanager:ca-central-1:222233334444:secret:db-AbCdEf';
  const outsider = 'arn:aws:iam::999988887777:role/Partner';
  expect(
    await simulate({
      action: 'secretsmanager:GetSecretValue',
      resource: secret,
      region: 'ca-central-1',
      principal: outsider,
      context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalAccount': '999988887777' },
    }),
  ).toEqual(DENIED);
});
