/**
 * The CaResidency rule engine: pure functions over CloudFormation templates, shared by the cdk-nag pack
 * (lib/nag) and the CLI. No CDK construct types here.
 */
export * from './types';
export * from './engine';
export * from './exemptions';
export * from './recorded-policy';
export { resolveString, render, literalOf } from './resolve';
export { StackRegionIsAllowed } from './StackRegionIsAllowed';
export { RegionReferencesAreResident } from './RegionReferencesAreResident';
export { S3ReplicationDestinationIsResident } from './S3ReplicationDestinationIsResident';
export { BackupCopyDestinationIsResident } from './BackupCopyDestinationIsResident';
export { DynamoDBGlobalTableReplicasAreResident } from './DynamoDBGlobalTableReplicasAreResident';
export { DataPathStaysInCanada } from './DataPathStaysInCanada';
export { ResourceTypeAvailableInRegion } from './ResourceTypeAvailableInRegion';
export { EncryptedAtRestWithCustomerKey } from './EncryptedAtRestWithCustomerKey';
export { EncryptedInTransit } from './EncryptedInTransit';
export { KmsKeysWellManaged } from './KmsKeysWellManaged';
export { ApiPayloadsStayOutOfLogsAndCaches } from './ApiPayloadsStayOutOfLogsAndCaches';
export { ResourceTypeClassified } from './ResourceTypeClassified';
export type { ResidencyOptions, Exemption, ResolvedResidencyOptions } from '../policy/options';
