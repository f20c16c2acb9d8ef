import { compareText } from '../report/references';
import { keyName } from './data-stores';
import { DataStoreChange, DataStoreField, DataStoreState, DestructiveChange, StackDiff } from './model';

/** How the renderers name values; Markdown passes one that wraps names in code spans. */
export type Name = (s: string) => string;

const plain: Name = (s) => s;
const where = (region: string | undefined) => region ?? 'unknown region';

/** One field of a data store's state, for one side of `before → after`. */
export function describeField(field: DataStoreField, s: DataStoreState, name: Name = plain): string {
  switch (field) {
    case 'region':
      return where(s.region);
    case 'encryption':
      return s.atRest.status;
    case 'key': {
      const k = keyName(s.atRest.key);
      return k === undefined ? 'none' : name(k);
    }
    case 'keyRegion':
      return s.atRest.key ? where(s.atRest.key.region) : 'no key';
    case 'inTransit':
      return `${s.inTransit.status} (${s.inTransit.detail})`;
    case 'replication':
      return s.replication.length === 0
        ? 'none'
        : s.replication.map((r) => `${name(r.destination)} (${where(r.region)})`).join(', ');
    case 'backup': {
      if (s.backup.length === 0) return 'none';
      const lines = s.backup.map((b) => {
        const copies = b.copies.map((c) => `${name(c.vault)} (${where(c.region)})`).sort(compareText);
        return `${name(b.plan)}/${b.rule} → ${name(b.vault)} (${where(b.region)})${copies.length > 0 ? `, copies to ${copies.join(', ')}` : ', no copy'}`;
      });
      return [...new Set(lines)].join('; ');
    }
  }
}

/** A data store in one phrase: where it is, its key, its in-transit control, replication and backup. */
export function describeState(s: DataStoreState, name: Name = plain): string {
  const key = s.atRest.key
    ? `key ${describeField('key', s, name)} (${describeField('keyRegion', s, name)})`
    : s.atRest.status;
  return [
    `in ${where(s.region)}`,
    key,
    `in transit ${s.inTransit.status}`,
    `replication ${describeField('replication', s, name)}`,
    `backup ${describeField('backup', s, name)}`,
  ].join('; ');
}

/** `field: before → after` for each changed field of a changed data store. */
export function fieldChanges(d: DataStoreChange, name: Name = plain): string[] {
  return d.fields.map((f) => `${f}: ${describeField(f, d.before!, name)} → ${describeField(f, d.after!, name)}`);
}

export const IMPACT_LABEL: Record<DestructiveChange['impact'], string> = {
  replace: 'replaced',
  destroy: 'destroyed',
  'may-replace': 'may be replaced',
};

/** `name (region)` of a stack. */
export function stackTitle(s: StackDiff): string {
  return `${s.stack} (${where(s.region)})`;
}

/** The one-line summary both renderers start with. */
export function summaryLine(diff: {
  readonly stacks: readonly StackDiff[];
  readonly summary: Record<string, number>;
}): string {
  const by = (status: string) => diff.stacks.filter((s) => s.status === status).length;
  const s = diff.summary;
  return (
    `${diff.stacks.length} stack(s): ${by('changed')} changed, ${by('added')} added, ${by('removed')} removed, ${by('unchanged')} unchanged. ` +
    `${s.destructive} destructive change(s); data stores ${s.dataStoresAdded} added, ${s.dataStoresRemoved} removed, ${s.dataStoresChanged} changed; ` +
    `findings ${s.findingsAdded} added, ${s.findingsRemoved} removed.`
  );
}
