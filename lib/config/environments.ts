import { z } from 'zod';
import { ConfigError, ConfigProblem } from './config-error';
import { Json, isPlainObject, merge } from './merge';
import { PipelineSettings, pipelineProblems, tierNameSchema } from './pipeline';
import { ResidencyConfig } from './schema';
import { configProblems, schemaProblems, valueAt } from './validate';
import { ownEntry } from '../policy/own-entry';

/**
 * One environment of a multi-environment configuration. The entry checks only the shape here: each value is judged
 * by the single-environment schema once merged, so a bad account id gets the same message in both forms.
 */
const environmentEntrySchema = z.strictObject({
  /** Becomes the environment's `environmentName`. */
  name: z.string({ error: 'must be the environment name, e.g. "prod"' }),
  accountId: z.string({ error: 'must be a 12-digit AWS account id, as a string' }),
  /** Defaults to the shared `recoveryRegion`. */
  recoveryRegion: z.string({ error: 'must be "ca-west-1" or "none"' }).optional(),
  /** The pipeline wave it deploys in (`pipeline.waves`); defaults to the name. */
  tier: tierNameSchema.optional(),
  /** Any part of the shared configuration, merged over it for this environment only. */
  overrides: z.record(z.string(), z.unknown(), { error: 'must be an object of configuration fields' }).optional(),
});

const environmentsSchema = z
  .array(environmentEntrySchema, { error: 'must be a list of { name, accountId, recoveryRegion, overrides }' })
  .min(1, 'list at least one environment, or remove the key for a single-environment configuration');

/** Fields an entry sets itself: an override of them would be a second, conflicting source. */
const ENTRY_FIELDS: Record<string, string> = {
  environmentName: 'name',
  accountId: 'accountId',
  recoveryRegion: 'recoveryRegion',
};

/** `backup.daily.retentionDays` or `alerts.critical.emails[0]` back to its keys. */
function segments(dotted: string): (string | number)[] {
  return dotted.split('.').flatMap((part) => {
    const [key, ...indexes] = part.split('[');
    return [key, ...indexes.map((i) => Number(i.replace(']', '')))].filter((k) => k !== '');
  });
}

interface Entry {
  readonly name?: unknown;
  readonly accountId?: unknown;
  readonly recoveryRegion?: unknown;
  readonly overrides?: unknown;
}

/** Where a problem of environment `index`'s merged configuration comes from: its entry, its overrides, or shared. */
function locate(problem: ConfigProblem, index: number, entry: Entry): string | undefined {
  const head = problem.path.split(/[.[]/)[0];
  const own = ownEntry(ENTRY_FIELDS, head);
  if (own && (own !== 'recoveryRegion' || entry.recoveryRegion !== undefined)) return `environments[${index}].${own}`;
  if (problem.path !== '' && valueAt(entry.overrides, segments(problem.path)) !== undefined) {
    return `environments[${index}].overrides.${problem.path}`;
  }
  return undefined;
}

function entryProblems(
  shared: Json,
  entries: readonly unknown[],
): { problems: ConfigProblem[]; configs: ResidencyConfig[] } {
  const problems: ConfigProblem[] = [];
  const configs: ResidencyConfig[] = [];
  // A shared setting that is wrong is reported once, naming every environment it breaks.
  const sharedProblems = new Map<string, { problem: ConfigProblem; environments: string[] }>();
  entries.forEach((raw, index) => {
    const entry: Entry = isPlainObject(raw) ? raw : {};
    const overrides = isPlainObject(entry.overrides) ? entry.overrides : {};
    for (const key of Object.keys(overrides)) {
      if (ownEntry(ENTRY_FIELDS, key) !== undefined) {
        problems.push({
          path: `environments[${index}].overrides.${key}`,
          value: overrides[key],
          message: `set it as environments[${index}].${ENTRY_FIELDS[key]} instead`,
        });
      } else if (key === 'guardrails') {
        problems.push({
          path: `environments[${index}].overrides.guardrails`,
          value: overrides[key],
          message: 'organisation guardrails are one set per organisation: configure them in the shared settings',
        });
      } else if (key === 'pipeline') {
        problems.push({
          path: `environments[${index}].overrides.pipeline`,
          value: overrides[key],
          message: 'one pipeline delivers every environment: configure it in the shared settings',
        });
      }
    }
    const own: Json = { environmentName: entry.name, accountId: entry.accountId };
    if (entry.recoveryRegion !== undefined) own.recoveryRegion = entry.recoveryRegion;
    // Reported above when overridden: judged again as an unknown environment setting it would be listed twice.
    const { pipeline: _pipeline, ...settings } = overrides;
    const candidate = merge(merge(shared, settings), own);
    const label = typeof entry.name === 'string' ? entry.name : `#${index}`;
    const result = configProblems(candidate);
    for (const problem of result.problems) {
      const path = locate(problem, index, entry);
      if (path !== undefined) {
        problems.push({ ...problem, path });
        continue;
      }
      const key = `${problem.path}\u0000${problem.message}`;
      const seen = sharedProblems.get(key) ?? { problem, environments: [] };
      seen.environments.push(label);
      sharedProblems.set(key, seen);
    }
    if (result.config) configs.push(result.config);
  });
  for (const { problem, environments } of sharedProblems.values()) {
    problems.push({
      ...problem,
      message: `${problem.message} (in environment(s) ${environments.join(', ')}: fix it in the shared settings or their overrides)`,
    });
  }
  return { problems, configs };
}

/** Two environments may not share a name (stage and stack names) nor an account (physical names would collide). */
function duplicateProblems(entries: readonly unknown[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const field of ['name', 'accountId'] as const) {
    const first = new Map<unknown, number>();
    entries.forEach((raw, index) => {
      const value = isPlainObject(raw) ? raw[field] : undefined;
      if (typeof value !== 'string') return;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else
        problems.push({
          path: `environments[${index}].${field}`,
          value,
          message: `duplicates environments[${earlier}].${field}: each environment needs its own ${field === 'name' ? 'name' : 'account'}`,
        });
    });
  }
  return problems;
}

/** An organisation's environments, and its delivery pipeline when the configuration turns one on. */
export interface OrganisationConfig {
  readonly configs: ResidencyConfig[];
  readonly pipeline?: PipelineSettings;
}

/**
 * Validates a merged configuration with an `environments` list: the list's shape, names and accounts unique across
 * it, each environment (shared settings + its overrides) as strictly as a single configuration, and the `pipeline`
 * section against the environments, in one pass. Throws one ConfigError listing every problem with its path;
 * returns one configuration per environment, in list order, and the pipeline when the configuration turns one on.
 */
export function validateOrganisation(input: Json, source = 'merged configuration'): OrganisationConfig {
  const { environments, pipeline, ...shared } = input;
  const parsed = environmentsSchema.safeParse(environments, { reportInput: true });
  const problems = parsed.success ? [] : schemaProblems(environments, parsed.error.issues, ['environments']);
  const entries = Array.isArray(environments) ? environments : [];
  if (shared.guardrails !== undefined && valueAt(shared, ['guardrails', 'enabled']) === true) {
    problems.push({
      path: 'guardrails.enabled',
      value: true,
      message:
        'deploy the organisation guardrails from their own single-environment configuration (docs/guardrails.md): one set per organisation, not one per environment',
    });
  }
  const checked = entryProblems(shared, entries);
  problems.push(...checked.problems, ...duplicateProblems(entries));
  const delivery = pipeline === undefined ? undefined : pipelineProblems(pipeline, environments);
  if (delivery) problems.push(...delivery.problems);
  if (problems.length > 0 || checked.configs.length !== entries.length) throw new ConfigError(problems, source);
  return { configs: checked.configs, pipeline: delivery?.settings?.enabled ? delivery.settings : undefined };
}
