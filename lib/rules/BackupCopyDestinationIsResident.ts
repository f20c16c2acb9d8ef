import { allowedList, judgeRegionText } from './region-check';
import { parseArn } from './arn';
import { ifBranches, markText, render, resolveString } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';

/**
 * CaResidency-BackupCopyDestination: every AWS Backup copy action copies to a vault in an allowed region:
 * a vault of the same stack, or a vault ARN whose region field is an allowed region.
 */
export const BackupCopyDestinationIsResident: ResourceRule = {
  id: 'CaResidency-BackupCopyDestination',
  category: 'residency',
  severity: 'fatal',
  summary: 'AWS Backup copy actions copy only to vaults in an allowed region.',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  check(resource, ctx) {
    const plan = resource.properties.BackupPlan as { BackupPlanRule?: unknown } | undefined;
    const rules = plan?.BackupPlanRule;
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: unknown, i: number) => {
      const copies = (rule as { CopyActions?: unknown } | undefined)?.CopyActions;
      if (!Array.isArray(copies)) return;
      copies.forEach((copy: unknown, j: number) => {
        const path = `Properties.BackupPlan.BackupPlanRule[${i}].CopyActions[${j}].DestinationBackupVaultArn`;
        checkVault(resource, ctx, (copy as { DestinationBackupVaultArn?: unknown } | undefined)?.DestinationBackupVaultArn, path);
      });
    });
  },
};

function checkVault(resource: ResourceUnderTest, ctx: RuleContext, value: unknown, path: string): void {
  const allowed = ctx.options.allowedRegions;
  const where = `Backup plan ${resource.logicalId} copies recovery points to`;
  const branches = ifBranches(value);
  if (branches) {
    checkVault(resource, ctx, branches[0], `${path}.Fn::If[1]`);
    checkVault(resource, ctx, branches[1], `${path}.Fn::If[2]`);
    return;
  }

  const r = resolveString(value, resource.scope);
  if (!r || r.length === 0) {
    ctx.report({ path, message: `${where} ${JSON.stringify(value)}, which is not a vault ARN. Use the ARN of a backup vault in ${allowedList(allowed)}.` });
    return;
  }
  const { text, holes } = markText(r);
  // GetAtt of a vault of this stack: same region as the stack (judged by CaResidency-StackRegion).
  if (holes.length === 1 && text === '\u00000\u0000' && holes[0].kind === 'attr') return;
  const arn = parseArn(text);
  const m = arn && arn.service === 'backup' && /^backup-vault:.+$/.test(arn.resource) ? [text, arn.region] : undefined;
  if (!m) {
    const v = judgeRegionText(text, holes, allowed);
    const why = v.verdict === 'unresolved' ? ` (${v.reasons.join('; ')})` : '';
    ctx.report({ path, message: `${where} '${render(r)}', which cannot be read as a backup vault ARN at synth time${why}. Write arn:\${AWS::Partition}:backup:<ca region>:\${AWS::AccountId}:backup-vault:<name>.` });
    return;
  }
  const v = judgeRegionText(m[1], holes, allowed);
  if (v.verdict === 'foreign') {
    ctx.report({ path, message: `${where} vault '${render(r)}' in region '${v.region}', outside Canada. Copy to a vault in ${allowedList(allowed)}.` });
  } else if (v.verdict === 'unresolved') {
    ctx.report({ path, message: `${where} vault '${render(r)}' whose region cannot be resolved at synth time (${v.reasons.join('; ')}). Write the region literally (${allowedList(allowed)}).` });
  } else if (v.verdict === 'not-a-region') {
    ctx.report({ path, message: `${where} vault '${render(r)}' whose region field '${m[1]}' is not a region. Write the region literally (${allowedList(allowed)}).` });
  }
}
