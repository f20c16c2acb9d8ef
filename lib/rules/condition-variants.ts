import { isIntrinsic } from '../policy/cfn-intrinsic';
import { DeclaredDestinationUse, Finding } from './types';

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
  /** Too many combinations to judge each: the engine fails closed. */
  | { readonly kind: 'too-many'; readonly conditions: number; readonly combinations: number };

/** The finding for a resource whose combinations are too many to judge, raised by the engine. */
export const CONDITIONS_RULE_ID = 'CaResidency-ConditionCombinations';
export const CONDITIONS_RULE_SUMMARY =
  "A resource's conditions (Fn::If) combine in too many ways to judge each deployment (it is not passed).";

/**
 * Up to this many distinct conditions in one resource, every combination is judged (2^6 = 64). Beyond it, one
 * combination per branch of each `Fn::If`, with the conditions on the way to it set to reach it (and all-true,
 * all-false): every value a deployment can hold is judged, though not with every other property's choice.
 */
export const MAX_COMBINED_CONDITIONS = 6;
/** At most this many combinations, and this many values copied over all of them; past either, fail closed. */
export const MAX_COMBINATIONS = 2 ** MAX_COMBINED_CONDITIONS;
export const MAX_COPIED_VALUES = 1_000_000;

/** The condition of an `Fn::If` that can be chosen: three arguments, a literal condition name. */
function ifCondition(value: Record<string, unknown>): string | undefined {
  if (!isIntrinsic(value)) return undefined;
  const args = value['Fn::If'];
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? args[0] : undefined;
}

function isNoValue(value: Record<string, unknown>): boolean {
  return isIntrinsic(value) && value.Ref === 'AWS::NoValue';
}

/** What a walk of the properties found: conditions in order, the way to each branch, and how many values. */
interface Scan {
  readonly found: Set<string>;
  /** For each branch of each `Fn::If`: the branches taken on the way to it, and its own. */
  readonly branches: (readonly (readonly [string, boolean])[])[];
  values: number;
}

function scan(
  value: unknown,
  declared: ReadonlySet<string>,
  out: Scan,
  along: readonly (readonly [string, boolean])[],
) {
  out.values++;
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) scan(v, declared, out, along);
    return;
  }
  const obj = value as Record<string, unknown>;
  const condition = ifCondition(obj);
  if (condition !== undefined && declared.has(condition)) {
    out.found.add(condition);
    const args = obj['Fn::If'] as unknown[];
    for (const [branch, taken] of [
      [args[1], true],
      [args[2], false],
    ] as const) {
      const way = [...along, [condition, taken] as const];
      out.branches.push(way);
      scan(branch, declared, out, way);
    }
    return;
  }
  for (const k in obj) scan(obj[k], declared, out, along);
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

/** Combinations judged: every one, or one per branch of each `Fn::If` (plus all-true and all-false). */
function combinations(open: readonly string[], out: Scan): Map<string, boolean>[] {
  if (open.length <= MAX_COMBINED_CONDITIONS) {
    return Array.from({ length: 2 ** open.length }, (_, bits) => {
      return new Map(open.map((name, i) => [name, (bits & (1 << i)) === 0]));
    });
  }
  const seen = new Map<string, Map<string, boolean>>();
  const add = (set: ReadonlyMap<string, boolean>, base: boolean) => {
    const assignment = new Map(open.map((name) => [name, set.get(name) ?? base]));
    seen.set([...assignment.values()].map((v) => (v ? '1' : '0')).join(''), assignment);
  };
  add(new Map(), true);
  add(new Map(), false);
  for (const way of out.branches) {
    const set = new Map<string, boolean>();
    let reachable = true;
    for (const [name, taken] of way) {
      // A branch of C inside the other branch of C is never deployed.
      if (set.get(name) === !taken) reachable = false;
      set.set(name, taken);
    }
    if (reachable) add(set, true);
    if (seen.size > MAX_COMBINATIONS) break;
  }
  return [...seen.values()];
}

/**
 * How to judge a resource's properties; undefined when they hold no `Fn::If` to choose. Only conditions the template
 * declares are chosen (CloudFormation refuses an `Fn::If` naming any other, and the rules judge both branches of one
 * they meet). `decide` answers for a condition already known at synth time (its other branch is never deployed, and
 * the resource's own `Condition` holds wherever it is deployed); the others are combined.
 */
export function conditionVariants(
  properties: unknown,
  declared: ReadonlySet<string>,
  decide: (condition: string) => boolean | undefined = () => undefined,
): ConditionJudgement | undefined {
  const out: Scan = { found: new Set(), branches: [], values: 0 };
  scan(properties, declared, out, []);
  if (out.found.size === 0) return undefined;
  const decided = new Map<string, boolean>();
  const open: string[] = [];
  for (const name of out.found) {
    const value = decide(name);
    if (value === undefined) open.push(name);
    else decided.set(name, value);
  }
  const judged = combinations(open, out);
  if (judged.length > MAX_COMBINATIONS || judged.length * out.values > MAX_COPIED_VALUES)
    return { kind: 'too-many', conditions: open.length, combinations: judged.length };
  const variants = judged.map((conditions) => {
    const shifted = new Map<string, number[]>();
    const chosen = choose(properties, new Map([...decided, ...conditions]), 'Properties', shifted);
    const plain = chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen);
    return {
      conditions,
      properties: plain ? (chosen as Record<string, unknown>) : {},
      templatePath: templatePathOf(shifted),
    };
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
