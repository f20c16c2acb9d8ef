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
  let decided = DECIDED.get(scope);
  if (decided === undefined) {
    decided = new Map();
    DECIDED.set(scope, decided);
  }
  if (decided.has(name)) return decided.get(name);
  const value = evaluate({ Condition: name }, scope, new Set());
  decided.set(name, value);
  return value;
}

/** The names of the conditions a template declares (its `Conditions` section, which may be anything). */
export function declaredConditions(scope: TemplateScope): ReadonlySet<string> {
  const conditions: unknown = scope.tut.template?.Conditions;
  return new Set(conditions !== null && typeof conditions === 'object' ? Object.keys(conditions) : []);
}

/** Decisions per template, made once: every resource of a template shares its conditions. */
const DECIDED = new WeakMap<TemplateScope, Map<string, boolean | undefined>>();

/** The value of a condition function (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`), if known now. */
function evaluate(value: unknown, scope: TemplateScope, visiting: Set<string>): boolean | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const arg = (value as Record<string, unknown>)[keys[0]];
  switch (keys[0]) {
    case 'Condition': {
      if (typeof arg !== 'string' || visiting.has(arg)) return undefined;
      // The template is untrusted: `Conditions` may be anything.
      const conditions: unknown = scope.tut.template?.Conditions;
      const definition =
        conditions !== null && typeof conditions === 'object'
          ? ownEntry(conditions as Record<string, unknown>, arg)
          : undefined;
      visiting.add(arg);
      const result = evaluate(definition, scope, visiting);
      visiting.delete(arg);
      return result;
    }
    case 'Fn::Equals':
      return Array.isArray(arg) && arg.length === 2 ? equals(arg[0], arg[1], scope) : undefined;
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) return undefined;
      const inner = evaluate(arg[0], scope, visiting);
      return inner === undefined ? undefined : !inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length === 0) return undefined;
      // A known false settles And, a known true settles Or, whatever the unknown operands turn out to be.
      const settles = keys[0] === 'Fn::Or';
      const operands = arg.map((a) => evaluate(a, scope, visiting));
      if (operands.includes(settles)) return settles;
      return operands.includes(undefined) ? undefined : !settles;
    }
    default:
      return undefined;
  }
}

/**
 * Values the resolver writes as if known though the deployment decides them: the stack's name and id (a template
 * checked on its own is named after its file), and an account the assembly does not name (kept symbolic).
 */
function dependsOnDeployment(value: unknown, scope: TemplateScope): boolean {
  const text = JSON.stringify(value) ?? '';
  return (
    text.includes('AWS::StackName') ||
    text.includes('AWS::StackId') ||
    (scope.account === undefined && text.includes('AWS::AccountId'))
  );
}

/** `Fn::Equals` of two values: decided when both are known, or when no value one can take is a value of the other. */
function equals(a: unknown, b: unknown, scope: TemplateScope): boolean | undefined {
  if (dependsOnDeployment(a, scope) || dependsOnDeployment(b, scope)) return undefined;
  const left = possibleValues(resolveString(a, scope));
  const right = possibleValues(resolveString(b, scope));
  if (left === undefined || right === undefined) return undefined;
  if (left.length === 1 && right.length === 1) return left[0] === right[0];
  return left.some((v) => right.includes(v)) ? undefined : false;
}
