import * as fs from 'fs';
import * as path from 'path';
import { GC_GUARDRAILS } from '../../lib/policy/gc-guardrails';
import {
  ACKNOWLEDGEMENT_RULE_ID,
  EXEMPTION_RULE_ID,
  FindingCategory,
  RESOURCE_RULES,
  RULE_IDS,
  STACK_RULES,
} from '../../lib/rules';

const root = path.join(__dirname, '..', '..');
const rulesDoc = fs.readFileSync(path.join(root, 'docs', 'rules.md'), 'utf-8');
const sampleReport = fs.readFileSync(path.join(root, 'docs', 'sample-report.md'), 'utf-8');

/** The rule's section of docs/rules.md (from its heading to the next heading), whitespace collapsed. */
function section(id: string): string | undefined {
  const m = new RegExp(`^### ${id}\\n([\\s\\S]*?)(?=^##)`, 'm').exec(`${rulesDoc}\n## end`);
  return m?.[1].replace(/\s+/g, ' ');
}

/** Every `GC guardrail(s) N (title)` / `GR N title` citation in a text, with the title when it has one. */
function citations(text: string): { n: number; title?: string }[] {
  const flat = text.replace(/\s+/g, ' ').replace(/\*\*/g, '');
  const out: { n: number; title?: string }[] = [];
  for (const m of flat.matchAll(/GC guardrails? (\d+)(?: \(([^)]+)\))?(?:(?: and|,) (\d+) \(([^)]+)\))?/g)) {
    out.push({ n: Number(m[1]), title: m[2] });
    if (m[3]) out.push({ n: Number(m[3]), title: m[4] });
  }
  for (const m of flat.matchAll(/GR (\d+) ([a-z ]+)/g)) out.push({ n: Number(m[1]), title: m[2].trim() });
  return out;
}

const BY_NUMBER = new Map<number, string>(Object.values(GC_GUARDRAILS).map((g) => [g.number, g.title]));
const FOR_CATEGORY: Partial<Record<FindingCategory, number>> = {
  residency: GC_GUARDRAILS.dataLocation.number,
  'region-availability': GC_GUARDRAILS.dataLocation.number,
  'encryption-at-rest': GC_GUARDRAILS.dataAtRest.number,
  'key-management': GC_GUARDRAILS.dataAtRest.number,
  'encryption-in-transit': GC_GUARDRAILS.dataInTransit.number,
};

describe('docs/rules.md', () => {
  test('every rule id the engine can report has a section', () => {
    const missing = [...RULE_IDS, EXEMPTION_RULE_ID, ACKNOWLEDGEMENT_RULE_ID].filter((id) => section(id) === undefined);
    expect(missing).toEqual([]);
  });

  test('a rule section cites only the GC guardrail of its category', () => {
    const wrong = [...STACK_RULES, ...RESOURCE_RULES].flatMap((r) =>
      citations(section(r.id) ?? '')
        .filter((c) => c.n !== FOR_CATEGORY[r.category])
        .map((c) => `${r.id} cites GC guardrail ${c.n}`),
    );
    expect(wrong).toEqual([]);
  });

  test('docs and report cite the same GC guardrails, with the same numbers and titles', () => {
    const all = [...citations(rulesDoc), ...citations(sampleReport)];
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) {
      expect([c.n, BY_NUMBER.has(c.n)]).toEqual([c.n, true]);
      if (c.title) expect(BY_NUMBER.get(c.n)).toContain(c.title.replace(/^protection of /, ''));
    }
    // The report's controls: residency → data location, SC-28 → data at rest, SC-8 → data in transit.
    const row = (id: string) => sampleReport.split('\n').find((l) => l.startsWith(`| **${id}**`)) ?? '';
    expect(citations(row('residency')).map((c) => c.n)).toEqual([GC_GUARDRAILS.dataLocation.number]);
    expect(citations(row('SC-28')).map((c) => c.n)).toEqual([GC_GUARDRAILS.dataAtRest.number]);
    expect(citations(row('SC-8')).map((c) => c.n)).toEqual([GC_GUARDRAILS.dataInTransit.number]);
  });
});
