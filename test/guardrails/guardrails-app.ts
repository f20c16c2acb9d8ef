import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { ResidencyConfig } from '../../lib/config/schema';
import { validateConfig } from '../../lib/config/validate';
import { App } from 'aws-cdk-lib';
import { GuardrailsStack } from '../../lib/stacks/guardrails-stack';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { cdkJsonContext } from '../support/cdk-app';

/** A configuration with every guardrail on: organisation policies and detective rules. */
export const GUARDRAILS_CONFIG: ResidencyConfig = validateConfig({
  ...DEFAULT_CONFIG,
  guardrails: {
    ...DEFAULT_CONFIG.guardrails,
    enabled: true,
    managementAccountId: '111111111111',
    organizationId: 'o-a1b2c3d4e5',
    targetIds: ['ou-ab12-residency1'],
    detectiveRules: true,
  },
});

let built: ReturnType<typeof build> | undefined;

function build() {
  // CDK's schema validator is off as in the shared reference assembly: the three packs are what this app is judged by.
  const app = new App({ builtinCloudFormationValidation: false, context: cdkJsonContext() });
  const stacks = buildResidencyStacks(app, GUARDRAILS_CONFIG);
  const assembly = app.synth();
  const template = (stackName: string) =>
    assembly.getStackByName(stackName).template as { Resources: Record<string, { Type: string; Properties?: any }> };
  return { app, stacks, template };
}

/** The reference app with every guardrail on, synthesized once for all guardrail tests in a file. */
export function guardrailsApp(): ReturnType<typeof build> {
  built ??= build();
  return built;
}

/** The policy documents of the synthesized guardrails stack, by policy name suffix (`region-deny`, ...). */
export function synthesizedPolicies(): Record<string, { type: string; content: any; targets: string[] }> {
  const { stacks, template } = guardrailsApp();
  const resources = template(stacks.guardrails!.stackName).Resources;
  const prefix = `${GUARDRAILS_CONFIG.resourcePrefix}-${GUARDRAILS_CONFIG.environmentName}-`;
  const result: Record<string, { type: string; content: any; targets: string[] }> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::Organizations::Policy') continue;
    const p = resource.Properties;
    result[String(p.Name).slice(prefix.length)] = { type: p.Type, content: p.Content, targets: p.TargetIds };
  }
  return result;
}

/**
 * The policies of the guardrails stack alone, synthesized from GUARDRAILS_CONFIG (seconds, where the whole app
 * takes a minute), by deployed name: `{ type, content }` as in the template.
 */
export function synthesizedGuardrailsStack(): Record<string, { type: string; content: unknown }> {
  const app = new App();
  const stack = new GuardrailsStack(app, 'Guardrails', { config: GUARDRAILS_CONFIG });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: any }>;
  };
  const policies: Record<string, { type: string; content: unknown }> = {};
  for (const r of Object.values(template.Resources)) {
    if (r.Type === 'AWS::Organizations::Policy')
      policies[r.Properties.Name] = { type: r.Properties.Type, content: r.Properties.Content };
  }
  return policies;
}
