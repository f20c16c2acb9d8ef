import { ResidencyConfig } from './schema';

export type BucketPurpose = 'data' | 'replica' | 'access-logs' | 'audit-logs' | 'audit-logs-copy';
export type KeyPurpose = 'data' | 'backup' | 'logs' | 'alerts' | 'auditor';

/**
 * Physical names derived from account, environment and region. The primary stack addresses the
 * recovery region's bucket, key and vault by these names instead of cross-region exports, which keeps
 * the two stacks free of references (and of the dependency cycles that replication grants create).
 */
export class ResidencyNames {
  constructor(private readonly config: Pick<ResidencyConfig, 'resourcePrefix' | 'environmentName' | 'accountId'>) {}

  private get base(): string {
    return `${this.config.resourcePrefix}-${this.config.environmentName}`;
  }

  stackName(role: 'primary' | 'recovery'): string {
    return `${this.base}-${role}`;
  }

  bucketName(purpose: BucketPurpose, region: string): string {
    return `${this.base}-${purpose}-${this.config.accountId}-${region}`;
  }

  /** Vault names are unique per account and region, so the same name serves both regions. */
  vaultName(): string {
    return `${this.base}-vault`;
  }

  keyAlias(purpose: KeyPurpose): string {
    return `alias/${this.base}-${purpose}`;
  }

  /** IAM is global: the region in the name keeps two deployments from colliding. */
  roleName(purpose: string, region: string): string {
    return `${this.base}-${purpose}-${region}`;
  }
}
