import { DataStoreEntry, KeyFacts } from '../report/model';
import { compareText } from '../report/references';
import { DATA_STORE_FIELDS, DataStoreChange, DataStoreField, DataStoreState } from './model';

/** The facts of a report entry a change can move. */
export function stateOf(d: DataStoreEntry): DataStoreState {
  return {
    ...(d.region !== undefined ? { region: d.region } : {}),
    atRest: d.atRest,
    inTransit: d.inTransit,
    replication: d.replication,
    backup: d.backup,
  };
}

/** How a key is named: the key resource of the app, or the reference as written. */
export function keyName(k: KeyFacts | undefined): string | undefined {
  if (!k) return undefined;
  return k.logicalId !== undefined ? `${k.stackName}/${k.logicalId}` : k.reference;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each field read from a state; two states differ in a field when these differ. */
const FIELD_VALUE: Record<DataStoreField, (s: DataStoreState) => unknown> = {
  region: (s) => s.region,
  encryption: (s) => s.atRest.status,
  key: (s) => keyName(s.atRest.key),
  keyRegion: (s) => s.atRest.key?.region,
  inTransit: (s) => s.inTransit,
  replication: (s) => s.replication,
  backup: (s) => s.backup,
};

/** The fields in which two states of a data store differ, in DATA_STORE_FIELDS order. */
export function changedFields(before: DataStoreState, after: DataStoreState): DataStoreField[] {
  return DATA_STORE_FIELDS.filter((f) => !same(FIELD_VALUE[f](before), FIELD_VALUE[f](after)));
}

/**
 * Data stores of one stack on each side, compared by logical id: added, removed, or changed in one of the
 * DATA_STORE_FIELDS. A logical id whose type changed is the old store removed and a new one added. Sorted by
 * logical id (a removal before an addition of the same id).
 */
export function dataStoreChanges(base: readonly DataStoreEntry[], head: readonly DataStoreEntry[]): DataStoreChange[] {
  const before = new Map(base.map((d) => [d.logicalId, d]));
  const after = new Map(head.map((d) => [d.logicalId, d]));
  const out: DataStoreChange[] = [];
  const removed = (d: DataStoreEntry): DataStoreChange => ({
    logicalId: d.logicalId,
    type: d.type,
    change: 'removed',
    before: stateOf(d),
    fields: [],
  });
  const added = (d: DataStoreEntry): DataStoreChange => ({
    logicalId: d.logicalId,
    type: d.type,
    change: 'added',
    after: stateOf(d),
    fields: [],
  });
  for (const b of base) {
    const h = after.get(b.logicalId);
    if (!h) {
      out.push(removed(b));
    } else if (h.type !== b.type) {
      out.push(removed(b), added(h));
    } else {
      const fields = changedFields(stateOf(b), stateOf(h));
      if (fields.length > 0)
        out.push({
          logicalId: b.logicalId,
          type: b.type,
          change: 'changed',
          before: stateOf(b),
          after: stateOf(h),
          fields,
        });
    }
  }
  for (const h of head) if (!before.has(h.logicalId)) out.push(added(h));
  // Stable: by logical id; the removal of a replaced type first (Array.prototype.sort is stable).
  return out.sort((a, b) => compareText(a.logicalId, b.logicalId));
}
