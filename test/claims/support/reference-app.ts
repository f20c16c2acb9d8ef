import { DEFAULT_CONFIG } from '../../../lib/config/defaults';
import { ResidencyNames } from '../../../lib/config/naming';
import { buildResidencyStacks } from '../../../lib/stacks/residency-app';
import { newTestApp } from '../../support/cdk-app';
import { CfnResource, CfnTemplate } from '../../support/template-queries';
import { resolveIntrinsics, StackEnv } from './resolve-template';

export interface DeployedStack extends StackEnv {
  readonly name: 'primary' | 'recovery';
  readonly template: CfnTemplate;
  /** A value of the template (a policy, an ARN) with its intrinsics resolved to what they are once deployed. */
  resolve<T = string>(value: unknown): T;
}

/** The reference app with the embedded default config, synthesized once per test file. */
export function referenceStacks(): { stacks: DeployedStack[]; names: ResidencyNames; account: string } {
  const app = newTestApp();
  const { primary, recovery } = buildResidencyStacks(app, DEFAULT_CONFIG);
  const assembly = app.synth();
  const stacks = [
    { name: 'primary' as const, stack: primary },
    { name: 'recovery' as const, stack: recovery! },
  ].map(({ name, stack }) => {
    const env = { account: DEFAULT_CONFIG.accountId, region: stack.region };
    const raw = assembly.getStackByName(stack.stackName).template as CfnTemplate;
    return { name, ...env, template: raw, resolve: <T = string>(value: unknown) => resolveIntrinsics(value, raw, env) as T };
  });
  return { stacks, names: new ResidencyNames(DEFAULT_CONFIG), account: DEFAULT_CONFIG.accountId };
}

/** Resources of one type, with their logical ids. */
export function resourcesOf(stack: DeployedStack, type: string): [string, CfnResource][] {
  return Object.entries(stack.template.Resources).filter(([, r]) => r.Type === type);
}
