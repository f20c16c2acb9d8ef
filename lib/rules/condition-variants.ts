import { isIntrinsic, isNoValue } from '../policy/cfn-intrinsic';
import { DeclaredDestinationUse, Finding, ResourceRule } from './types';

/**
 * A resource whose properties hold `Fn::If` is deployed with one branch of each condition, chosen at deploy time.
 * Every combination that can be deployed must pass, so the engine judges the resource once per combination of its
 * conditions, on the properties as CloudFormation would send them: each `Fn::If` replaced by its branch, and what
 * `AWS::NoValue` removes removed. The rules then read plain values wherever a branch hid them (a replication
 * configuration, a list of subscriptions, environment variables) instead of each rule having to see through
 * `Fn::If` at every step of every path it reads.
 */

/**
 * One way the resource can be deployed: the branch taken for each condition left to deploy time (true: the first),
 * its properties, and how a path in them reads in the template (elements `AWS::NoValue` removed shift the indices
 * of those after them).
 */
export interface ConditionVariant {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly properties: Record<string, unknown>;
  readonly templatePath: (deployedPath: string) => string;
}

/** What the engine judges for a resource whose properties hold `Fn::If`. */
export type ConditionJudgement =
  | { readonly kind: 'variants'; readonly variants: readonly ConditionVariant[] }
  /** Too many combinations, or values to copy, to judge each (counted as far as the walk went): fail closed. */
  | { readonly kind: 'too-many'; readonly conditions: number; readonly combinations: number };

/** The finding for a resource whose combinations are too many to judge, raised by the engine. */
export const CONDITIONS_RULE = {
  id: 'CaResidency-ConditionCombinations',
  category: 'unclassified',
  severity: 'error',
  summary: "A resource's conditions (Fn::If) combine in too many ways to judge each deployment (it is not passed).",
} as const satisfies Pick<ResourceRule, 'id' | 'category' | 'severity' | 'summary'>;

/** What the finding says of a resource the engine would not judge combination by combination. */
export function tooManyMessage(
  type: string,
  logicalId: string,
  judgement: { conditions: number; combinations: number },
) {
  const why =
    judgement.conditions > MAX_COMBINED_CONDITIONS
      ? `more than ${MAX_COMBINED_CONDITIONS} conditions left to deploy time in its Fn::If, too many combinations to judge each`
      : `${judgement.combinations} combinations of its conditions over properties too large to copy for each`;
  return `${type} ${logicalId} has ${why}, so some of its deployments cannot be checked. Split it, or settle conditions with parameters whose AllowedValues decide them.`;
}

/**
 * Up to this many conditions left to deploy time in one resource, every combination is judged (2^6 = 64); more is
 * `CaResidency-ConditionCombinations`. So is copying more than this many values over all the combinations.
 */
export const MAX_COMBINED_CONDITIONS = 6;
export const MAX_COPIED_VALUES = 1_000_000;

/** The condition of an `Fn::If` that can be chosen: three arguments, a literal condition name. */
function ifCondition(value: Record<string, unknown>): string | undefined {
  if (!isIntrinsic(value)) return undefined;
  const args = value['Fn::If'];
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? args[0] : undefined;
}

/** What a walk of the properties found: the conditions left open, the values (both branches of an open one). */
interface Scan {
  readonly open: Set<string>;
  readonly decided: Map<string, boolean>;
  values: number;
}

/**
 * Find the declared conditions of every `Fn::If` a deployment can reach: of a condition decided at synth time, only
 * the branch it takes (the other is never deployed). False when the walk stopped early: too many open conditions or
 * values to judge every combination.
 */
function scan(
  value: unknown,
  declared: ReadonlySet<string>,
  decide: (condition: string) => boolean | undefined,
  out: Scan,
): boolean {
  if (++out.values > MAX_COPIED_VALUES) return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!scan(v, declared, decide, out)) return false;
    return true;
  }
  const obj = value as Record<string, unknown>;
  const condition = ifCondition(obj);
  if (condition !== undefined && declared.has(condition)) {
    const args = obj['Fn::If'] as unknown[];
    let taken = out.decided.get(condition);
    if (taken === undefined && !out.open.has(condition)) {
      taken = decide(condition);
      if (taken !== undefined) out.decided.set(condition, taken);
      else if (out.open.add(condition).size > MAX_COMBINED_CONDITIONS) return false;
    }
    if (taken !== undefined) return scan(taken ? args[1] : args[2], declared, decide, out);
    return scan(args[1], declared, decide, out) && scan(args[2], declared, decide, out);
  }
  for (const k of Object.keys(obj)) if (!scan(obj[k], declared, decide, out)) return false;
  return true;
}

const REMOVED = Symbol('removed by AWS::NoValue');

/**
 * `value` with every chosen `Fn::If` replaced by its branch; REMOVED when `AWS::NoValue` removes it. For each list
 * that lost elements, `shifted` records (by its path as deployed) the template index of each element kept.
 */
function choose(
  value: unknown,
  conditions: ReadonlyMap<string, boolean>,
  path: string,
  shifted: Map<string, number[]>,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    const kept: number[] = [];
    value.forEach((v, i) => {
      const chosen = choose(v, conditions, `${path}[${out.length}]`, shifted);
      if (chosen === REMOVED) return;
      out.push(chosen);
      kept.push(i);
    });
    if (kept.length < value.length) shifted.set(path, kept);
    return out;
  }
  const obj = value as Record<string, unknown>;
  const condition = ifCondition(obj);
  if (condition !== undefined && conditions.has(condition)) {
    const args = obj['Fn::If'] as unknown[];
    return choose(conditions.get(condition) ? args[1] : args[2], conditions, path, shifted);
  }
  if (isNoValue(obj)) return REMOVED;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    const chosen = choose(obj[k], conditions, `${path}.${k}`, shifted);
    // defineProperty: a key named `__proto__` stays a key, as JSON.parse made it.
    if (chosen !== REMOVED)
      Object.defineProperty(out, k, { value: chosen, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The path of the template's element for a path in the deployed properties (`X[1]` is `X[2]` if `X[1]` was removed). */
function templatePathOf(shifted: ReadonlyMap<string, number[]>): (deployedPath: string) => string {
  if (shifted.size === 0) return (p) => p;
  return (deployedPath) =>
    deployedPath.replace(/\[(\d+)\]/g, (whole, index: string, offset: number) => {
      const kept = shifted.get(deployedPath.slice(0, offset));
      const original = kept?.[Number(index)];
      return original === undefined ? whole : `[${original}]`;
    });
}

/**
 * How to judge a resource's properties; undefined when they hold no `Fn::If` to choose. Only conditions the template
 * declares are chosen (CloudFormation refuses an `Fn::If` naming any other, and the rules judge both branches of one
 * they meet). `decide` answers for a condition already known at synth time (its other branch is never deployed, and
 * the resource's own `Condition` holds wherever it is deployed); the others are combined, every combination.
 */
export function conditionVariants(
  properties: unknown,
  declared: ReadonlySet<string>,
  decide: (condition: string) => boolean | undefined = () => undefined,
): ConditionJudgement | undefined {
  const out: Scan = { open: new Set(), decided: new Map(), values: 0 };
  const complete = scan(properties, declared, decide, out);
  const open = [...out.open];
  const combinations = 2 ** open.length;
  if (!complete || combinations * out.values > MAX_COPIED_VALUES)
    return { kind: 'too-many', conditions: open.length, combinations };
  if (open.length === 0 && out.decided.size === 0) return undefined;
  const variants = Array.from({ length: combinations }, (_, bits) => {
    const conditions = new Map(open.map((name, i) => [name, (bits & (1 << i)) === 0]));
    const shifted = new Map<string, number[]>();
    const chosen = choose(properties, new Map([...out.decided, ...conditions]), 'Properties', shifted);
    const plain = chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen);
    return {
      conditions,
      properties: plain ? (chosen as Record<string, unknown>) : {},
      templatePath: templatePathOf(shifted),
    } satisfies ConditionVariant;
  });
  return { kind: 'variants', variants };
}

/** How a reviewer reads an assignment: `IsProd true, UseKms false`. */
export function describeConditions(conditions: ReadonlyMap<string, boolean>): string {
  return [...conditions].map(([name, value]) => `${name} ${value}`).join(', ');
}

/**
 * One finding per problem across the variants of a resource: a finding of every variant is reported as it is; one
 * that only some combinations deploy names the first of them, so the reviewer knows which branch to fix.
 */
export function mergeVariantFindings(variants: readonly ConditionVariant[], found: readonly Finding[][]): Finding[] {
  const merged = new Map<string, { finding: Finding; variants: number[] }>();
  found.forEach((findings, v) => {
    for (const deployed of findings) {
      // Where the problem is in the template: the same element whatever the other elements' conditions. Messages
      // name the path too.
      const path = variants[v].templatePath(deployed.path);
      const f =
        path === deployed.path
          ? deployed
          : { ...deployed, path, message: deployed.message.split(deployed.path).join(path) };
      const key = `${f.ruleId}\0${f.path}\0${f.message}`;
      const entry = merged.get(key);
      if (entry === undefined) merged.set(key, { finding: f, variants: [v] });
      else if (entry.variants[entry.variants.length - 1] !== v) entry.variants.push(v);
    }
  });
  return [...merged.values()].map(({ finding, variants: where }) =>
    where.length === variants.length
      ? finding
      : { ...finding, message: `${finding.message} (${describeWhere(variants, where)})` },
  );
}

/**
 * Which deployments have a finding, in the fewest words: the conditions that hold in all of them when exactly those
 * deployments share them (`when condition IsKmsExist is false`), else the first and how many others.
 */
function describeWhere(variants: readonly ConditionVariant[], where: readonly number[]): string {
  const first = variants[where[0]].conditions;
  const shared = [...first].filter(([name, value]) => where.every((v) => variants[v].conditions.get(name) === value));
  const sharing = variants.filter((v) => shared.every(([name, value]) => v.conditions.get(name) === value)).length;
  if (shared.length > 0 && sharing === where.length) {
    const terms = shared.map(([name, value]) => `${name} is ${value}`).join(' and ');
    return `when condition${shared.length > 1 ? 's' : ''} ${terms}`;
  }
  const others = where.length - 1;
  return `when conditions ${describeConditions(first)}${others > 0 ? `, and ${others} other combination(s) of them` : ''}`;
}

/** Declared destinations used by any variant, each once. */
export function mergeVariantDeclarations(found: readonly DeclaredDestinationUse[][]): DeclaredDestinationUse[] {
  const seen = new Map<string, DeclaredDestinationUse>();
  for (const uses of found) for (const u of uses) seen.set(JSON.stringify(u), u);
  return [...seen.values()];
}
