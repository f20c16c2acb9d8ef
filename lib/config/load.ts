import { readFileSync } from 'fs';
import { ConfigError } from './config-error';
import { DEFAULT_CONFIG } from './defaults';
import { validateOrganisation } from './environments';
import { FieldKind, fieldKinds } from './field-kinds';
import { Json, isPlainObject, merge } from './merge';
import { PipelineSettings, pipelineSchema } from './pipeline';
import { ResidencyConfig, residencyConfigSchema } from './schema';
import { validateConfig } from './validate';

/** cdk.json / `-c` context key holding a whole (partial) configuration object. */
export const CONFIG_CONTEXT_KEY = 'caResidency';
/** Context key naming a JSON file with a (partial) configuration: `-c caResidencyConfigFile=prod.json`. */
export const CONFIG_FILE_CONTEXT_KEY = 'caResidencyConfigFile';
/** Prefix of single-field overrides: `-c caResidency.backup.daily.retentionDays=35`. */
export const CONFIG_OVERRIDE_PREFIX = `${CONFIG_CONTEXT_KEY}.`;

/**
 * `-c` values arrive as strings. Convert them to the type the schema gives the field (not the type of its current
 * value: an optional field with no default has none), so `-c caResidency.backup.daily.copyRetentionDays=35` sets a
 * number. A string that does not convert is kept as it is, and validation reports it with its path.
 */
function coerce(raw: unknown, kinds: ReadonlySet<FieldKind>): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (kinds.has('number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (kinds.has('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (kinds.has('array')) {
    if (text.startsWith('[')) return tryJson(text) ?? raw;
    return text === '' ? [] : text.split(',').map((item) => item.trim());
  }
  if (kinds.has('object') && text.startsWith('{')) return tryJson(text) ?? raw;
  return raw;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function setPath(target: Json, path: readonly string[], raw: unknown, kinds: ReadonlySet<FieldKind>): Json {
  const [head, ...rest] = path;
  const current = target[head];
  if (rest.length === 0) return { ...target, [head]: coerce(raw, kinds) };
  return { ...target, [head]: setPath(isPlainObject(current) ? current : {}, rest, raw, kinds) };
}

function readConfigFile(file: string, read: (file: string) => string): unknown {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new ConfigError(
      [{ path: CONFIG_FILE_CONTEXT_KEY, value: file, message: `cannot read the file: ${(error as Error).message}` }],
      `file ${file}`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isPlainObject(parsed)) throw new Error('the top level must be a JSON object');
    return parsed;
  } catch (error) {
    throw new ConfigError(
      [
        {
          path: CONFIG_FILE_CONTEXT_KEY,
          value: file,
          message: `not a JSON configuration: ${(error as Error).message}`,
        },
      ],
      `file ${file}`,
    );
  }
}

/**
 * Builds the configuration from its sources, later ones winning: the embedded default, the
 * `caResidency` context object (cdk.json), the JSON file named by `caResidencyConfigFile`, then
 * single-field `caResidency.<path>=value` overrides. Validates the result before anything is built.
 */
export function resolveConfig(
  context: Record<string, unknown>,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): ResidencyConfig {
  const { merged, source } = mergeConfigSources(context, read);
  return validateConfig(merged, source);
}

/**
 * Like resolveConfig, for a configuration that may list `environments`: one validated configuration per
 * environment (the shared settings with the entry's overrides), or a single one when there is no list.
 * Every problem of every environment is reported at once.
 */
export function resolveEnvironments(
  context: Record<string, unknown>,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): ResolvedEnvironments {
  const { merged, source } = mergeConfigSources(context, read);
  if (isPlainObject(merged) && 'environments' in merged)
    return { listed: true, ...validateOrganisation(merged, source) };
  if (isPlainObject(merged) && 'pipeline' in merged) {
    throw new ConfigError(
      [
        {
          path: 'pipeline',
          value: merged.pipeline,
          message: 'a delivery pipeline deploys the stages of an `environments` list: list the environment(s) there',
        },
      ],
      source,
    );
  }
  return { listed: false, configs: [validateConfig(merged, source)] };
}

export interface ResolvedEnvironments {
  /** True when the configuration lists `environments` (one Stage each); false for a single-environment one. */
  readonly listed: boolean;
  /** One validated configuration per environment, in list order. */
  readonly configs: ResidencyConfig[];
  /** The delivery pipeline, when the configuration lists environments and turns it on. */
  readonly pipeline?: PipelineSettings;
}

function mergeConfigSources(
  context: Record<string, unknown>,
  read: (file: string) => string,
): { merged: unknown; source: string } {
  const sources = ['embedded defaults'];
  let merged: unknown = DEFAULT_CONFIG;

  const fromContext = context[CONFIG_CONTEXT_KEY];
  if (fromContext !== undefined) {
    const value = typeof fromContext === 'string' ? tryJson(fromContext) : fromContext;
    if (!isPlainObject(value)) {
      throw new ConfigError(
        [{ path: CONFIG_CONTEXT_KEY, value: fromContext, message: 'context value must be a JSON object' }],
        'context',
      );
    }
    merged = merge(merged, value);
    sources.push(`context "${CONFIG_CONTEXT_KEY}"`);
  }

  const file = context[CONFIG_FILE_CONTEXT_KEY];
  if (file !== undefined) {
    if (typeof file !== 'string' || file.trim() === '') {
      throw new ConfigError(
        [{ path: CONFIG_FILE_CONTEXT_KEY, value: file, message: 'must be the path of a JSON file' }],
        'context',
      );
    }
    merged = merge(merged, readConfigFile(file, read));
    sources.push(`file ${file}`);
  }

  // Sorted so that overrides apply in the same order on every run.
  const overrides = Object.keys(context)
    .filter((key) => key.startsWith(CONFIG_OVERRIDE_PREFIX))
    .sort();
  for (const key of overrides) {
    const path = key.slice(CONFIG_OVERRIDE_PREFIX.length).split('.');
    // `pipeline` is beside the environment settings, not one of them: its own schema types its fields.
    const kinds =
      path[0] === 'pipeline' ? fieldKinds(pipelineSchema, path.slice(1)) : fieldKinds(residencyConfigSchema, path);
    merged = setPath(merged as Json, path, context[key], kinds);
  }
  if (overrides.length > 0) sources.push(`${overrides.length} -c override(s)`);

  return { merged, source: sources.join(' + ') };
}
