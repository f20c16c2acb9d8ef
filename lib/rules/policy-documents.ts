/**
 * The bridge between CloudFormation and the policy-statement model (lib/policy): policy documents read with their
 * intrinsics resolved, references to the protected resource rendered as its ARN, and the resource policies of a
 * stack found for each resource they target (by `Ref` or by literal name). Rules and the report both use it.
 */
import { ResourcePolicyControl } from '../policy/in-transit-catalogue';
import { normalisePolicy, PolicyStatement, Scalar } from '../policy/policy-statements';
import { PolicyTarget } from '../policy/tls-statements';
import { literalOf, resolveString } from './resolve';
import { resourcesOfType } from './resources-of-type';
import { TemplateScope } from './types';
import { isDeployed } from './decide-condition';

/** How a service writes the ARN of a resource, and which attributes of the resource are its ARN or its name. */
interface Naming {
  readonly arn: (name: string, scope: TemplateScope) => string;
  readonly arnAttributes: readonly string[];
  readonly nameAttributes: readonly string[];
  /** Property holding a literal name, when the template sets one. */
  readonly nameProperty?: string;
}

const region = (s: TemplateScope) => s.region ?? '${AWS::Region}';
const account = (s: TemplateScope) => s.account ?? '${AWS::AccountId}';

const NAMING: Readonly<Record<string, Naming>> = {
  s3: { arn: (n) => `arn:aws:s3:::${n}`, arnAttributes: ['Arn'], nameAttributes: ['Ref'], nameProperty: 'BucketName' },
  sns: {
    arn: (n, s) => `arn:aws:sns:${region(s)}:${account(s)}:${n}`,
    arnAttributes: ['Ref', 'TopicArn'],
    nameAttributes: ['TopicName'],
    nameProperty: 'TopicName',
  },
  sqs: {
    arn: (n, s) => `arn:aws:sqs:${region(s)}:${account(s)}:${n}`,
    arnAttributes: ['Arn'],
    nameAttributes: ['QueueName'],
    nameProperty: 'QueueName',
  },
  elasticfilesystem: {
    arn: (n, s) => `arn:aws:elasticfilesystem:${region(s)}:${account(s)}:file-system/${n}`,
    arnAttributes: ['Arn'],
    nameAttributes: ['Ref', 'FileSystemId'],
  },
};

/** The resource a policy protects, as the model's target, and how references to it read. */
export interface ProtectedResource {
  readonly logicalId: string;
  readonly scope: TemplateScope;
  /** Its properties as judged (its inline policy is read from them). */
  readonly properties: Record<string, unknown>;
  readonly service: string;
  /** Literal name when the template sets one; otherwise a placeholder standing for the deployed name. */
  readonly name: string;
  /** Whether `name` is the literal name the template sets (else the placeholder). */
  readonly literalName: boolean;
  readonly target: PolicyTarget;
}

export function protectedResource(
  logicalId: string,
  scope: TemplateScope,
  control: ResourcePolicyControl,
  // The properties judged: a resource with conditions is judged on those of each combination (condition-variants.ts).
  props: Record<string, unknown> = scope.resources[logicalId]?.Properties ?? {},
): ProtectedResource {
  const naming = NAMING[control.service];
  const literal = naming?.nameProperty ? literalOf(resolveString(props[naming.nameProperty], scope)) : undefined;
  const name = literal ?? `{{${logicalId}}}`;
  const arn = naming ? naming.arn(name, scope) : `{{${logicalId}.Arn}}`;
  const [own, child] = control.resourceTypes;
  const actions = control.dataActions ? { actions: control.dataActions } : {};
  const resources = [{ arn, type: own, ...actions }, ...(child ? [{ arn: `${arn}/*`, type: child, ...actions }] : [])];
  return {
    logicalId,
    scope,
    properties: props,
    service: control.service,
    name,
    literalName: literal !== undefined,
    target: { service: control.service, resources },
  };
}

/** `Ref X` / `Fn::GetAtt X.Attr` as rendered by resolve.ts → [logical id, attribute ('Ref' for Ref)]. */
function referenceOf(describe: string): [string, string] | undefined {
  const ref = /^Ref (.+)$/.exec(describe);
  if (ref) return [ref[1], 'Ref'];
  const att = /^Fn::GetAtt ([^.]+)\.(.+)$/.exec(describe);
  return att ? [att[1], att[2]] : undefined;
}

/**
 * Resolve a policy value: literal text stays, a reference to the protected resource becomes its ARN or name,
 * a reference to another resource becomes a placeholder naming it (bounded: never a wildcard), and anything
 * known only at deploy time is unresolved.
 */
function valueResolver(scope: TemplateScope, subject: ProtectedResource | undefined): (v: unknown) => Scalar {
  const naming = subject ? NAMING[subject.service] : undefined;
  return (value) => {
    const r = resolveString(value, scope);
    if (!r) return { unresolved: `${JSON.stringify(value)} is not a string` };
    let out = '';
    for (const s of r) {
      if (typeof s === 'string') out += s;
      else if (s.kind === 'unresolved') return { unresolved: s.reason };
      else {
        const ref = referenceOf(s.describe);
        if (subject && naming && ref && ref[0] === subject.logicalId && naming.arnAttributes.includes(ref[1]))
          out += naming.arn(subject.name, scope);
        else if (subject && naming && ref && ref[0] === subject.logicalId && naming.nameAttributes.includes(ref[1]))
          out += subject.name;
        else out += `{{${s.describe}}}`;
      }
    }
    return out;
  };
}

/** Normalised statements of a CloudFormation policy document. */
export function readPolicy(doc: unknown, scope: TemplateScope, subject?: ProtectedResource): PolicyStatement[] {
  return normalisePolicy(doc, valueResolver(scope, subject));
}

/** Index per stack and policy type: target logical id → the policy resources naming it. */
const policyIndex = new WeakMap<TemplateScope, Map<string, Map<string, string[]>>>();
/** The separate policy resources (e.g. `AWS::S3::BucketPolicy`) of the stack that target `logicalId`. */
export function policiesTargeting(scope: TemplateScope, logicalId: string, control: ResourcePolicyControl): string[] {
  if (!control.policyType || !control.targetProperty) return [];
  let perType = policyIndex.get(scope);
  if (!perType) policyIndex.set(scope, (perType = new Map()));
  let index = perType.get(control.policyType);
  if (!index) perType.set(control.policyType, (index = buildIndex(scope, control, scope.resources[logicalId]?.Type)));
  return index.get(logicalId) ?? [];
}

function buildIndex(
  scope: TemplateScope,
  control: ResourcePolicyControl,
  targetType: string | undefined,
): Map<string, string[]> {
  const index = new Map<string, string[]>();
  // Literal names of the stack's resources of the target type, so a policy naming its target by string is found too.
  const byName = new Map<string, string>();
  if (control.nameProperty) {
    for (const id of resourcesOfType(scope, targetType)) {
      const name = literalOf(resolveString(scope.resources[id].Properties?.[control.nameProperty], scope));
      if (name) byName.set(name, id);
    }
  }
  for (const id of resourcesOfType(scope, control.policyType)) {
    const targets = scope.resources[id].Properties?.[control.targetProperty!];
    for (const t of Array.isArray(targets) ? targets : [targets]) {
      const ref = (t as { Ref?: unknown } | undefined)?.Ref;
      const target = typeof ref === 'string' ? ref : byName.get(literalOf(resolveString(t, scope)) ?? '');
      if (!target) continue;
      const list = index.get(target) ?? [];
      list.push(id);
      index.set(target, list);
    }
  }
  return index;
}

/** A policy document protecting a resource: from a separate policy resource, or held by the resource itself. */
export interface ProtectingDocument {
  /** The policy resource's logical id, or `<resource>.<property>` for an inline policy. */
  readonly source: string;
  readonly document: unknown;
  /** Held by the protected resource itself (e.g. an EFS `FileSystemPolicy`). */
  readonly inline: boolean;
}

/** The policy documents protecting the resource: the separate policy resources naming it, then its inline policy. */
export function documentsProtecting(subject: ProtectedResource, control: ResourcePolicyControl): ProtectingDocument[] {
  const { scope, logicalId } = subject;
  const own = scope.resources[logicalId]?.Condition;
  const docs: ProtectingDocument[] = policiesTargeting(scope, logicalId, control)
    .filter((id) => deployedWith(scope.resources[id]?.Condition, own, scope))
    .map((id) => ({
      source: id,
      document: scope.resources[id]?.Properties?.PolicyDocument,
      inline: false,
    }));
  if (control.inlineProperty) {
    const inline = subject.properties[control.inlineProperty];
    if (inline !== undefined)
      docs.push({ source: `${logicalId}.${control.inlineProperty}`, document: inline, inline: true });
  }
  return docs;
}

/** The policy resources naming the resource that some of its deployments leave out, with their `Condition`. */
export function policiesLeftOut(
  subject: ProtectedResource,
  control: ResourcePolicyControl,
): { readonly id: string; readonly condition: unknown }[] {
  const { scope, logicalId } = subject;
  const own = scope.resources[logicalId]?.Condition;
  return policiesTargeting(scope, logicalId, control)
    .map((id) => ({ id, condition: scope.resources[id]?.Condition }))
    .filter(({ condition }) => !deployedWith(condition, own, scope));
}

/**
 * Is a policy resource deployed wherever the resource it protects is? Without a `Condition`, or with the resource's
 * own, or one already true at synth time. A policy that some deployments leave out protects nothing in those, so the
 * resource is judged without it.
 */
function deployedWith(condition: unknown, subjectCondition: unknown, scope: TemplateScope): boolean {
  return condition === subjectCondition || isDeployed(condition, scope) === true;
}

/** The normalised statements of the documents protecting the resource. */
export function statementsOf(docs: readonly ProtectingDocument[], subject: ProtectedResource): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const { document, inline } of docs) {
    const read = readPolicy(document, subject.scope, subject);
    if (!inline) {
      statements.push(...read);
      continue;
    }
    // A policy held by the resource itself applies to it: a statement without Resource or NotResource (as CDK
    // writes EFS file-system policies) covers the resource, not nothing.
    const own = subject.target.resources.map((r) => r.arn);
    for (const s of read) statements.push(s.resource ? s : { ...s, resource: { not: false, values: own } });
  }
  return statements;
}
