/** `ca-residency verify`: live checks of a deployed account's S3 buckets, the replication canary and the auditor. */
export * from './findings';
export * from './aws-errors';
export * from './retry';
export * from './bucket-location';
export * from './clients';
export * from './context';
export * from './tls-policy';
export * from './judge-key';
export * from './list-buckets';
export * from './check-bucket';
export * from './verify-options';
export * from './verify-account';
export * from './canary';
export * from './format-verify';
export * from './auditor-metrics';
