import { Stage, StageProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PRIMARY_REGION, ResidencyConfig } from '../config/schema';
import { ResidencyStacks, buildResidencyStacks } from './residency-app';

export interface ResidencyStageProps extends Omit<StageProps, 'env'> {
  /** One environment's validated configuration (see resolveEnvironments). */
  readonly config: ResidencyConfig;
}

/**
 * One environment of an organisation (its account, its recovery and primary stacks) as a CDK Stage, so that a
 * pipeline can deploy it as a unit. The stacks are the same as a single-environment app's; the rule packs are
 * registered once on the app, whose validation covers every nested stage.
 */
export class ResidencyStage extends Stage {
  readonly stacks: ResidencyStacks;

  constructor(scope: Construct, id: string, props: ResidencyStageProps) {
    super(scope, id, { ...props, env: { account: props.config.accountId, region: PRIMARY_REGION } });
    this.stacks = buildResidencyStacks(this, props.config);
  }
}

/** One stage per environment, named after it. */
export function buildResidencyStages(scope: Construct, configs: readonly ResidencyConfig[]): ResidencyStage[] {
  return configs.map((config) => new ResidencyStage(scope, config.environmentName, { config }));
}
