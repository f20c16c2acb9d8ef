import { locateDestination, recordDeclared } from './locate-destination';
import { allowedList } from './region-check';
import { ifBranches } from './resolve';
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
        checkVault(
          resource,
          ctx,
          (copy as { DestinationBackupVaultArn?: unknown } | undefined)?.DestinationBackupVaultArn,
          path,
        );
      });
    });
  },
};

function checkVault(resource: ResourceUnderTest, ctx: RuleContext, value: unknown, path: string): void {
  const allowed = allowedList(ctx.options.allowedRegions);
  const where = `Backup plan ${resource.logicalId} copies recovery points to`;
  const branches = ifBranches(value);
  if (branches) {
    checkVault(resource, ctx, branches[0], `${path}.Fn::If[1]`);
    checkVault(resource, ctx, branches[1], `${path}.Fn::If[2]`);
    return;
  }
  // Located like every other data destination: a vault of the app, or the region field of the vault ARN.
  const loc = locateDestination(value, 'arn', resource.scope, ctx.options);
  switch (loc.verdict) {
    case 'resident':
      recordDeclared(ctx, path, loc);
      return;
    case 'foreign':
      ctx.report({
        path,
        message: `${where} vault ${loc.how} in region '${loc.region}', outside Canada. Copy to a vault in ${allowed}.`,
      });
      return;
    case 'unproven':
      ctx.report({
        path,
        message: `${where} '${loc.what}', which cannot be located: ${loc.why}. Write arn:\${AWS::Partition}:backup:<ca region>:\${AWS::AccountId}:backup-vault:<name> with a literal ${allowed}.`,
      });
      return;
    default:
      ctx.report({
        path,
        message: `${where} ${JSON.stringify(value)}, which is not a vault ARN. Use the ARN of a backup vault in ${allowed}.`,
      });
  }
}
