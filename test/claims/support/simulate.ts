import { runSimulation } from '@cloud-copilot/iam-simulate';

/** The three answers of the evaluator, plus `Error` when it refused the input (bad policy, action or ARN). */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Error';

/** What a claim asserts about one request: the decision, and that no context key was left out of it. */
export interface Outcome {
  readonly decision: Decision;
  /** Context keys the evaluator dropped because they do not apply to the action: must stay empty. */
  readonly ignoredContextKeys: string[];
}

export interface SimulatedRequest {
  /** An IAM principal ARN, or a service principal such as `backup.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account owning the resource. */
  readonly resourceAccount: string;
  /**
   * Every context key the request carries. The evaluator fills none in for us (not `aws:PrincipalArn`,
   * `kms:CallerAccount` or `aws:SourceAccount`): each case supplies what AWS would send.
   */
  readonly context?: Record<string, string | string[]>;
  /** The principal's identity policy. @default - none (a service principal has none) */
  readonly identityPolicy?: unknown;
  /** The resource's policy (key policy, bucket policy, trust policy...). */
  readonly resourcePolicy?: unknown;
}

/**
 * Evaluates one request with iam-simulate. Claims compare the whole outcome, so a context key the evaluator
 * dropped fails the case as surely as a wrong decision.
 * Strict mode, no SCP or RCP: what the app's own policies decide.
 */
export async function simulate(request: SimulatedRequest): Promise<Outcome> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: request.context ?? {},
      },
      identityPolicies: request.identityPolicy ? [{ name: 'identity', policy: request.identityPolicy }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  const ignored =
    result.resultType === 'single'
      ? result.result.ignoredContextKeys
      : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  return { decision: result.overallResult as Decision, ignoredContextKeys: [...new Set(ignored ?? [])].sort() };
}

/** The expected outcome of a request whose every context key the evaluator used. */
export function evaluatedAs(decision: Decision): Outcome {
  return { decision, ignoredContextKeys: [] };
}

/** An identity policy allowing everything: an account administrator, or an attacker with admin rights. */
export const ADMIN_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** A second account: anything it may do is a cross-account path. */
export const OTHER_ACCOUNT = '111122223333';
