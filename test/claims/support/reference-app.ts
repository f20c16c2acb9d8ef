import { DEFAULT_CONFIG } from '../../../lib/config/defaults';
import { ResidencyNames } from '../../../lib/config/naming';
import { referenceAssembly } from '../../support/reference-assembly';
import { CfnResource, CfnTemplate } from '../../support/template-queries';
import { resolveIntrinsics, StackEnv } from './resolve-template';

export interface DeployedStack extends StackEnv {
  readonly name: 'primary' | 'recovery';
  readonly template: CfnTemplate;
  /** A value of the template (a policy, an ARN) with its intrinsics resolved to what they are once deployed. */
  resolve<T = string>(value: unknown): T;
}

/** The reference app with the embedded default config: the assembly the test run synthesizes once and shares. */
export function referenceStacks(): { stacks: DeployedStack[]; names: ResidencyNames; account: string } {
  const assembly = referenceAssembly();
  const names = new ResidencyNames(DEFAULT_CONFIG);
  const stacks = (['primary', 'recovery'] as const).map((name) => {
    const artifact = assembly.getStackByName(names.stackName(name));
    const env = { account: DEFAULT_CONFIG.accountId, region: artifact.environment.region };
    const raw = artifact.template as CfnTemplate;
    return {
      name,
      ...env,
      template: raw,
      resolve: <T = string>(value: unknown) => resolveIntrinsics(value, raw, env) as T,
    };
  });
  return { stacks, names, account: DEFAULT_CONFIG.accountId };
}

/** Resources of one type, with their logical ids. */
export function resourcesOf(stack: DeployedStack, type: string): [string, CfnResource][] {
  return Object.entries(stack.template.Resources).filter(([, r]) => r.Type === type);
}
