/**
 * cdk-ca-residency as a library: the constructs, the config loader, the stacks of the reference app,
 * the rule engine and the CaResidency cdk-nag pack.
 */
export * from './constructs';
export * from './lib/config';
export { PrimaryStack } from './lib/stacks/primary-stack';
export { RecoveryStack } from './lib/stacks/recovery-stack';
export { buildResidencyStacks, type ResidencyStacks } from './lib/stacks/residency-app';
export { RegionalFoundation } from './lib/stacks/regional-foundation';
export * from './lib/nag';
export * from './lib/rules';
export * from './lib/policy';
