/**
 * The CaResidency rule engine: pure functions over CloudFormation templates, shared by the cdk-nag pack
 * (lib/nag) and the CLI. No CDK construct types here.
 */
export * from './types';
export * from './engine';
export * from './exemptions';
export * from './recorded-policy';
export { resolveString, render, literalOf } from './resolve';
export { StackRegionIsAllowed } from './StackRegion';
export { RegionReferencesAreResident } from './ResidentRegion';
export { S3ReplicationDestinationIsResident } from './S3ReplicationDestination';
export { BackupCopyDestinationIsResident } from './BackupCopyDestination';
export { DynamoDBGlobalTableReplicasAreResident } from './DynamoDBReplicaRegion';
export { DataPathStaysInCanada } from './GlobalService';
export { ResourceTypeAvailableInRegion } from './RegionAvailability';
export { EncryptedAtRestWithCustomerKey } from './EncryptedAtRest';
export { EncryptedInTransit } from './EncryptedInTransit';
export { KmsKeysWellManaged } from './KeyManagement';
export { ApiPayloadsStayOutOfLogsAndCaches } from './DataExposure';
export { ResourceTypeClassified } from './Unclassified';
export type { ResidencyOptions, Exemption, ResolvedResidencyOptions } from '../policy/options';
