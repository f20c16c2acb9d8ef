import { StackProps } from 'aws-cdk-lib';
import { ResidencyNames } from '../config/naming';
import { ResidencyConfig } from '../config/schema';

export interface ResidencyStackProps extends Omit<StackProps, 'env' | 'stackName' | 'terminationProtection'> {
  readonly config: ResidencyConfig;
}

/** The env of a residency stack: always explicit, never CDK_DEFAULT_REGION. */
export function residencyStackProps(config: ResidencyConfig, role: 'primary' | 'recovery', region: string): StackProps {
  const names = new ResidencyNames(config);
  return {
    env: { account: config.accountId, region },
    stackName: names.stackName(role),
    terminationProtection: config.terminationProtection,
    description: `cdk-ca-residency ${role} stack (${region}) for ${config.environmentName}: data stays in Canada`,
  };
}
