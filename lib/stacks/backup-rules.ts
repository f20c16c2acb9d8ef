import { Duration } from 'aws-cdk-lib';
import { ResidencyBackupRule } from '../../constructs/residency-backup-plan';
import { ResidencyConfig } from '../config/schema';

const BACKUP_RULES = ['daily', 'weekly', 'monthly'] as const;

/** The enabled backup rules of the configuration, as both regions' plans use them. */
export function backupRules(config: ResidencyConfig): ResidencyBackupRule[] {
  return BACKUP_RULES.filter((name) => config.backup[name].enabled).map((name) => ({
    name,
    schedule: config.backup[name].schedule,
    retention: Duration.days(config.backup[name].retentionDays),
    copyRetention: Duration.days(config.backup[name].copyRetentionDays ?? config.backup[name].retentionDays),
  }));
}
