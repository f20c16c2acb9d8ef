/**
 * One model of IAM policy statements, free of CDK types, used by the rules, the report and `verify` alike.
 * A document is normalised once: Effect, Principal/NotPrincipal, Action/NotAction, Resource/NotResource and the
 * condition clauses become plain data. Values that are not literal (CloudFormation intrinsics the caller cannot
 * resolve) become `Unresolved`, and every question asked of the model treats them as "cannot be proven".
 */

import { isIntrinsic } from './cfn-intrinsic';

/** A value known only at deploy time, with the reason. */
export interface Unresolved {
  readonly unresolved: string;
}
export type Scalar = string | Unresolved;

/** Turns a non-string policy value (an intrinsic, a number...) into text, or says why it cannot. */
export type ValueResolver = (value: unknown) => Scalar;

export function isUnresolved(v: Scalar | undefined): v is Unresolved {
  return typeof v === 'object' && v !== null;
}

/** `Action`/`Resource` (not = false) or `NotAction`/`NotResource` (not = true). */
export interface PatternBlock {
  readonly not: boolean;
  readonly values: readonly Scalar[];
}

export type PrincipalKind = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | 'Unknown';

export interface PrincipalEntry {
  readonly kind: PrincipalKind;
  readonly value: Scalar;
}

/** `Principal` (not = false) or `NotPrincipal` (not = true). `'*'` is an entry of kind AWS with value `*`. */
export interface PrincipalBlock {
  readonly not: boolean;
  readonly entries: readonly PrincipalEntry[];
}

/** One condition clause: operator, context key, values. */
export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** Without set prefix and IfExists, e.g. `StringLike`. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly set?: 'ForAnyValue' | 'ForAllValues';
  /** Context key in lower case (keys are case-insensitive). */
  readonly key: string;
  readonly values: readonly Scalar[];
}

export interface PolicyStatement {
  /** Position in the document's `Statement` list. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny' | Unresolved;
  /** Absent for identity policies. */
  readonly principal?: PrincipalBlock;
  readonly action?: PatternBlock;
  readonly resource?: PatternBlock;
  readonly conditions: readonly ConditionClause[];
  /** What could not be read (malformed parts); a statement with problems proves nothing. */
  readonly problems: readonly string[];
}

const literalOnly: ValueResolver = (v) =>
  typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : { unresolved: `${JSON.stringify(v)} is not a literal value` };

function scalar(v: unknown, resolve: ValueResolver): Scalar {
  return typeof v === 'string' ? v : resolve(v);
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function patterns(
  raw: Record<string, unknown>,
  name: string,
  resolve: ValueResolver,
  problems: string[],
): PatternBlock | undefined {
  const pos = raw[name];
  const neg = raw[`Not${name}`];
  if (pos !== undefined && neg !== undefined) problems.push(`both ${name} and Not${name}`);
  if (pos === undefined && neg === undefined) return undefined;
  const value = pos !== undefined ? pos : neg;
  // An intrinsic in place of the whole list (Fn::If, Ref to a list parameter) is one unresolved value.
  const items = Array.isArray(value) ? value : [value];
  return { not: pos === undefined, values: items.map((v) => scalar(v, resolve)) };
}

const PRINCIPAL_KINDS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function principals(
  raw: Record<string, unknown>,
  resolve: ValueResolver,
  problems: string[],
): PrincipalBlock | undefined {
  const pos = raw.Principal;
  const neg = raw.NotPrincipal;
  if (pos !== undefined && neg !== undefined) problems.push('both Principal and NotPrincipal');
  if (pos === undefined && neg === undefined) return undefined;
  const value = pos !== undefined ? pos : neg;
  const entries: PrincipalEntry[] = [];
  if (typeof value === 'string') {
    entries.push({ kind: 'AWS', value: value === '*' ? '*' : value });
    if (value !== '*') problems.push(`Principal '${value}' is not '*' or a map`);
  } else if (value && typeof value === 'object' && !Array.isArray(value) && !isIntrinsic(value)) {
    for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
      const k = (PRINCIPAL_KINDS.has(kind) ? kind : 'Unknown') as PrincipalKind;
      for (const item of Array.isArray(v) ? v : [v]) entries.push({ kind: k, value: scalar(item, resolve) });
    }
  } else {
    entries.push({ kind: 'Unknown', value: scalar(value, resolve) });
  }
  return { not: pos === undefined, entries };
}

function conditions(raw: unknown, resolve: ValueResolver, problems: string[]): ConditionClause[] {
  if (raw === undefined) return [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || isIntrinsic(raw)) {
    problems.push('Condition is not a map of operators');
    return [];
  }
  const out: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw as Record<string, unknown>)) {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
    if (!m || !block || typeof block !== 'object' || Array.isArray(block) || isIntrinsic(block)) {
      problems.push(`condition operator ${operator} has no map of keys`);
      continue;
    }
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      const items = Array.isArray(values) ? values : [values];
      out.push({
        operator,
        base: m[2],
        ifExists: m[3] !== undefined,
        ...(m[1] ? { set: m[1] as 'ForAnyValue' | 'ForAllValues' } : {}),
        key: key.toLowerCase(),
        values: items.map((v) => scalar(v, resolve)),
      });
    }
  }
  return out;
}

/** Normalise one statement. */
export function normaliseStatement(raw: unknown, index: number, resolve: ValueResolver = literalOnly): PolicyStatement {
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      index,
      effect: { unresolved: 'statement is not an object' },
      conditions: [],
      problems: ['statement is not an object'],
    };
  }
  const s = raw as Record<string, unknown>;
  const e = scalar(s.Effect, resolve);
  const effect =
    e === 'Allow' || e === 'Deny' ? e : isUnresolved(e) ? e : { unresolved: `Effect ${JSON.stringify(s.Effect)}` };
  const sid = typeof s.Sid === 'string' ? s.Sid : undefined;
  const principal = principals(s, resolve, problems);
  const action = patterns(s, 'Action', resolve, problems);
  if (!action) problems.push('no Action or NotAction');
  const resource = patterns(s, 'Resource', resolve, problems);
  const cond = conditions(s.Condition, resolve, problems);
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    principal,
    action,
    resource,
    conditions: cond,
    problems,
  };
}

/** Normalise a policy document (`Statement` as a list or a single object). */
export function normalisePolicy(doc: unknown, resolve: ValueResolver = literalOnly): PolicyStatement[] {
  if (!doc || typeof doc !== 'object') return [];
  return list((doc as { Statement?: unknown }).Statement).map((s, i) => normaliseStatement(s, i, resolve));
}

/** Does the principal block match every caller, anonymous ones included (`*`, `{"AWS": "*"}`)? */
export function principalIsEveryone(p: PrincipalBlock | undefined): boolean {
  return p !== undefined && !p.not && p.entries.some((e) => e.kind === 'AWS' && e.value === '*');
}

/**
 * Does the principal block reach callers of any account? True for everyone, for ARNs with wildcards (which IAM
 * does not accept in a principal: treated as their widest reading), for NotPrincipal (everyone but a few) and
 * for principals that cannot be resolved.
 */
export function principalIsOpen(p: PrincipalBlock | undefined): boolean {
  if (p === undefined) return false;
  if (p.not || principalIsEveryone(p)) return true;
  return p.entries.some(
    (e) => e.kind === 'Unknown' || isUnresolved(e.value) || (e.kind === 'AWS' && /[*?]/.test(e.value)),
  );
}
