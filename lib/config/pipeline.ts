import { z } from 'zod';
import { ConfigProblem } from './config-error';
import { isPlainObject } from './merge';
import { PRIMARY_REGION, accountIdSchema } from './schema';
import { schemaProblems } from './validate';

/** A wave's name: the tier its environments share (`development`, `staging`, `production`...). */
export const tierNameSchema = z
  .string({ error: 'must be a tier name, e.g. "production"' })
  .regex(
    /^[a-z][a-z0-9-]{0,29}$/,
    'must be 1-30 characters: lowercase letters, digits, hyphens, starting with a letter',
  );

/**
 * A CodeConnections (or older CodeStar Connections) connection. CodePipeline uses a connection only in the region it
 * was created in, and the pipeline runs in ca-central-1: the region of the ARN is checked separately so the message
 * can say which region was found.
 */
const CONNECTION_ARN =
  /^arn:aws:(codeconnections|codestar-connections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f-]{36}$/;

const connectionSourceSchema = z.strictObject({
  kind: z.literal('connection'),
  /** arn:aws:codeconnections:ca-central-1:<account>:connection/<uuid> */
  connectionArn: z
    .string({ error: 'must be a CodeConnections connection ARN' })
    .regex(CONNECTION_ARN, 'must be a connection ARN: arn:aws:codeconnections:ca-central-1:<account>:connection/<id>'),
  /** owner/name of the repository the connection gives access to. */
  repository: z
    .string({ error: 'must be the repository as owner/name' })
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be the repository as owner/name'),
  branch: z.string({ error: 'must be a branch name' }).min(1, 'must be a branch name'),
});

const s3SourceSchema = z.strictObject({
  kind: z.literal('s3'),
  /** A versioned bucket of the tooling account in ca-central-1 (an S3 source action works in its pipeline's region). */
  bucketName: z
    .string({ error: 'must be an S3 bucket name' })
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
  /** The zip of the repository, e.g. `source/cdk-ca-residency.zip`. */
  objectKey: z.string({ error: 'must be an object key' }).min(1, 'must be an object key'),
});

export const pipelineSchema = z.strictObject({
  /** Build the delivery pipeline stack (and its ca-west-1 support stack) in the tooling account. */
  enabled: z.boolean(),
  /** The account the pipeline, its artifact buckets and keys live in; bootstrapped with --trust by every environment. */
  toolingAccountId: accountIdSchema,
  source: z.discriminatedUnion('kind', [connectionSourceSchema, s3SourceSchema], {
    error: 'must be { kind: "connection", connectionArn, repository, branch } or { kind: "s3", bucketName, objectKey }',
  }),
  /** Tiers in deployment order: one pipeline wave each, holding the environments of that tier. */
  waves: z
    .array(tierNameSchema, { error: 'must be a list of tier names in deployment order' })
    .min(1, 'list at least one wave'),
  /** Tiers whose wave waits for a person's approval in the pipeline, e.g. ["production"]. */
  approvalBefore: z
    .array(tierNameSchema, { error: 'must be a list of tier names' })
    .min(1, 'name the wave(s) a person must approve before deployment, e.g. ["production"]'),
});

export type PipelineConfig = z.infer<typeof pipelineSchema>;
export type PipelineSource = PipelineConfig['source'];

/** One wave of the pipeline: a tier, its environments in list order, and whether a person approves it first. */
export interface PipelineWave {
  readonly tier: string;
  readonly environmentNames: readonly string[];
  readonly approval: boolean;
}

export interface PipelineSettings extends PipelineConfig {
  readonly plannedWaves: readonly PipelineWave[];
}

/** The region part of a connection ARN, or undefined when it is not one. */
export function connectionRegion(arn: string): string | undefined {
  return CONNECTION_ARN.exec(arn)?.[2];
}

function shapeProblems(pipeline: unknown): { problems: ConfigProblem[]; config?: PipelineConfig } {
  const parsed = pipelineSchema.safeParse(pipeline, { reportInput: true });
  const problems = parsed.success ? [] : schemaProblems(pipeline, parsed.error.issues, ['pipeline']);
  // Checked apart from the shape: the ARN may be well formed and still useless to a ca-central-1 pipeline.
  const source = isPlainObject(pipeline) && isPlainObject(pipeline.source) ? pipeline.source : undefined;
  const arn = source?.kind === 'connection' ? source.connectionArn : undefined;
  const region = typeof arn === 'string' ? connectionRegion(arn) : undefined;
  if (region !== undefined && region !== PRIMARY_REGION) {
    problems.push({
      path: 'pipeline.source.connectionArn',
      value: arn,
      message: `the connection is in ${region}: a pipeline can use a connection only from its own region, and this pipeline runs in ${PRIMARY_REGION}; create the connection in ${PRIMARY_REGION}`,
    });
  }
  return { problems, config: parsed.success && problems.length === 0 ? parsed.data : undefined };
}

/**
 * Validates the `pipeline` section of a multi-environment configuration against its environments: every environment's
 * tier (its `tier`, or its name) must be a wave, every wave must hold an environment, approvals must name waves.
 * Returns the problems (paths from the configuration's root) and, when there is none, the planned waves.
 */
export function pipelineProblems(
  pipeline: unknown,
  environments: unknown,
): { problems: ConfigProblem[]; settings?: PipelineSettings } {
  const { problems, config } = shapeProblems(pipeline);
  const entries = Array.isArray(environments) ? environments : [];
  const waves = isPlainObject(pipeline) && Array.isArray(pipeline.waves) ? (pipeline.waves as unknown[]) : undefined;
  const approvals =
    isPlainObject(pipeline) && Array.isArray(pipeline.approvalBefore) ? (pipeline.approvalBefore as unknown[]) : [];
  const tierOf = (raw: unknown): unknown => (isPlainObject(raw) ? (raw.tier ?? raw.name) : undefined);
  if (waves) {
    entries.forEach((raw, index) => {
      const tier = tierOf(raw);
      if (typeof tier === 'string' && !waves.includes(tier)) {
        const field = isPlainObject(raw) && raw.tier !== undefined ? 'tier' : 'name';
        problems.push({
          path: `environments[${index}].${field}`,
          value: tier,
          message: `tier "${tier}" is not one of pipeline.waves (${waves.join(', ')}): add it there or set this environment's tier`,
        });
      }
    });
    waves.forEach((wave, index) => {
      if (waves.indexOf(wave) !== index)
        problems.push({ path: `pipeline.waves[${index}]`, value: wave, message: 'is listed twice' });
      else if (typeof wave === 'string' && !entries.some((raw) => tierOf(raw) === wave))
        problems.push({
          path: `pipeline.waves[${index}]`,
          value: wave,
          message: 'no environment has this tier (set environments[].tier, which defaults to the name)',
        });
    });
    approvals.forEach((tier, index) => {
      if (typeof tier === 'string' && !waves.includes(tier))
        problems.push({
          path: `pipeline.approvalBefore[${index}]`,
          value: tier,
          message: `is not one of pipeline.waves (${waves.join(', ')})`,
        });
    });
  }
  if (!config || problems.length > 0) return { problems };
  const plannedWaves = config.waves.map((tier) => ({
    tier,
    environmentNames: entries.filter((raw) => tierOf(raw) === tier).map((raw) => (raw as { name: string }).name),
    approval: config.approvalBefore.includes(tier),
  }));
  return { problems, settings: { ...config, plannedWaves } };
}
