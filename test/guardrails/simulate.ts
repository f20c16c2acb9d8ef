import { runSimulation } from '@cloud-copilot/iam-simulate';
import { GUARDRAILS_CONFIG, synthesizedGuardrailsStack } from './guardrails-app';

export const ACCOUNT = '222233334444';
export const ORG_ID = GUARDRAILS_CONFIG.guardrails.organizationId;
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/Administrator`;
export const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/${GUARDRAILS_CONFIG.guardrails.breakGlassRoleName}`;

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const policies = synthesizedGuardrailsStack();
const ofType = (type: string) =>
  Object.entries(policies)
    .filter(([, p]) => p.type === type)
    .map(([name, p]) => ({ name, policy: p.content }));
export const SCPS = ofType('SERVICE_CONTROL_POLICY');
export const RCPS = ofType('RESOURCE_CONTROL_POLICY');

export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly region: string;
  readonly principal?: string;
  /** Extra request context; the implicit keys (region, principal, TLS, organisation) are filled in explicitly. */
  readonly context?: Record<string, string | string[]>;
  readonly secureTransport?: boolean;
  /** The resource's own policy, e.g. a key policy (KMS needs one to allow anything). */
  readonly resourcePolicy?: unknown;
}

/** A key policy delegating to IAM, like the default key policy of the account. */
export const KEY_POLICY_DELEGATING_TO_IAM = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

export interface Outcome {
  readonly result: string;
  readonly ignoredContextKeys: readonly string[];
}

/**
 * Evaluates a request of a principal whose identity policy allows everything, under the synthesized SCPs
 * (with AWS's FullAWSAccess beside them, as in a real organisation) and RCP.
 */
export async function simulate(request: Request): Promise<Outcome> {
  const principal = request.principal ?? ADMIN;
  const result = await runSimulation(
    {
      request: {
        principal,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: {
          'aws:RequestedRegion': request.region,
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': ACCOUNT,
          'aws:PrincipalOrgID': ORG_ID,
          'aws:SecureTransport': String(request.secureTransport ?? true),
          'aws:PrincipalIsAWSService': 'false',
          ...request.context,
        },
      },
      identityPolicies: [{ name: 'AdministratorAccess', policy: ALLOW_ALL }],
      serviceControlPolicies: [
        { orgIdentifier: 'ou-ab12-residency1', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, ...SCPS] },
      ],
      resourceControlPolicies: [{ orgIdentifier: 'ou-ab12-residency1', policies: RCPS }],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`simulation of ${request.action} could not run: ${JSON.stringify(result.errors)}`);
  const runs = result.resultType === 'single' ? [result.result] : result.results;
  const results = [...new Set(runs.map((run) => run.analysis.result))];
  return {
    // A wildcard-only action may be simulated once per resource type: every run must agree.
    result: results.length === 1 ? results[0] : `inconsistent: ${results.join(', ')}`,
    ignoredContextKeys: runs.flatMap((run) => run.ignoredContextKeys ?? ['(not reported)']),
  };
}
