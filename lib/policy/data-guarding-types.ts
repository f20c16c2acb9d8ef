/**
 * Resource types that hold no data themselves but whose loss makes other data unreadable. Deleting a
 * customer-managed KMS key (CloudFormation schedules its deletion when the resource is removed or replaced)
 * is crypto-shredding: every object, snapshot and recovery point encrypted under it can no longer be decrypted,
 * in every region where it was copied with that key. A reviewer must see that as destructive as losing the
 * data store itself.
 *
 * Source: AWS KMS Developer Guide, "Deleting AWS KMS keys" (deletion is irreversible; data encrypted under the
 * key becomes unrecoverable), and the CloudFormation `AWS::KMS::Key` / `AWS::KMS::ReplicaKey` reference
 * (removing the resource schedules the key for deletion after `PendingWindowInDays`). Checked 2026-11-29.
 */
export const DATA_GUARDING_TYPES: Readonly<Record<string, string>> = {
  'AWS::KMS::Key': 'data encrypted under the key becomes unreadable once its scheduled deletion completes',
  'AWS::KMS::ReplicaKey':
    'data encrypted under the replica in its region becomes unreadable once its scheduled deletion completes',
};

/** True when destroying or replacing a resource of this type would make data unreadable. */
export function guardsData(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(DATA_GUARDING_TYPES, type);
}
