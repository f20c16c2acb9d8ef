import { judgeSwitch } from './encryption-helpers';
import { literalOf, numericRange, resolveString } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';

/**
 * CaResidency-KeyManagement: customer-managed KMS keys rotate (symmetric keys), keep a deletion window of at
 * least 7 days, and their key policy grants no `kms:*` to any principal `*` without a condition.
 * Where multi-region replicas live is judged by the residency rules (the replica key's stack region).
 */
export const KmsKeysWellManaged: ResourceRule = {
  id: 'CaResidency-KeyManagement',
  category: 'key-management',
  severity: 'error',
  summary: 'KMS keys rotate, keep a deletion window of at least 7 days, and have no open kms:* grant.',
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
          ctx.report({ path: 'Properties.EnableKeyRotation', message: `${what}: EnableKeyRotation is not set (defaults to false). Set it to true (CDK: enableKeyRotation: true).` });
        } else {
          const v = judgeSwitch(p.EnableKeyRotation, resource);
          if (v.state !== 'on') {
            const shown = v.state === 'unresolved' ? `not resolvable at synth time (${v.reasons.join('; ')})` : JSON.stringify(v.shown);
            ctx.report({ path: 'Properties.EnableKeyRotation', message: `${what}: EnableKeyRotation is ${shown}. Set it to true.` });
          }
        }
      }
    }
    if (p.PendingWindowInDays !== undefined) {
      // A parameter bounded by MinValue >= 7 cannot go below the window either.
      const days = numericRange(p.PendingWindowInDays, resource.scope)?.min;
      if (days === undefined || days < 7) {
        ctx.report({ path: 'Properties.PendingWindowInDays', message: `${what}: PendingWindowInDays is ${JSON.stringify(p.PendingWindowInDays)}; keep a deletion window of at least 7 days (30 recommended).` });
      }
    }
    checkPolicy(resource, ctx, p.KeyPolicy, what);
  },
};

function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

function grantsAll(action: unknown): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a) => a === '*' || a === 'kms:*');
}

function checkPolicy(resource: ResourceUnderTest, ctx: RuleContext, policy: unknown, what: string): void {
  if (policy === undefined || policy === null || typeof policy !== 'object') return;
  const statements = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  list.forEach((st: unknown, i: number) => {
    const s = st as Record<string, unknown>;
    if (s?.Effect !== 'Allow' || s.Condition !== undefined) return;
    if (isWildcardPrincipal(s.Principal) && grantsAll(s.Action)) {
      ctx.report({ path: `Properties.KeyPolicy.Statement[${i}]`, message: `${what}: key policy statement ${i} allows ${JSON.stringify(s.Action)} to any principal '*' without a condition. Grant the account root or named roles, or add conditions (e.g. kms:CallerAccount, kms:ViaService).` });
    }
  });
}
