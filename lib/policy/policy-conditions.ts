/**
 * Evaluating condition clauses against what is known of a class of requests. Three-valued: a clause on a key the
 * caller did not describe is `unknown`, and so is one with a value known only at deploy time.
 */
import { globMatches } from './iam-patterns';
import { ConditionClause, isUnresolved } from './policy-statements';

export type Truth = true | false | 'unknown';

/**
 * Context of a request class: lower-case key → its values, or `null` when the key is absent from such requests.
 * Keys not listed are unknown.
 */
export type KnownContext = ReadonlyMap<string, readonly string[] | null>;

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/** Does one request value match one policy value under the (positive form of the) operator? */
function matchOne(base: string, policy: string, actual: string): boolean | 'unknown' {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'ArnEquals':
    case 'ArnNotEquals':
      return base.startsWith('Arn') ? globMatches(policy, actual) : policy === actual;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return policy.toLowerCase() === actual.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnLike':
    case 'ArnNotLike':
      return globMatches(policy, actual);
    case 'Bool':
      return policy.toLowerCase() === actual.toLowerCase();
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const p = Number(policy);
      const a = Number(actual);
      if (policy.trim() === '' || !Number.isFinite(p) || !Number.isFinite(a)) return 'unknown';
      if (base === 'NumericLessThan') return a < p;
      if (base === 'NumericLessThanEquals') return a <= p;
      if (base === 'NumericGreaterThan') return a > p;
      if (base === 'NumericGreaterThanEquals') return a >= p;
      return a === p;
    }
    default:
      // Date, IP address and binary operators are not modelled: they prove nothing either way.
      return 'unknown';
  }
}

/** Does `actual` match any of the clause's values (positive reading)? */
function matchesAny(c: ConditionClause, actual: string): Truth {
  let unknown = false;
  for (const v of c.values) {
    if (isUnresolved(v)) {
      unknown = true;
      continue;
    }
    const m = matchOne(c.base, v, actual);
    if (m === true) return true;
    if (m === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : false;
}

function not(t: Truth): Truth {
  return t === 'unknown' ? t : !t;
}

/** Evaluate one clause. */
export function evaluateClause(c: ConditionClause, ctx: KnownContext): Truth {
  if (!ctx.has(c.key)) return 'unknown';
  const actual = ctx.get(c.key) ?? null;
  if (c.base === 'Null') {
    // Null true: the key must be absent; Null false: present.
    const want = c.values.map((v) => (isUnresolved(v) ? undefined : v.toLowerCase() === 'true'));
    if (want.some((w) => w === undefined)) return 'unknown';
    return want.some((w) => w === (actual === null));
  }
  const negated = NEGATED.has(c.base);
  if (actual === null || actual.length === 0) {
    if (c.set === 'ForAllValues') return true;
    if (c.set === 'ForAnyValue') return false;
    return c.ifExists || negated;
  }
  const each = actual.map((a) => (negated ? not(matchesAny(c, a)) : matchesAny(c, a)));
  if (c.set === 'ForAllValues') return each.includes(false) ? false : each.includes('unknown') ? 'unknown' : true;
  if (c.set === 'ForAnyValue' || !negated)
    return each.includes(true) ? true : each.includes('unknown') ? 'unknown' : false;
  // A negated operator on a multi-valued key without a set prefix: true when no value matches.
  return each.includes(false) ? false : each.includes('unknown') ? 'unknown' : true;
}

/** All clauses of a statement (they are ANDed). */
export function evaluateConditions(clauses: readonly ConditionClause[], ctx: KnownContext): Truth {
  let unknown = false;
  for (const c of clauses) {
    const t = evaluateClause(c, ctx);
    if (t === false) return false;
    if (t === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : true;
}
