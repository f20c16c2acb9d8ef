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
 * and its properties.
 */
export interface ConditionVariant {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly properties: Record<string, unknown>;
}

/**
 * Up to this many distinct conditions in one resource, every combination is judged (2^6 = 64). Beyond it (no real
 * template seen comes close), the combinations judged are all-true, all-false and each condition flipped from each of
 * those, so every branch of every condition is judged at least once.
 */
export const MAX_COMBINED_CONDITIONS = 6;

/** The condition of an `Fn::If` that can be chosen: three arguments, a literal condition name. */
function ifCondition(value: Record<string, unknown>): string | undefined {
  if (!isIntrinsic(value)) return undefined;
  const args = value['Fn::If'];
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? args[0] : undefined;
}

function isNoValue(value: Record<string, unknown>): boolean {
  return isIntrinsic(value) && value.Ref === 'AWS::NoValue';
}

/** Declared condition names of every `Fn::If` in a value, in the order first met. */
function conditionsIn(value: unknown, declared: ReadonlySet<string>, found: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) conditionsIn(v, declared, found);
    return;
  }
  const obj = value as Record<string, unknown>;
  const condition = ifCondition(obj);
  if (condition !== undefined && declared.has(condition)) found.add(condition);
  for (const k in obj) conditionsIn(obj[k], declared, found);
}

const REMOVED = Symbol('removed by AWS::NoValue');

/** `value` with every chosen `Fn::If` replaced by its branch; REMOVED when `AWS::NoValue` removes it. */
function choose(value: unknown, conditions: ReadonlyMap<string, boolean>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const chosen = choose(v, conditions);
      if (chosen !== REMOVED) out.push(chosen);
    }
    return out;
  }
  const obj = value as Record<string, unknown>;
  const condition = ifCondition(obj);
  if (condition !== undefined && conditions.has(condition)) {
    const args = obj['Fn::If'] as unknown[];
    return choose(conditions.get(condition) ? args[1] : args[2], conditions);
  }
  if (isNoValue(obj)) return REMOVED;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    const chosen = choose(obj[k], conditions);
    // defineProperty: a key named `__proto__` stays a key, as JSON.parse made it.
    if (chosen !== REMOVED)
      Object.defineProperty(out, k, { value: chosen, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The assignments judged for `names`: every combination, or (beyond the bound) uniform ones and single flips. */
function assignments(names: readonly string[]): Map<string, boolean>[] {
  if (names.length <= MAX_COMBINED_CONDITIONS) {
    return Array.from({ length: 2 ** names.length }, (_, bits) => {
      return new Map(names.map((name, i) => [name, (bits & (1 << i)) === 0]));
    });
  }
  const out: Map<string, boolean>[] = [];
  for (const base of [true, false]) {
    out.push(new Map(names.map((n) => [n, base])));
    for (const flipped of names) out.push(new Map(names.map((n) => [n, n === flipped ? !base : base])));
  }
  return out;
}

/**
 * The ways a resource's properties can be deployed; undefined when they hold no `Fn::If` to choose. Only conditions
 * the template declares are chosen (CloudFormation refuses an `Fn::If` naming any other, and the rules judge both
 * branches of one they meet). `decide` answers for a condition already decided at synth time (its other branch is
 * never deployed); the others are combined.
 */
export function conditionVariants(
  properties: unknown,
  declared: ReadonlySet<string>,
  decide: (condition: string) => boolean | undefined = () => undefined,
): ConditionVariant[] | undefined {
  const found = new Set<string>();
  conditionsIn(properties, declared, found);
  if (found.size === 0) return undefined;
  const decided = new Map<string, boolean>();
  const open: string[] = [];
  for (const name of found) {
    const value = decide(name);
    if (value === undefined) open.push(name);
    else decided.set(name, value);
  }
  return assignments(open).map((conditions) => {
    const chosen = choose(properties, new Map([...decided, ...conditions]));
    const plain = chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen);
    return { conditions, properties: plain ? (chosen as Record<string, unknown>) : {} };
  });
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
    for (const f of findings) {
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
