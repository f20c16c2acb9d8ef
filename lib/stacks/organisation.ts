import { Construct } from 'constructs';
import { ResolvedEnvironments } from '../config/load';
import { DeliveryPipelineStack, pipelineSynthCommand } from './pipeline-stack';
import { ResidencyStage, buildResidencyStages } from './residency-stage';

export interface Organisation {
  readonly stages: ResidencyStage[];
  /** Present when the configuration turns the delivery pipeline on. */
  readonly pipeline?: DeliveryPipelineStack;
}

/**
 * A multi-environment configuration as an app: one stage per environment and, when configured, the delivery pipeline
 * that deploys those same stages wave by wave. Findings to add to a stage must be added before this returns: the
 * pipeline synthesizes each stage as it adds it.
 */
export function buildOrganisation(
  scope: Construct,
  resolved: ResolvedEnvironments,
  configFile: unknown,
  beforePipeline?: (stages: ResidencyStage[]) => void,
): Organisation {
  const { configs, pipeline: settings } = resolved;
  const stages = buildResidencyStages(scope, configs);
  beforePipeline?.(stages);
  if (!settings) return { stages };
  const pipeline = new DeliveryPipelineStack(scope, 'DeliveryPipeline', {
    settings,
    resourcePrefix: configs[0].resourcePrefix,
    stages,
    synthCommand: pipelineSynthCommand(configFile),
    tags: configs[0].tags,
  });
  return { stages, pipeline };
}
