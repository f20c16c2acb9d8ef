import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { CENTRAL, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-BackupCopyDestination';
const PATH = 'Properties.BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn';

const app = newApp();
const primary = stack(app, 'Primary', CENTRAL);
const vault = new backup.BackupVault(primary, 'Vault');

function l2Plan(id: string, destinationArn: string): backup.BackupPlan {
  const plan = new backup.BackupPlan(primary, id, { backupVault: vault });
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'Daily',
      copyActions: [
        { destinationBackupVault: backup.BackupVault.fromBackupVaultArn(primary, `${id}Dest`, destinationArn) },
      ],
    }),
  );
  return plan;
}

function l1Plan(id: string, destinationArn: string): backup.CfnBackupPlan {
  return new backup.CfnBackupPlan(primary, id, {
    backupPlan: {
      backupPlanName: id,
      backupPlanRule: [
        {
          ruleName: 'Daily',
          targetBackupVault: 'primary',
          copyActions: [{ destinationBackupVaultArn: destinationArn }],
        },
      ],
    },
  });
}

// Noncompliance
l2Plan('L2ToUsWest', 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr');
l1Plan('L1ToUsWest', 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr');
const hatch = l2Plan('HatchToUsWest', 'arn:aws:backup:ca-west-1:111111111111:backup-vault:dr');
(hatch.node.defaultChild as backup.CfnBackupPlan).addPropertyOverride(
  'BackupPlan.BackupPlanRule.0.CopyActions.0.DestinationBackupVaultArn',
  'arn:aws:backup:us-west-2:111111111111:backup-vault:dr',
);
const region = new CfnParameter(primary, 'DrRegion', { type: 'String' });
l1Plan(
  'L1ParameterRegion',
  Fn.join(':', [
    'arn',
    Fn.ref('AWS::Partition'),
    'backup',
    region.valueAsString,
    Fn.ref('AWS::AccountId'),
    'backup-vault',
    'dr',
  ]),
);
// Compliance
l2Plan('L2ToWest', 'arn:aws:backup:ca-west-1:111111111111:backup-vault:dr');
l1Plan(
  'L1ToWestJoined',
  Fn.join(':', [
    'arn',
    Fn.ref('AWS::Partition'),
    'backup',
    'ca-west-1',
    Fn.ref('AWS::AccountId'),
    'backup-vault',
    'demo-recovery',
  ]),
);
l1Plan('L1ToWestSub', Fn.sub('arn:${AWS::Partition}:backup:ca-west-1:${AWS::AccountId}:backup-vault:demo-recovery'));
l1Plan('L1ToLocal', vault.backupVaultArn);

const found = findingsOf(app, RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-BackupCopyDestination', () => {
  test('Noncompliance 1 (L2): a backup copy to a us-west-2 vault ARN fails', () => {
    const [f] = byId('L2ToUsWest');
    expect(f.path).toBe(PATH);
    expect(f.message).toMatch(/region 'us-west-2'/);
  });
  test('Noncompliance 2 (L1)', () => {
    expect(byId('L1ToUsWest')).toHaveLength(1);
  });
  test('Noncompliance 3 (escape hatch): override of a compliant L2 copy action is caught', () => {
    expect(byId('HatchToUsWest')[0].message).toMatch(/us-west-2/);
  });
  test('Noncompliance 4: a vault region from a parameter fails closed', () => {
    expect(byId('L1ParameterRegion')[0].message).toMatch(/cannot be resolved.*parameter 'DrRegion'/);
  });
  test('Compliance: ca-west-1 ARNs (literal, Fn::Join, Fn::Sub with partition and account) and a local vault', () => {
    for (const id of ['L2ToWest', 'L1ToWestJoined', 'L1ToWestSub', 'L1ToLocal']) expect(byId(id)).toEqual([]);
  });
  test('the generic region rule does not double-report copy destinations', () => {
    expect(findingsOf(app, 'CaResidency-ResidentRegion').filter((f) => f.path === PATH)).toEqual([]);
  });
});
