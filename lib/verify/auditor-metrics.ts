/**
 * What the scheduled auditor publishes. Shared by the handler (which puts the data) and the construct (whose
 * alarms read it), so a renamed metric cannot leave an alarm watching nothing. No SDK import here: the
 * construct loads this file at synth.
 */
export const AUDITOR_NAMESPACE = 'CaResidency/Auditor';
/** Buckets with at least one error or fatal finding. */
export const NON_COMPLIANT_BUCKETS_METRIC = 'NonCompliantBuckets';
/** Buckets outside the allowed regions or replicating outside them. */
export const RESIDENCY_DRIFT_METRIC = 'ResidencyDrift';
/** Buckets checked (a sudden drop means the auditor lost access). */
export const BUCKETS_CHECKED_METRIC = 'BucketsChecked';

/** Environment variables the construct sets and the handler reads. */
export const AUDITOR_ENV = {
  allowedRegions: 'ALLOWED_REGIONS',
  homeRegion: 'HOME_REGION',
  expectReplication: 'EXPECT_REPLICATION',
  expectObjectLock: 'EXPECT_OBJECT_LOCK',
} as const;
