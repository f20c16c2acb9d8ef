import { ownEntry } from '../policy/own-entry';
import { possibleValues, resolveString } from './resolve';
import { TemplateScope } from './types';

/**
 * Is a condition of the template already decided at synth time? CloudFormation evaluates `Conditions` from parameters
 * and pseudo parameters when it deploys; a condition built only from values known now — the stack's region, a
 * literal, a parameter whose `AllowedValues` settle the comparison — has one value in every deployment, and the branch
 * it never takes is never deployed (the common `IsUsEast1` of a template written for many regions, deployed in
 * ca-central-1). Undefined when the value depends on what is chosen at deploy time, or cannot be read.
 */
export function decideCondition(name: string, scope: TemplateScope): boolean | undefined {
  return decide(name, scope, 0);
}

/** The names of the conditions a template declares (its `Conditions` section, which may be anything). */
export function declaredConditions(scope: TemplateScope): ReadonlySet<string> {
  let names = DECLARED.get(scope);
  if (names === undefined) {
    const conditions: unknown = scope.tut.template?.Conditions;
    names = new Set(conditions !== null && typeof conditions === 'object' ? Object.keys(conditions) : []);
    DECLARED.set(scope, names);
  }
  return names;
}

const DECLARED = new WeakMap<TemplateScope, ReadonlySet<string>>();

/**
 * Is a resource with this `Condition` attribute deployed? True without one; the decision for a condition the template
 * declares; undefined when that is left to deploy time, or the condition is not declared (CloudFormation refuses it).
 */
export function isDeployed(condition: unknown, scope: TemplateScope): boolean | undefined {
  if (condition === undefined) return true;
  return typeof condition === 'string' && declaredConditions(scope).has(condition)
    ? decideCondition(condition, scope)
    : undefined;
}

/**
 * Deeper than this — condition functions inside one another and references to other conditions, counted together —
 * a condition is left to deploy time (real templates nest a few levels; a hostile one must not exhaust the stack).
 */
const MAX_DEPTH = 128;

/** Why a condition is being decided now: it refers to itself, through others. */
const IN_PROGRESS = Symbol('in progress');

/** Decisions per template, each made once (a condition referred to by many is not evaluated again). */
const DECIDED = new WeakMap<TemplateScope, Map<string, boolean | undefined | typeof IN_PROGRESS>>();

function decide(name: string, scope: TemplateScope, depth: number): boolean | undefined {
  let decided = DECIDED.get(scope);
  if (decided === undefined) DECIDED.set(scope, (decided = new Map()));
  const known = decided.get(name);
  if (known === IN_PROGRESS) return undefined;
  if (decided.has(name)) return known;
  if (depth > MAX_DEPTH) return undefined;
  // The template is untrusted: `Conditions` may be anything.
  const conditions: unknown = scope.tut.template?.Conditions;
  const definition =
    conditions !== null && typeof conditions === 'object'
      ? ownEntry(conditions as Record<string, unknown>, name)
      : undefined;
  decided.set(name, IN_PROGRESS);
  const value = evaluate(definition, scope, depth);
  decided.set(name, value);
  return value;
}

/** The value of a condition function (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`), if known now. */
function evaluate(value: unknown, scope: TemplateScope, depth: number): boolean | undefined {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const arg = (value as Record<string, unknown>)[keys[0]];
  switch (keys[0]) {
    case 'Condition':
      return typeof arg === 'string' ? decide(arg, scope, depth + 1) : undefined;
    case 'Fn::Equals':
      return Array.isArray(arg) && arg.length === 2 ? equals(arg[0], arg[1], scope) : undefined;
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) return undefined;
      const inner = evaluate(arg[0], scope, depth + 1);
      return inner === undefined ? undefined : !inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length === 0) return undefined;
      // A known false settles And, a known true settles Or, whatever the unknown operands turn out to be.
      const settles = keys[0] === 'Fn::Or';
      let unknown = false;
      for (const operand of arg) {
        const v = evaluate(operand, scope, depth + 1);
        if (v === settles) return settles;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : !settles;
    }
    default:
      return undefined;
  }
}

/** Pseudo parameters whose value is known at synth time, when it is: the stack's region and what follows from it. */
function knownPseudoParameter(name: string, scope: TemplateScope): boolean {
  switch (name) {
    case 'AWS::Region':
      return scope.region !== undefined;
    case 'AWS::Partition':
    case 'AWS::URLSuffix':
      // The resolver reads them as the commercial partition's; true of a known region outside China, GovCloud and ISO.
      return scope.region !== undefined && !/^(cn-|us-gov-|us-iso|eu-iso)/.test(scope.region);
    case 'AWS::AccountId':
      return scope.account !== undefined;
    default:
      // The stack's name and id, notification ARNs, NoValue: chosen at deployment or not a value.
      return false;
  }
}

/**
 * Can the resolver's reading of an operand be trusted as its deployed value? Literals, parameters (their
 * `AllowedValues` narrow them; otherwise they stay unknown), pseudo parameters known at synth, and `Fn::FindInMap`,
 * `Fn::Join`, `Fn::Select` and `Fn::Sub` over those. Anything else (`Fn::Base64`, references to resources, values the
 * resolver writes symbolically) leaves the comparison to deploy time.
 */
function readable(value: unknown, scope: TemplateScope, depth = 0): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return true;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => readable(v, scope, depth + 1));
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const arg = (value as Record<string, unknown>)[keys[0]];
  switch (keys[0]) {
    case 'Ref':
      return typeof arg === 'string' && isReadableName(arg, scope);
    case 'Fn::FindInMap':
    case 'Fn::Join':
    case 'Fn::Select':
      return Array.isArray(arg) && readable(arg, scope, depth + 1);
    case 'Fn::Sub': {
      const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
      if (typeof text !== 'string' || variables === null || typeof variables !== 'object') return false;
      const bound = variables as Record<string, unknown>;
      if (!Object.values(bound).every((v) => readable(v, scope, depth + 1))) return false;
      // Every `${Name}` (not `${!literal}`) names a variable of the map, a parameter or a known pseudo parameter.
      for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g))
        if (ownEntry(bound, m[1]) === undefined && !isReadableName(m[1], scope)) return false;
      return true;
    }
    default:
      return false;
  }
}

function isReadableName(name: string, scope: TemplateScope): boolean {
  if (name.startsWith('AWS::')) return knownPseudoParameter(name, scope);
  return Object.prototype.hasOwnProperty.call(scope.parameters, name);
}

/** `Fn::Equals` of two values: decided when both are known, or when no value one can take is a value of the other. */
function equals(a: unknown, b: unknown, scope: TemplateScope): boolean | undefined {
  if (!readable(a, scope) || !readable(b, scope)) return undefined;
  const left = possibleValues(resolveString(a, scope));
  const right = possibleValues(resolveString(b, scope));
  if (left === undefined || right === undefined) return undefined;
  if (left.length === 1 && right.length === 1) return left[0] === right[0];
  return left.some((v) => right.includes(v)) ? undefined : false;
}
