/**
 * The TLS verdicts on a resource's policies, for CaResidency-EncryptedInTransit and the report's in-transit column.
 * A stack's buckets, queues and topics usually carry policies that are the same apart from naming the resource
 * they protect (CDK writes one TLS-only statement per resource), so the verdict of one stands for all: each
 * distinct policy is normalised and judged once per stack instead of once per resource. The sharing is exact —
 * two resources share a verdict only when nothing in the judgement can tell them apart (see `policyShape` and
 * `shareable`); anything else is judged on its own, as before.
 */
import { ResourcePolicyControl } from '../policy/in-transit-catalogue';
import { PolicyStatement } from '../policy/policy-statements';
import { deniesInsecureTransport, deniesTlsBelow, DenyVerdict } from '../policy/tls-statements';
import { documentsProtecting, ProtectedResource, ProtectingDocument, statementsOf } from './policy-documents';
import { TemplateScope } from './types';

export interface TlsVerdicts {
  /** Are requests without TLS denied to every principal for every action on the resource? */
  readonly plain: DenyVerdict;
  /** Are TLS versions below the control's minimum denied (only for controls with a minimum)? */
  readonly old?: DenyVerdict;
  /** The policies read: policy resources' logical ids, `<resource>.<property>` for an inline policy. */
  readonly sources: readonly string[];
}

interface Shared {
  readonly plain: DenyVerdict;
  readonly old?: DenyVerdict;
  /** The name of the resource the verdicts were judged for, as it appears in their gaps. */
  readonly name: string;
}

/** Per stack, per control: policy shape → the verdicts judged for the first resource of that shape. */
const sharedVerdicts = new WeakMap<TemplateScope, Map<ResourcePolicyControl, Map<string, Shared>>>();

/** What separates a reference to the protected resource from everything else in a shape (never in a template). */
const SELF = '\u0000self';

/** A CloudFormation logical id: other ids may break the reasoning below (a colon or slash in an ARN), so they are not shared. */
const PLAIN_LOGICAL_ID = /^[A-Za-z0-9]+$/;

export function tlsVerdicts(subject: ProtectedResource, control: ResourcePolicyControl): TlsVerdicts {
  const docs = documentsProtecting(subject, control);
  const sources = docs.map((d) => d.source);
  const shape =
    subject.literalName || !PLAIN_LOGICAL_ID.test(subject.logicalId) ? undefined : policyShape(docs, subject.logicalId);
  let byShape: Map<string, Shared> | undefined;
  if (shape !== undefined) {
    let byControl = sharedVerdicts.get(subject.scope);
    if (!byControl) sharedVerdicts.set(subject.scope, (byControl = new Map()));
    byShape = byControl.get(control);
    if (!byShape) byControl.set(control, (byShape = new Map()));
    const hit = byShape.get(shape);
    if (hit) return { ...renamed(hit, subject.name), sources };
  }
  const statements = statementsOf(docs, subject);
  const plain = deniesInsecureTransport(statements, subject.target);
  const old =
    control.minimumTls !== undefined ? deniesTlsBelow(statements, subject.target, control.minimumTls) : undefined;
  if (byShape && shape !== undefined && shareable(statements, subject.name))
    byShape.set(shape, { plain, old, name: subject.name });
  return { plain, old, sources };
}

/**
 * The documents as text with every `Ref` and `Fn::GetAtt` of the protected resource replaced by one marker, so
 * that two resources whose policies differ only in naming themselves have the same shape. Undefined (judge on its
 * own) when the resource could be named any other way: its id inside any string or key (`Fn::Sub`, a literal
 * ARN), or a brace anywhere (pieces of text that could spell the placeholder standing for its name).
 */
export function policyShape(docs: readonly ProtectingDocument[], logicalId: string): string | undefined {
  let shape = '';
  for (const d of docs) {
    const text = shapeOf(d.document, logicalId);
    if (text === undefined) return undefined;
    shape += (d.inline ? 'inline ' : 'policy ') + text;
  }
  return shape;
}

/** Text a shape may hold literally: nothing that could name the resource or spell its placeholder. */
function plainText(s: string, logicalId: string): boolean {
  return !s.includes(logicalId) && !s.includes('{') && !s.includes('}');
}

/** One value's shape (strings length-prefixed, so that no text can pass for structure), or undefined. */
function shapeOf(v: unknown, logicalId: string): string | undefined {
  if (typeof v === 'string') return plainText(v, logicalId) ? `s${v.length}:${v}` : undefined;
  if (v === null || typeof v !== 'object') return typeof v === 'number' ? `n${v}` : String(v);
  let out: string;
  if (Array.isArray(v)) {
    out = '[';
    for (const e of v) {
      const inner = shapeOf(e, logicalId);
      if (inner === undefined) return undefined;
      out += inner;
    }
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    if (keys[0] === 'Ref' && o.Ref === logicalId) return SELF;
    const att = o['Fn::GetAtt'];
    if (Array.isArray(att) && att.length === 2 && att[0] === logicalId && typeof att[1] === 'string')
      return plainText(att[1], logicalId) ? `${SELF}.${att[1].length}:${att[1]}` : undefined;
  }
  out = '{';
  for (const k of keys) {
    if (!plainText(k, logicalId)) return undefined;
    const inner = shapeOf(o[k], logicalId);
    if (inner === undefined) return undefined;
    out += `${k.length}:${k}${inner}`;
  }
  return out + '}';
}

/**
 * Whether the verdicts hold for any resource of the same shape. Only Resource/NotResource patterns are compared with
 * the resource's ARN (principals and conditions are judged against requests that do not name it). Without
 * wildcards a pattern matches the ARN only where it holds the placeholder in the same place, whatever the name. A
 * wildcard could match part of the name, so a pattern is shareable only when, after its last colon (the ARN's
 * resource part, which alone holds the name), it has nothing but `*`, `/` and the placeholder itself.
 */
function shareable(statements: readonly PolicyStatement[], name: string): boolean {
  for (const s of statements) {
    for (const v of s.resource?.values ?? []) {
      if (typeof v !== 'string' || !/[*?]/.test(v)) continue;
      if (v.includes('?')) return false;
      const tail = v
        .slice(v.lastIndexOf(':') + 1)
        .split(name)
        .join('');
      if (!/^[*/]*$/.test(tail)) return false;
    }
  }
  return true;
}

/** The shared verdicts with the first resource's name, in their gaps, replaced by this one's. */
function renamed(shared: Shared, name: string): Omit<TlsVerdicts, 'sources'> {
  const rename = (v: DenyVerdict | undefined): DenyVerdict | undefined =>
    v?.gap === undefined ? v : { ...v, gap: v.gap.split(shared.name).join(name) };
  return { plain: rename(shared.plain)!, old: rename(shared.old) };
}
