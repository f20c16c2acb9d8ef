import { GLOBAL_DATA_PATH_TYPES } from './global-services';
import { globMatches } from './iam-patterns';

/**
 * The global control-plane actions the region-deny guardrail leaves allowed outside the allowed regions.
 *
 * Each entry is here because the service's only (or console's) endpoint sits outside Canada, usually
 * us-east-1, and the action manages identity, organisation, DNS, billing or support: it carries no
 * customer data. Anything not listed is denied outside the allowed regions. docs/guardrails.md compares
 * this list entry by entry with AWS Control Tower's and Landing Zone Accelerator's.
 */
export interface ControlPlaneAction {
  /** IAM action pattern as it appears in the SCP's NotAction, e.g. `iam:*`. */
  readonly action: string;
  /** One line: why the baseline needs it outside Canada and why no customer data flows through it. */
  readonly reason: string;
  /** Documentation page establishing that the service is global or served from one region. */
  readonly source: string;
}

const GLOBAL_ENDPOINTS = 'https://docs.aws.amazon.com/general/latest/gr/rande.html#global-endpoints';
const BILLING =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbillingandcostmanagement.html';

export const GLOBAL_CONTROL_PLANE_ACTIONS: readonly ControlPlaneAction[] = [
  {
    action: 'iam:*',
    reason: 'IAM is a global service served from us-east-1; roles and policies are configuration, not data',
    source: GLOBAL_ENDPOINTS,
  },
  {
    action: 'sts:*',
    reason:
      'the global STS endpoint resolves to us-east-1; callers that have not switched to regional endpoints must still sign in',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html',
  },
  {
    action: 'organizations:*',
    reason:
      'AWS Organizations is served from us-east-1; the management account attaches these very guardrails through it',
    source: 'https://docs.aws.amazon.com/organizations/latest/userguide/region-support.html',
  },
  {
    action: 'account:*',
    reason:
      'account settings (contacts, enabled regions) are global; the protection SCP still denies leaving the organisation',
    source: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html',
  },
  {
    action: 'route53:*',
    reason: 'Route 53 DNS is a global service served from us-east-1; zones hold names and addresses, not health data',
    source: GLOBAL_ENDPOINTS,
  },
  {
    action: 'route53domains:*',
    reason:
      "domain registration is served only from us-east-1; registrant contacts are the organisation's, not patients'",
    source: 'https://docs.aws.amazon.com/general/latest/gr/r53.html',
  },
  {
    action: 'shield:*',
    reason:
      'the Shield Advanced API is served from us-east-1; subscriptions and protections are settings (the pack treats Shield as control plane)',
    source: 'https://docs.aws.amazon.com/general/latest/gr/shield.html',
  },
  {
    action: 'support:*',
    reason: 'AWS Support is served from us-east-1; opening a case must work during an incident',
    source: 'https://docs.aws.amazon.com/general/latest/gr/awssupport.html',
  },
  {
    action: 'supportplans:*',
    reason: 'support plan settings are served from us-east-1',
    source: 'https://docs.aws.amazon.com/awssupport/latest/user/security-support-plans.html',
  },
  {
    action: 'trustedadvisor:*',
    reason: 'Trusted Advisor checks are account-wide and served from us-east-1',
    source: 'https://docs.aws.amazon.com/awssupport/latest/user/trusted-advisor.html',
  },
  {
    action: 'health:*',
    reason: 'the AWS Health API global endpoint is in us-east-1; incident responders read service events through it',
    source: 'https://docs.aws.amazon.com/health/latest/ug/health-api.html',
  },
  { action: 'aws-portal:*', reason: 'billing console (legacy actions), global', source: BILLING },
  { action: 'billing:*', reason: 'billing console and settings are global', source: BILLING },
  {
    action: 'budgets:*',
    reason:
      'AWS Budgets is served from us-east-1; a budget alarm is the first sign of a resource in a forbidden region',
    source: BILLING,
  },
  {
    action: 'ce:*',
    reason: 'Cost Explorer is served from us-east-1',
    source: 'https://docs.aws.amazon.com/general/latest/gr/billing.html',
  },
  {
    action: 'cur:*',
    reason: 'Cost and Usage Report definitions are served from us-east-1',
    source: 'https://docs.aws.amazon.com/general/latest/gr/billing.html',
  },
  { action: 'freetier:*', reason: 'free tier usage is global billing data', source: BILLING },
  { action: 'invoicing:*', reason: 'invoices are global billing data', source: BILLING },
  { action: 'payments:*', reason: 'payment methods are global billing data', source: BILLING },
  { action: 'tax:*', reason: 'tax registrations are global billing data', source: BILLING },
  {
    action: 'pricing:*',
    reason: 'the Price List API is served from us-east-1 and returns public prices only',
    source: 'https://docs.aws.amazon.com/general/latest/gr/billing.html',
  },
  {
    action: 'artifact:*',
    reason: 'AWS Artifact (compliance reports and agreements such as the BAA) is global; custodians need it for audits',
    source: 'https://docs.aws.amazon.com/artifact/latest/ug/what-is-aws-artifact.html',
  },
  {
    action: 'ec2:DescribeRegions',
    reason: 'the console and SDKs list regions from any endpoint; returns region names only',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html',
  },
  {
    action: 's3:ListAllMyBuckets',
    reason:
      'listing buckets goes to the global S3 endpoint (us-east-1) from the console; returns names only, needed to find a stray bucket',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html',
  },
  {
    action: 's3:GetBucketLocation',
    reason:
      'locating a bucket may go through the global endpoint; returns its region only (verify and auditors rely on it)',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html',
  },
];

/**
 * IAM service prefixes of the global data-path services the pack refuses (the resource types in
 * GLOBAL_DATA_PATH_TYPES, grouped by their CloudFormation service namespace). None of their actions may
 * be exempted by the region deny, so the SCP refuses at run time what the pack refuses at synth time.
 * Multi-Region Access Points belong to S3, whose regional actions stay allowed inside Canada: the
 * MRAP control plane is served from us-west-2 and is refused by the region deny itself.
 */
const IAM_PREFIX_OF_CFN_NAMESPACE: Readonly<Record<string, string>> = {
  CloudFront: 'cloudfront',
  GlobalAccelerator: 'globalaccelerator',
  Lightsail: 'lightsail',
  S3: 's3',
};

/** One refused global data-path service: its IAM prefix and the pack's reasons, taken from the same catalogue. */
export interface RefusedGlobalService {
  readonly iamPrefix: string;
  readonly resourceTypes: readonly string[];
}

/**
 * The refused global services, derived from GLOBAL_DATA_PATH_TYPES. Throws if a type is added to that
 * catalogue without an IAM prefix here: the guardrails must not silently fall behind the pack.
 */
export function refusedGlobalServices(): RefusedGlobalService[] {
  const byPrefix = new Map<string, string[]>();
  for (const type of Object.keys(GLOBAL_DATA_PATH_TYPES).sort()) {
    const namespace = type.split('::')[1];
    const prefix = IAM_PREFIX_OF_CFN_NAMESPACE[namespace];
    if (!prefix) throw new Error(`global data-path type ${type} has no IAM service prefix in control-plane-actions.ts`);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), type]);
  }
  return [...byPrefix.entries()].map(([iamPrefix, resourceTypes]) => ({ iamPrefix, resourceTypes }));
}

/** Bedrock is not a CloudFormation data store but a data path: cross-region inference profiles route prompts abroad. */
export const REFUSED_OUTSIDE_CANADA_NOTES: Readonly<Record<string, string>> = {
  bedrock:
    'cross-region inference profiles (us., eu., apac., global.) send prompts to other regions; Bedrock checks the SCP against each destination region, so the region deny refuses them',
};

/** True when an IAM action pattern (e.g. `iam:*`, `s3:Get*`) covers the action `service:Name`, as IAM matches. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const [pService, pName = ''] = pattern.split(':');
  const [aService, aName = ''] = action.split(':');
  return pService.toLowerCase() === aService.toLowerCase() && globMatches(pName, aName, true);
}

/** True when the region deny leaves `action` allowed outside the allowed regions. */
export function isGlobalControlPlaneAction(action: string): boolean {
  return GLOBAL_CONTROL_PLANE_ACTIONS.some((entry) => actionPatternMatches(entry.action, action));
}
