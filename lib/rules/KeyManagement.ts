import { Grant, openGrants } from '../policy/policy-grants';
import { judgeSwitch } from './encryption-helpers';
import { readPolicy } from './policy-documents';
import { literalOf, numericRange, resolveString } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext, TemplateScope } from './types';
import { isIntrinsic } from '../policy/cfn-intrinsic';

/**
 * CaResidency-KeyManagement: customer-managed KMS keys rotate (symmetric keys), keep a deletion window of at
 * least 7 days, and their key policy lets no caller of any account use the key: a grant to `*` (or a wildcard,
 * NotPrincipal, unresolved principal) needs a condition that really limits who (account, organisation, principal
 * ARN of one account), judged by the policy-statement model.
 * Where multi-region replicas live is judged by the residency rules (the replica key's stack region).
 */
export const KmsKeysWellManaged: ResourceRule = {
  id: 'CaResidency-KeyManagement',
  category: 'key-management',
  severity: 'error',
  summary: 'KMS keys rotate, keep a deletion window of at least 7 days, and grant nothing to every account.',
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  check(resource, ctx) {
    const p = resource.properties;
    const what = `${resource.type} ${resource.logicalId}`;
    if (resource.type === 'AWS::KMS::Key') {
      const spec = literalOf(resolveString(p.KeySpec ?? 'SYMMETRIC_DEFAULT', resource.scope));
      const usage = literalOf(resolveString(p.KeyUsage ?? 'ENCRYPT_DECRYPT', resource.scope));
      // Automatic rotation exists only for symmetric encryption keys.
      if (spec === 'SYMMETRIC_DEFAULT' && usage === 'ENCRYPT_DECRYPT') {
        if (p.EnableKeyRotation === undefined) {
          ctx.report({
            path: 'Properties.EnableKeyRotation',
            message: `${what}: EnableKeyRotation is not set (defaults to false). Set it to true (CDK: enableKeyRotation: true).`,
          });
        } else {
          const v = judgeSwitch(p.EnableKeyRotation, resource);
          if (v.state !== 'on') {
            const shown =
              v.state === 'unresolved'
                ? `not resolvable at synth time (${v.reasons.join('; ')})`
                : JSON.stringify(v.shown);
            ctx.report({
              path: 'Properties.EnableKeyRotation',
              message: `${what}: EnableKeyRotation is ${shown}. Set it to true.`,
            });
          }
        }
      }
    }
    if (p.PendingWindowInDays !== undefined) {
      // A parameter bounded by MinValue >= 7 cannot go below the window either.
      const days = numericRange(p.PendingWindowInDays, resource.scope)?.min;
      if (days === undefined || days < 7) {
        ctx.report({
          path: 'Properties.PendingWindowInDays',
          message: `${what}: PendingWindowInDays is ${JSON.stringify(p.PendingWindowInDays)}; keep a deletion window of at least 7 days (30 recommended).`,
        });
      }
    }
    checkPolicy(resource, ctx, p.KeyPolicy, what);
  },
};

/** Grants of the key policy that any caller of any account can use: open principal, no condition bounding who. */
function checkPolicy(resource: ResourceUnderTest, ctx: RuleContext, policy: unknown, what: string): void {
  if (policy === undefined) return;
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy) || isIntrinsic(policy)) {
    ctx.report({
      path: 'Properties.KeyPolicy',
      message: `${what}: KeyPolicy ${JSON.stringify(policy)} is not a policy document that can be judged at synth time. Write the key policy as a literal document.`,
    });
    return;
  }
  for (const g of openKeyGrants(policy, resource.scope)) {
    const actions =
      g.actions.length > 4
        ? `${g.actions.slice(0, 4).join(', ')} and ${g.actions.length - 4} more KMS actions`
        : g.actions.join(', ');
    ctx.report({
      path: `Properties.KeyPolicy.Statement[${g.index}]`,
      message: `${what}: key policy statement ${g.index}${g.sid ? ` (${g.sid})` : ''} lets any principal of any account use ${actions}, and no condition limits who (a condition such as aws:SecureTransport or kms:ViaService does not). Grant the account root or named roles, or add kms:CallerAccount / aws:PrincipalOrgID / aws:PrincipalArn of your account.`,
    });
  }
}

/**
 * Open grants of a key policy, judged once per stack and distinct document: a key policy names no key (its
 * Resource is `*`), so its grants depend only on its text and the stack its intrinsics resolve in, and CDK writes
 * the same policy for most keys of a stack.
 */
const grantsByPolicy = new WeakMap<TemplateScope, Map<string, Grant[]>>();

function openKeyGrants(policy: object, scope: TemplateScope): Grant[] {
  let byText = grantsByPolicy.get(scope);
  if (!byText) grantsByPolicy.set(scope, (byText = new Map()));
  const text = JSON.stringify(policy);
  let grants = byText.get(text);
  if (!grants) byText.set(text, (grants = openGrants(readPolicy(policy, scope), 'kms')));
  return grants;
}
