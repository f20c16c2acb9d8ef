import { describeState, fieldChanges, IMPACT_LABEL, Name } from './describe';
import { AddedAndRemoved, StackDiff } from './model';

/** `+` added, `-` removed, `~` changed, `!` replaced, destroyed or may be replaced. */
export type Sign = '+' | '-' | '~' | '!';

/** One line of a section, with detail lines under it. */
export interface Item {
  readonly sign: Sign;
  readonly line: string;
  readonly details: readonly string[];
}

export interface Section {
  readonly title: 'destructive' | 'data stores' | 'findings' | 'exemptions' | 'acknowledgements';
  readonly items: readonly Item[];
}

function both<T>(list: AddedAndRemoved<T>, line: (t: T) => string, details: (t: T) => string[] = () => []): Item[] {
  return [
    ...list.added.map((t) => ({ sign: '+' as const, line: line(t), details: details(t) })),
    ...list.removed.map((t) => ({ sign: '-' as const, line: line(t), details: details(t) })),
  ];
}

/** What changed in a stack, section by section (empty sections left out); the text and Markdown renderers print these. */
export function stackSections(s: StackDiff, name: Name): Section[] {
  const sections: Section[] = [
    {
      title: 'destructive',
      items: s.destructive.map((d) => ({
        sign: '!',
        line: `${name(d.logicalId)} (${d.type}) ${IMPACT_LABEL[d.impact]}: ${d.holdsData ? 'holds data' : 'holds no data'}`,
        details: [],
      })),
    },
    {
      title: 'data stores',
      items: s.dataStores.map((d) => {
        const id = `${name(d.logicalId)} (${d.type})`;
        if (d.change === 'changed') return { sign: '~', line: id, details: fieldChanges(d, name) };
        return {
          sign: d.change === 'added' ? '+' : '-',
          line: `${id}: ${describeState((d.after ?? d.before)!, name)}`,
          details: [],
        };
      }),
    },
    {
      title: 'findings',
      items: both(
        s.findings,
        (f) => `${f.severity} ${f.ruleId} on ${name(f.logicalId)} (${f.resourceType}) at ${name(f.path)}`,
        (f) => [f.message],
      ),
    },
    {
      title: 'exemptions',
      items: both(
        s.exemptions,
        (e) =>
          `${e.ruleId} on ${name(e.resource)}, expires ${e.expires}${e.covers.length > 0 ? `, covers ${e.covers.map(name).join(', ')}` : ', covers nothing'}`,
        (e) => [e.reason],
      ),
    },
    {
      title: 'acknowledgements',
      items: both(
        s.acknowledgements,
        (a) => `${a.pack} ${a.ruleId} at ${name(a.acknowledgedAt || '(app)')} for ${a.resources.map(name).join(', ')}`,
        (a) => [a.reason],
      ),
    },
  ];
  return sections.filter((x) => x.items.length > 0);
}
