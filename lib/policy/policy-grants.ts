/**
 * Question (b) of the policy model: who can use a key or resource, for which actions, under which conditions,
 * and does a condition really restrict *who*? `aws:SecureTransport` true, `kms:ViaService`, or `aws:PrincipalArn`
 * matching every role of every account leave a grant to `*` open; an exact account, organisation, VPC endpoint or
 * principal ARN of one account closes it.
 */
import { actionsOfService } from './iam-actions';
import { mayCoverAction } from './policy-coverage';
import { ConditionClause, isUnresolved, PatternBlock, PolicyStatement, principalIsOpen } from './policy-statements';
import { remember } from './bounded-cache';

export interface Grant {
  readonly index: number;
  readonly sid?: string;
  /** Actions of the service the statement may allow. */
  readonly actions: readonly string[];
  /** True when the principal reaches callers of any account (`*`, wildcards, NotPrincipal, unresolved). */
  readonly openPrincipal: boolean;
  /** The clause that limits who can call, when there is one. */
  readonly restrictedBy?: string;
}

const POSITIVE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'kms:calleraccount', 'aws:sourceaccount']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const EXACT_KEYS = new Set([
  'aws:principalorgid',
  'aws:sourceorgid',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:userid',
  'aws:principalservicename',
]);
const ORG_PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);

const hasWildcard = (v: string) => /[*?]/.test(v);

/** Does one value of an identity key name a bounded set of callers? */
function narrowValue(key: string, v: string): boolean {
  if (ACCOUNT_KEYS.has(key) || EXACT_KEYS.has(key)) return v !== '' && !hasWildcard(v);
  if (ORG_PATH_KEYS.has(key)) return /^o-[a-z0-9]+\//.test(v);
  if (ARN_KEYS.has(key)) {
    if (!hasWildcard(v)) return v !== '';
    const account = v.split(':')[4] ?? '';
    return /^(\d{12}|\$\{AWS::AccountId\})$/.test(account);
  }
  return false;
}

/** Services that never accept unsigned requests: identity keys are then always present. */
const SIGNED_ONLY = new Set(['kms']);

/**
 * The clause limiting who can call, or undefined when none does. `anonymous`: whether unsigned requests reach the
 * service; their identity keys are absent, so IfExists and ForAllValues clauses (true when the key is absent)
 * bound nothing for them.
 */
export function restrictingClause(clauses: readonly ConditionClause[], anonymous = true): ConditionClause | undefined {
  return clauses.find((c) => {
    if ((anonymous && (c.ifExists || c.set === 'ForAllValues')) || c.values.length === 0 || c.values.some(isUnresolved))
      return false;
    if (c.key === 'aws:principalisawsservice')
      return c.base === 'Bool' && c.values.every((v) => (v as string).toLowerCase() === 'true');
    return POSITIVE.has(c.base) && c.values.every((v) => narrowValue(c.key, v as string));
  });
}

/**
 * The actions of `service` an Action block may cover, per distinct block: templates repeat the same few action lists
 * on every key policy, and filtering the service's whole action list per statement dominated `check` time.
 * Unresolved patterns all read the same way here (they may cover anything), so one marker stands for them.
 */
const coveredByBlock = new Map<string, readonly string[]>();

function actionsMayCover(block: PatternBlock | undefined, service: string): readonly string[] {
  if (!block) return [];
  const key = [service, block.not ? 'not' : 'is', ...block.values.map((v) => (isUnresolved(v) ? '\u0001' : v))].join(
    '\u0000',
  );
  const hit = coveredByBlock.get(key);
  if (hit) return hit;
  return remember(
    coveredByBlock,
    key,
    actionsOfService(service).filter((a) => mayCoverAction(block, a)),
  );
}

/** Allow statements (or statements whose Effect is not literal) and the actions of `service` they may grant. */
export function grantsOf(statements: readonly PolicyStatement[], service: string): Grant[] {
  return statements
    .filter((s) => s.effect !== 'Deny')
    .map((s) => {
      const by = restrictingClause(s.conditions, !SIGNED_ONLY.has(service.toLowerCase()));
      return {
        index: s.index,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        actions: actionsMayCover(s.action, service),
        openPrincipal: principalIsOpen(s.principal),
        ...(by ? { restrictedBy: `${by.operator} ${by.key}` } : {}),
      };
    })
    .filter((g) => g.actions.length > 0);
}

/** Grants any caller of any account can use: open principal, no condition restricting who. */
export function openGrants(statements: readonly PolicyStatement[], service: string): Grant[] {
  return grantsOf(statements, service).filter((g) => g.openPrincipal && g.restrictedBy === undefined);
}
