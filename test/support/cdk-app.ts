import { readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';

/** The feature flags of the project's cdk.json, so tests synthesize what `cdk synth` synthesizes. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export function newTestApp(extraContext: Record<string, unknown> = {}): App {
  return new App({ context: { ...cdkJsonContext(), ...extraContext } });
}
