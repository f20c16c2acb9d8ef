import { ConfigError, ConfigProblem } from '../../lib/config/config-error';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';

/** Runs something that must reject a configuration and returns the problems it listed. */
export function problemsOf(run: () => unknown): ConfigProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected the configuration to be rejected');
}

/** A copy of the embedded default with a change applied, for one test's bad or edge-case config. */
export function withDefaults(patch: (config: any) => void): any {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  patch(config);
  return config;
}
