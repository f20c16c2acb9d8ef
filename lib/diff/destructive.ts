import type * as CfnDiff from '@aws-cdk/cloudformation-diff';
import { guardsData } from '../policy/data-guarding-types';
import { classifyType } from '../policy/encryption-catalogue';
import { CfnTemplate } from '../rules/types';
import { compareText } from '../report/references';
import { DestructiveChange, DestructiveImpact } from './model';

/** Added by the CDK CLI at synth; holds nothing and is never judged (the rules skip it too). */
const CDK_METADATA = 'AWS::CDK::Metadata';

/**
 * Loaded on first use: the library brings the CloudFormation specification with it, which only `diff` needs
 * (`check` and `report` must start without it).
 */
function cloudformationDiff(): typeof CfnDiff {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-cdk/cloudformation-diff') as typeof CfnDiff;
}

/**
 * Does losing a resource of this type lose data? The at-rest catalogue decides for data stores (a type it cannot
 * classify is assumed to hold data); a key that guards data counts too, since destroying it makes that data
 * unreadable (lib/policy/data-guarding-types).
 */
export function holdsData(type: string, statelessTypes: readonly string[] = []): boolean {
  return guardsData(type) || classifyType(type, statelessTypes).kind !== 'stateless';
}

/**
 * Resources that deploying `head` over `base` would replace, destroy or may replace, as `cdk diff` judges them
 * (the CloudFormation specification says which property changes force a replacement; replacing a resource also
 * touches what references it). A data-holding resource with a property change the specification cannot judge
 * may be replaced. A removed resource whose deletion policy retains it is orphaned, not destroyed, and is not
 * listed. `head` undefined: the stack is removed, so each of its resources goes. Sorted by logical id.
 */
export function destructiveChanges(
  base: CfnTemplate,
  head: CfnTemplate | undefined,
  statelessTypes: readonly string[] = [],
): DestructiveChange[] {
  // CloudFormation rejects a resource without a type; the comparison cannot judge one either (never a silent pass).
  for (const template of [base, head ?? {}]) {
    for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
      if (typeof r?.Type !== 'string') throw new Error(`resource ${logicalId} has no Type`);
    }
  }
  const lib = cloudformationDiff();
  const impacts: Partial<Record<CfnDiff.ResourceImpact, DestructiveImpact>> = {
    [lib.ResourceImpact.WILL_REPLACE]: 'replace',
    [lib.ResourceImpact.WILL_DESTROY]: 'destroy',
    [lib.ResourceImpact.MAY_REPLACE]: 'may-replace',
  };
  const diff = lib.fullDiff(withSafeKeys(base), withSafeKeys(head ?? { Resources: {} }));
  const out: DestructiveChange[] = [];
  diff.resources.forEachDifference((safeId, change) => {
    const logicalId = originalKey(safeId);
    const type = change.oldResourceType;
    if (type === undefined || type === CDK_METADATA) return;
    const data = holdsData(type, statelessTypes);
    // A changed property the specification does not describe (a type or property it does not know) is judged as
    // no change at all: for a resource holding data that is a replacement nobody could rule out (fail closed).
    const unjudged =
      data &&
      change.oldResourceType === change.newResourceType &&
      Object.values(change.propertyUpdates).some((p) => p.changeImpact === lib.ResourceImpact.NO_CHANGE);
    const impact = impacts[change.changeImpact] ?? (unjudged ? 'may-replace' : undefined);
    if (impact !== undefined) out.push({ logicalId, type, impact, holdsData: data });
  });
  return out.sort((a, b) => compareText(a.logicalId, b.logicalId));
}

/**
 * The comparison library keeps templates in plain objects and calls `value.hasOwnProperty(...)`: a resource (or any
 * key) named `__proto__` vanishes from its view (a removed or replaced bucket of that name was not reported) and one
 * named `hasOwnProperty` stops it. Keys named after Object.prototype's members are therefore renamed before the
 * comparison, and so are the references to them in the places the library follows a reference (`Ref`, the first
 * argument of an `Fn::` function, `Fn::GetAtt "Id.Attr"`, `DependsOn`), the same way in both templates: a NUL
 * prefix, which names that already start with NUL get too, so that no two names end up the same. No CloudFormation
 * type or property is named like either, so what the comparison judges is unchanged; `originalKey` gives the
 * logical ids back.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const ESCAPE = '\u0000';

function safeKey(key: string): string {
  return PROTOTYPE_KEYS.has(key) || key.startsWith(ESCAPE) ? ESCAPE + key : key;
}

function originalKey(key: string): string {
  return key.startsWith(ESCAPE) ? key.slice(ESCAPE.length) : key;
}

/** A reference's target renamed like the key it names; anything else as it is. */
function safeReference(key: string, value: unknown): unknown {
  if (key === 'Ref' || key === 'DependsOn') {
    if (typeof value === 'string') return safeKey(value);
    if (key === 'DependsOn' && Array.isArray(value))
      return value.map((v: unknown) => (typeof v === 'string' ? safeKey(v) : withSafeKeys(v)));
  }
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return dot < 0 ? safeKey(value) : safeKey(value.slice(0, dot)) + value.slice(dot);
  }
  if (key.startsWith('Fn::') && Array.isArray(value) && typeof value[0] === 'string')
    return [safeKey(value[0]), ...value.slice(1).map((v: unknown) => withSafeKeys(v))];
  return withSafeKeys(value);
}

function withSafeKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((e: unknown) => withSafeKeys(e)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: even an unescaped key is stored as data, never through a setter.
    Object.defineProperty(out, safeKey(k), {
      value: safeReference(k, v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}
