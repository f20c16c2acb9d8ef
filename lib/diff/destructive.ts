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
  const diff = lib.fullDiff(base, head ?? { Resources: {} });
  const out: DestructiveChange[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
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
