/**
 * The TLS verdicts on a resource's policies, for CaResidency-EncryptedInTransit and the report's in-transit column.
 * A stack's buckets, queues and topics usually carry policies that are the same apart from naming the resource
 * they protect (CDK writes one TLS-only statement per resource), so the verdict of one stands for all: each
 * distinct policy is normalised and judged once per stack instead of once per resource. The sharing is exact —
 * two resources share a verdict only when nothing in the judgement can tell them apart (see `sameShape` and
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

/** Verdicts judged for one resource, and what another resource's policies must match to share them. */
interface Representative {
  readonly logicalId: string;
  readonly docs: readonly ProtectingDocument[];
  readonly plain: DenyVerdict;
  readonly old?: DenyVerdict;
  /** The name of the resource the verdicts were judged for, as it appears in their gaps. */
  readonly name: string;
}

/** Per stack, per control: the representatives of the distinct policies met so far. */
const representatives = new WeakMap<TemplateScope, Map<ResourcePolicyControl, Representative[]>>();

/** A stack has a handful of distinct policy shapes; past this many, further ones are judged on their own. */
const MAX_REPRESENTATIVES = 16;

/** A CloudFormation logical id: other ids may break the reasoning below (a colon or slash in an ARN), so they are not shared. */
const PLAIN_LOGICAL_ID = /^[A-Za-z0-9]+$/;

export function tlsVerdicts(subject: ProtectedResource, control: ResourcePolicyControl): TlsVerdicts {
  const docs = documentsProtecting(subject, control);
  const sources = docs.map((d) => d.source);
  const candidate = !subject.literalName && PLAIN_LOGICAL_ID.test(subject.logicalId);
  let known: Representative[] | undefined;
  if (candidate) {
    let byControl = representatives.get(subject.scope);
    if (!byControl) representatives.set(subject.scope, (byControl = new Map()));
    known = byControl.get(control);
    if (!known) byControl.set(control, (known = []));
    for (const r of known)
      if (sameDocuments(r.docs, r.logicalId, docs, subject.logicalId)) return { ...renamed(r, subject.name), sources };
  }
  const statements = statementsOf(docs, subject);
  const plain = deniesInsecureTransport(statements, subject.target);
  const old =
    control.minimumTls !== undefined ? deniesTlsBelow(statements, subject.target, control.minimumTls) : undefined;
  if (
    known &&
    known.length < MAX_REPRESENTATIVES &&
    docs.every((d) => plainValue(d.document, subject.logicalId)) &&
    shareable(statements, subject.name)
  )
    known.push({ logicalId: subject.logicalId, docs, plain, old, name: subject.name });
  return { plain, old, sources };
}

/**
 * Text a representative may hold: nothing that could name its resource other than a `Ref`/`Fn::GetAtt` of it (its
 * id inside a string: `Fn::Sub`, `Fn::GetAtt` written as `Id.Attr`, a literal ARN) and no brace (pieces of text that
 * could spell the placeholder standing for a name).
 */
function plainText(s: string, logicalId: string): boolean {
  return !s.includes(logicalId) && !s.includes('{') && !s.includes('}');
}

/** Every string and key of a value is plain text (self references aside). */
function plainValue(v: unknown, logicalId: string): boolean {
  if (typeof v === 'string') return plainText(v, logicalId);
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every((e) => plainValue(e, logicalId));
  const self = selfReference(v, logicalId);
  if (self !== undefined) return self === 'Ref' || plainText(self, logicalId);
  for (const k in v)
    if (!plainText(k, logicalId) || !plainValue((v as Record<string, unknown>)[k], logicalId)) return false;
  return true;
}

/** `Ref` for `{"Ref": id}`, the attribute for `{"Fn::GetAtt": [id, attr]}`, else undefined. */
function selfReference(v: object, logicalId: string): string | undefined {
  const o = v as Record<string, unknown>;
  // Property reads first: most objects walked (statements, conditions) hold neither key.
  const ref = o.Ref;
  const att = o['Fn::GetAtt'];
  if (ref === undefined && att === undefined) return undefined;
  if (keyCount(o) !== 1) return undefined;
  if (ref !== undefined) return ref === logicalId ? 'Ref' : undefined;
  return Array.isArray(att) && att.length === 2 && att[0] === logicalId && typeof att[1] === 'string'
    ? att[1]
    : undefined;
}

/** Own enumerable keys of a parsed object, counted without allocating a list. */
function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
  return n;
}

function sameDocuments(
  a: readonly ProtectingDocument[],
  aId: string,
  b: readonly ProtectingDocument[],
  bId: string,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i].inline !== b[i].inline || !sameShape(a[i].document, aId, b[i].document, bId)) return false;
  return true;
}

/**
 * Are two values the same apart from references to their own resource (`aId` in `a`, `bId` in `b`), in the same
 * places? `a` is a representative's (plain text throughout); `b` must not name its resource any other way either.
 * No allocation beyond key lists: this runs for every resource of the stack.
 */
function sameShape(a: unknown, aId: string, b: unknown, bId: string): boolean {
  if (typeof a === 'string') return a === b && !a.includes(bId);
  if (a === null || typeof a !== 'object') return a === b;
  if (b === null || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], aId, bs[i], bId)) return false;
    return true;
  }
  const aSelf = selfReference(a, aId);
  const bSelf = selfReference(b, bId);
  if (aSelf !== undefined || bSelf !== undefined) return aSelf === bSelf;
  // The same keys (in any order: a policy's meaning does not depend on it), each with the same shape.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let keys = 0;
  for (const k in ao) {
    if (!Object.prototype.hasOwnProperty.call(ao, k)) continue;
    keys++;
    if (k.includes(bId) || !Object.prototype.hasOwnProperty.call(bo, k)) return false;
    if (!sameShape(ao[k], aId, bo[k], bId)) return false;
  }
  return keys === keyCount(bo);
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
function renamed(shared: Representative, name: string): Omit<TlsVerdicts, 'sources'> {
  const rename = (v: DenyVerdict | undefined): DenyVerdict | undefined =>
    v?.gap === undefined ? v : { ...v, gap: v.gap.split(shared.name).join(name) };
  return { plain: rename(shared.plain)!, old: rename(shared.old) };
}
