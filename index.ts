/**
 * cdk-ca-residency as a library: the constructs, the config loader and the stacks of the reference app.
 * The rule engine and the cdk-nag pack are exported from here too once present (see lib/nag).
 */
export * from './constructs';
export * from './lib/config';
export { PrimaryStack } from './lib/stacks/primary-stack';
export { RecoveryStack } from './lib/stacks/recovery-stack';
export { buildResidencyStacks, type ResidencyStacks } from './lib/stacks/residency-app';
export { RegionalFoundation } from './lib/stacks/regional-foundation';
