/** One problem in a configuration: where it is, what was found, what is expected. */
export interface ConfigProblem {
  /** Dotted path of the field, e.g. `backup.daily.retentionDays`. */
  readonly path: string;
  /** The offending value as found (undefined when the field is missing). */
  readonly value: unknown;
  readonly message: string;
}

function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown once with every problem found, so a user fixes the whole config in one pass. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], source: string) {
    const lines = problems.map((p) => `  - ${p.path || '(root)'}: ${p.message} (got ${showValue(p.value)})`);
    super(`Invalid cdk-ca-residency configuration (${source}): ${problems.length} problem(s)\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
