/**
 * Resolution of CloudFormation intrinsic functions to strings, as far as synth time allows.
 * A resolved value is a list of segments: literal text and "holes". A hole is either an attribute of a
 * resource whose region is known (a `Ref`/`Fn::GetAtt` of a resource deployed in some stack), or a value that
 * cannot be known before deployment (parameter, unmatched import, `Fn::If` whose branches differ...). Rules
 * fail closed on unresolved holes in the places where they matter.
 */
import { TemplateScope } from './types';
import { ownEntry } from '../policy/own-entry';

export interface AttrHole {
  readonly kind: 'attr';
  /** Region of the resource the value comes from; undefined when that stack's region is unknown. */
  readonly region?: string;
  /** Logical id of the resource (when the value comes from one). */
  readonly logicalId?: string;
  /** Stack the resource belongs to. */
  readonly stackName: string;
  /** What the value is, for messages: `Fn::GetAtt Vault.BackupVaultArn`. */
  readonly describe: string;
}

export interface UnresolvedHole {
  readonly kind: 'unresolved';
  /** Why the value is not known at synth time, e.g. `parameter 'TargetRegion'`. */
  readonly reason: string;
  /** For a parameter with `AllowedValues`: every value it can take at deploy time. */
  readonly allowedValues?: readonly string[];
  /** For a `Number` parameter: its `MinValue`/`MaxValue` bounds. */
  readonly bounds?: { readonly min?: number; readonly max?: number };
}

export type Hole = AttrHole | UnresolvedHole;
export type Segment = string | Hole;
/** A resolved string: literal text and holes. */
export type Resolved = readonly Segment[];

const MAX_DEPTH = 12;

/** Resolve `value` in `scope`; undefined for `AWS::NoValue` and for values that are not strings (objects, lists). */
export function resolveString(value: unknown, scope: TemplateScope, depth = 0): Resolved | undefined {
  if (typeof value === 'string') return value.includes('{{resolve:') ? splitDynamicReferences(value) : [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const fn = keys[0];
  const arg = (value as Record<string, unknown>)[fn];
  if (depth > MAX_DEPTH) return [unresolved(`${fn} nested too deeply`)];
  switch (fn) {
    case 'Ref':
      return resolveRef(String(arg), scope);
    case 'Fn::GetAtt':
      return resolveGetAtt(arg, scope);
    case 'Fn::Join':
      return resolveJoin(arg, scope, depth);
    case 'Fn::Sub':
      return resolveSub(arg, scope, depth);
    case 'Fn::Select':
      return resolveSelect(arg, scope, depth);
    case 'Fn::If':
      return resolveIf(arg, scope, depth);
    case 'Fn::ImportValue':
      return resolveImport(arg, scope, depth);
    case 'Fn::FindInMap':
      return resolveFindInMap(arg, scope, depth);
    case 'Fn::GetStackOutput':
      return resolveGetStackOutput(arg, scope, depth);
    case 'Fn::Base64':
      return resolveString(arg, scope, depth + 1);
    default:
      if (fn.startsWith('Fn::')) return [unresolved(`${fn} cannot be evaluated at synth time`)];
      return undefined;
  }
}

export function unresolved(reason: string): UnresolvedHole {
  return { kind: 'unresolved', reason };
}

/** Literal text when the value has no holes. */
export function literalOf(r: Resolved | undefined): string | undefined {
  if (!r) return undefined;
  let out = '';
  for (const s of r) {
    if (typeof s !== 'string') return undefined;
    out += s;
  }
  return out;
}

/** The resource a value is a lone `Ref`/`Fn::GetAtt` of (not inside other text), as its attribute hole. */
export function loneResource(r: Resolved | undefined): (AttrHole & { readonly logicalId: string }) | undefined {
  const only = r && r.length === 1 ? r[0] : undefined;
  return only !== undefined && typeof only !== 'string' && only.kind === 'attr' && only.logicalId
    ? (only as AttrHole & { readonly logicalId: string })
    : undefined;
}

/** Human-readable rendering: holes shown as `<...>`. */
export function render(r: Resolved): string {
  return r
    .map((s) => (typeof s === 'string' ? s : s.kind === 'attr' ? `<${s.describe}>` : `<unresolved: ${s.reason}>`))
    .join('');
}

/** The unresolved holes of a value. */
export function unresolvedHoles(r: Resolved): UnresolvedHole[] {
  return r.filter((s): s is UnresolvedHole => typeof s !== 'string' && s.kind === 'unresolved');
}

/** Text with each hole replaced by `\u0000<index>\u0000`, for regex scanning; holes by index. */
export function markText(r: Resolved): { text: string; holes: Hole[] } {
  const holes: Hole[] = [];
  let text = '';
  for (const s of r) {
    if (typeof s === 'string') text += s;
    else {
      text += `\u0000${holes.length}\u0000`;
      holes.push(s);
    }
  }
  return { text, holes };
}

const MARK = /\u0000(\d+)\u0000/g;

/** Holes referenced in a piece of marked text. */
export function holesIn(text: string, holes: readonly Hole[]): Hole[] {
  const out: Hole[] = [];
  for (const m of text.matchAll(MARK)) out.push(holes[Number(m[1])]);
  return out;
}

/** Render a piece of marked text for messages. */
export function renderMarked(text: string, holes: readonly Hole[]): string {
  return text.replace(MARK, (_m, i: string) => render([holes[Number(i)]]));
}

function resolveRef(name: string, scope: TemplateScope): Resolved {
  switch (name) {
    case 'AWS::Region':
      return scope.region
        ? [scope.region]
        : [{ kind: 'attr', stackName: scope.stackName, describe: 'AWS::Region (stack region unknown)' }];
    case 'AWS::Partition':
      return ['aws'];
    case 'AWS::URLSuffix':
      return ['amazonaws.com'];
    // An unknown account stays symbolic so that names built from it still compare equal across the app's stacks.
    case 'AWS::AccountId':
      return [scope.account ?? '${AWS::AccountId}'];
    case 'AWS::StackName':
      return [scope.stackName];
    case 'AWS::StackId':
    case 'AWS::NotificationARNs':
      return [{ kind: 'attr', region: scope.region, stackName: scope.stackName, describe: name }];
    case 'AWS::NoValue':
      return [];
    default:
      break;
  }
  if (Object.prototype.hasOwnProperty.call(scope.parameters, name))
    return resolveParameter(name, scope.parameters[name]);
  if (Object.prototype.hasOwnProperty.call(scope.resources, name)) {
    return [
      { kind: 'attr', region: scope.region, logicalId: name, stackName: scope.stackName, describe: `Ref ${name}` },
    ];
  }
  return [unresolved(`Ref '${name}' names nothing in stack ${scope.stackName}`)];
}

function resolveGetAtt(arg: unknown, scope: TemplateScope): Resolved {
  let id: unknown;
  let attr: unknown;
  if (typeof arg === 'string') [id, attr] = [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)];
  else if (Array.isArray(arg)) [id, attr] = arg;
  if (typeof id === 'string' && Object.prototype.hasOwnProperty.call(scope.resources, id)) {
    const a = typeof attr === 'string' ? attr : '?';
    return [
      {
        kind: 'attr',
        region: scope.region,
        logicalId: id,
        stackName: scope.stackName,
        describe: `Fn::GetAtt ${id}.${a}`,
      },
    ];
  }
  return [unresolved(`Fn::GetAtt ${JSON.stringify(arg)} names no resource of stack ${scope.stackName}`)];
}

function resolveJoin(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
    return [unresolved('Fn::Join over a list that is not literal')];
  }
  const delim = arg[0];
  const out: Segment[] = [];
  arg[1].forEach((item: unknown, i: number) => {
    if (i > 0 && delim) out.push(delim);
    const r = resolveString(item, scope, depth + 1);
    if (r) out.push(...r);
    else out.push(unresolved('Fn::Join element that is not a string'));
  });
  return withDynamicReferences(out);
}

/**
 * Dynamic references (`{{resolve:...}}`) assembled by `Fn::Join` or `Fn::Sub` from pieces (`{{resolve:ssm:/cfg/` +
 * region + `/key}}`) are read at deploy time like written ones: the joined text is split again; a reference around a
 * value not known now cannot be read at all.
 */
function withDynamicReferences(segments: Segment[]): Segment[] {
  if (!segments.some((s) => typeof s === 'string' && s.includes('{{resolve:'))) return segments;
  const merged: Segment[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (typeof s === 'string' && typeof last === 'string') merged[merged.length - 1] = last + s;
    else merged.push(s);
  }
  const out = merged.flatMap((s) => (typeof s === 'string' ? splitDynamicReferences(s) : [s]));
  if (out.some((s) => typeof s === 'string' && s.includes('{{resolve:')))
    return [unresolved('a dynamic reference built around a value only known at deploy time')];
  return out.filter((s) => s !== '');
}

const SUB_VAR = /\$\{([^}]*)\}/g;

function resolveSub(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  let text: unknown = arg;
  let vars: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    text = arg[0];
    vars = (arg[1] as Record<string, unknown>) ?? {};
  }
  if (typeof text !== 'string') return [unresolved('Fn::Sub with a non-literal template')];
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(SUB_VAR)) {
    out.push(text.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const name = m[1];
    if (name.startsWith('!')) {
      out.push(`\${${name.slice(1)}}`);
      continue;
    }
    let r: Resolved | undefined;
    if (Object.prototype.hasOwnProperty.call(vars, name)) r = resolveString(vars[name], scope, depth + 1);
    else if (name.includes('.')) r = resolveGetAtt(name, scope);
    else r = resolveRef(name, scope);
    out.push(...(r ?? [unresolved(`Fn::Sub variable '${name}' is not a string`)]));
  }
  out.push(text.slice(last));
  return withDynamicReferences(out).filter((s) => s !== '');
}

function resolveSelect(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  if (!Array.isArray(arg) || arg.length !== 2) return [unresolved('malformed Fn::Select')];
  const idx = Number(literalOf(resolveString(arg[0], scope, depth + 1)));
  if (Array.isArray(arg[1]) && Number.isInteger(idx) && idx >= 0 && idx < arg[1].length) {
    return resolveString(arg[1][idx], scope, depth + 1) ?? [unresolved('Fn::Select of a value that is not a string')];
  }
  if (arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1]) && 'Fn::Split' in (arg[1] as object)) {
    const split = (arg[1] as Record<string, unknown>)['Fn::Split'];
    if (Array.isArray(split) && typeof split[0] === 'string') {
      const whole = literalOf(resolveString(split[1], scope, depth + 1));
      if (whole !== undefined && Number.isInteger(idx)) {
        const parts = whole.split(split[0]);
        if (idx >= 0 && idx < parts.length) return [parts[idx]];
      }
    }
  }
  return [unresolved('Fn::Select over a list only known at deploy time')];
}

function sameResolved(a: Resolved | undefined, b: Resolved | undefined): boolean {
  if (!a || !b) return a === b;
  return render(a) === render(b) && unresolvedHoles(a).length === 0 && unresolvedHoles(b).length === 0;
}

function resolveIf(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  if (!Array.isArray(arg) || arg.length !== 3) return [unresolved('malformed Fn::If')];
  const a = resolveString(arg[1], scope, depth + 1);
  const b = resolveString(arg[2], scope, depth + 1);
  if (sameResolved(a, b)) return a ?? [];
  const show = (r: Resolved | undefined) => (r ? render(r) : 'AWS::NoValue');
  return [unresolved(`Fn::If on condition '${String(arg[0])}' chooses between '${show(a)}' and '${show(b)}'`)];
}

function resolveImport(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  const name = literalOf(resolveString(arg, scope, depth + 1));
  if (name === undefined) return [unresolved('Fn::ImportValue of a name only known at deploy time')];
  const exp = scope.app.exports.get(name);
  if (!exp) return [unresolved(`Fn::ImportValue '${name}' is exported by no stack of this app`)];
  // Exports are regional: the value is resolved in the exporting stack.
  return resolveString(exp.value, exp.scope, depth + 1) ?? [unresolved(`export '${name}' is not a string`)];
}

function resolveGetStackOutput(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  const a = (arg ?? {}) as Record<string, unknown>;
  const stackName = literalOf(resolveString(a.StackName, scope, depth + 1));
  const outputName = literalOf(resolveString(a.OutputName, scope, depth + 1));
  const target = scope.app.scopes.find((s) => s.stackName === stackName);
  const outputs = target?.tut.template.Outputs;
  const output = outputs && outputName ? ownEntry(outputs, outputName) : undefined;
  if (target && output)
    return resolveString(output.Value, target, depth + 1) ?? [unresolved(`output ${outputName} is not a string`)];
  return [
    unresolved(`Fn::GetStackOutput ${stackName ?? '?'}.${outputName ?? '?'} is not an output of a stack of this app`),
  ];
}

function resolveFindInMap(arg: unknown, scope: TemplateScope, depth: number): Resolved {
  if (!Array.isArray(arg) || arg.length < 3) return [unresolved('malformed Fn::FindInMap')];
  const [m, k1, k2] = arg.slice(0, 3).map((x) => literalOf(resolveString(x, scope, depth + 1)));
  if (m === undefined || k1 === undefined || k2 === undefined)
    return [unresolved('Fn::FindInMap with keys only known at deploy time')];
  // Own entries only: a map or key named `__proto__` or `constructor` must not be read from a prototype.
  const level = (o: unknown, k: string): unknown =>
    o !== null && typeof o === 'object' ? ownEntry(o as Record<string, unknown>, k) : undefined;
  const v = level(level(level(scope.mappings, m), k1), k2);
  if (v === undefined) return [unresolved(`Fn::FindInMap ${m}.${k1}.${k2} has no value`)];
  return resolveString(v, scope, depth + 1) ?? [unresolved(`Fn::FindInMap ${m}.${k1}.${k2} is not a string`)];
}

/**
 * The two branches of a property that is itself `Fn::If` (`[condition, whenTrue, whenFalse]`), or undefined. The
 * engine chooses the branches of a resource's `Fn::If` where it can; for one it did not (a condition the template does
 * not declare, too many combinations), rules judge both, at `<path>.Fn::If[1]` and `<path>.Fn::If[2]`.
 */
export function ifBranches(value: unknown): [unknown, unknown] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('Fn::If' in value)) return undefined;
  const args = (value as Record<string, unknown>)['Fn::If'];
  return Array.isArray(args) && args.length === 3 ? [args[1], args[2]] : undefined;
}

/**
 * A parameter is only known at deploy time, but its constraints narrow what it can be: `AllowedValues` lists every
 * value (one value is as good as a literal), `MinValue`/`MaxValue` bound a number. Rules use them to pass a
 * parameter whose every possible value is compliant.
 */
function resolveParameter(name: string, declaration: unknown): Resolved {
  const d = (declaration ?? {}) as { Type?: unknown; AllowedValues?: unknown; MinValue?: unknown; MaxValue?: unknown };
  const reason = `parameter '${name}' is only known at deploy time`;
  // SSM-backed parameter types read their value from Parameter Store: the constraints do not apply to it.
  const ssmBacked = typeof d.Type === 'string' && d.Type.startsWith('AWS::SSM::');
  const allowed =
    Array.isArray(d.AllowedValues) &&
    !ssmBacked &&
    d.AllowedValues.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      ? d.AllowedValues.map(String)
      : undefined;
  if (allowed && allowed.length === 1) return [allowed[0]];
  const min = numberOf(d.MinValue);
  const max = numberOf(d.MaxValue);
  const bounds = !ssmBacked && (min !== undefined || max !== undefined) ? { min, max } : undefined;
  if (allowed && allowed.length > 1)
    return [{ kind: 'unresolved', reason: `${reason} (one of ${allowed.join(', ')})`, allowedValues: allowed, bounds }];
  return [
    bounds
      ? { kind: 'unresolved', reason: `${reason} (between ${min ?? '-inf'} and ${max ?? '+inf'})`, bounds }
      : unresolved(reason),
  ];
}

function numberOf(v: unknown): number | undefined {
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const DYNAMIC_REFERENCE = /\{\{resolve:([a-z-]+):[^}]*\}\}/g;

/**
 * `{{resolve:ssm:...}}`, `{{resolve:ssm-secure:...}}` and `{{resolve:secretsmanager:...}}` are read by
 * CloudFormation at deploy time from a store the template does not show: each is a hole that cannot be resolved.
 */
function splitDynamicReferences(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(DYNAMIC_REFERENCE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(unresolved(`dynamic reference '${m[0]}' is read from ${m[1]} at deploy time`));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Every value a resolved string can take when it is a literal, or a single parameter with `AllowedValues`;
 * undefined otherwise.
 */
export function possibleValues(r: Resolved | undefined): readonly string[] | undefined {
  if (!r) return undefined;
  const literal = literalOf(r);
  if (literal !== undefined) return [literal];
  if (r.length === 1 && typeof r[0] !== 'string' && r[0].kind === 'unresolved') return r[0].allowedValues;
  return undefined;
}

/** Numeric range a value can take: a literal number, or a `Number` parameter's `MinValue`/`MaxValue`. */
export function numericRange(
  value: unknown,
  scope: TemplateScope,
): { readonly min?: number; readonly max?: number } | undefined {
  const r = resolveString(value, scope);
  const values = possibleValues(r);
  if (values) {
    const nums = values.map(Number);
    return nums.every(Number.isFinite) ? { min: Math.min(...nums), max: Math.max(...nums) } : undefined;
  }
  if (r && r.length === 1 && typeof r[0] !== 'string' && r[0].kind === 'unresolved') return r[0].bounds;
  return undefined;
}
