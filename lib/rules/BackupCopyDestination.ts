import { judgeDestination } from './judge-destination';
import { allowedList } from './region-check';
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
  const notAVault = (v: unknown) =>
    `${where} ${JSON.stringify(v)}, which is not a vault ARN. Use the ARN of a backup vault in ${allowed}.`;
  // Located like every other data destination: a vault of the app, or the region field of the vault ARN.
  judgeDestination(resource, ctx, value, 'arn', path, {
    foreign: (loc) =>
      `${where} vault ${loc.how} in region '${loc.region}', outside Canada. Copy to a vault in ${allowed}.`,
    unproven: (loc) =>
      `${where} '${loc.what}', which cannot be located: ${loc.why}. Write arn:\${AWS::Partition}:backup:<ca region>:\${AWS::AccountId}:backup-vault:<name> with a literal ${allowed}.`,
    outsideAws: (_, v) => notAVault(v),
    none: notAVault,
  });
}
