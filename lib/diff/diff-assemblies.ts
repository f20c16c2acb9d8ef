import { CheckInputError } from '../check/input-error';
import { dayOf, readAssemblyWithReport } from '../report/assembly-report';
import { AcknowledgementEntry, DataStoreEntry, ExemptionEntry, ReportFinding, ResidencyReport } from '../report/model';
import { compareText } from '../report/references';
import { policyFromTemplates } from '../rules/recorded-policy';
import { TemplateUnderTest } from '../rules/types';
import { dataStoreChanges } from './data-stores';
import { destructiveChanges } from './destructive';
import { AddedAndRemoved, DestructiveChange, ExemptionChange, ResidencyDiff, StackDiff } from './model';
import { StackIndex, stackKey } from './stack-index';

/** One assembly as the diff reads it: its templates and its residency report. */
export interface DiffSide {
  readonly templates: readonly TemplateUnderTest[];
  readonly report: ResidencyReport;
}

export interface DiffOptions {
  /** The day exemptions are judged against, on both sides. Default: today (UTC). */
  readonly evaluationDate?: Date;
  /** How the two directories are named in error messages. */
  readonly baseLabel?: string;
  readonly headLabel?: string;
}

/**
 * What deploying the head assembly over the base one does to where data lives, how it is protected, and
 * whether it destroys any. Both are read and judged as `ca-residency report` does (same reader, same rules, same
 * day). Throws CheckInputError on an unreadable assembly.
 */
export function diffAssemblies(baseDir: string, headDir: string, options: DiffOptions = {}): ResidencyDiff {
  const evaluationDate = dayOf(options.evaluationDate ?? new Date());
  const base = readAssemblyWithReport(baseDir, { evaluationDate, label: options.baseLabel });
  const head = readAssemblyWithReport(headDir, { evaluationDate, label: options.headLabel });
  return diffSides(base, head);
}

/** What one stack has on one side, with the app-wide lists of the report shared out to it. */
interface StackSide {
  readonly template: TemplateUnderTest;
  readonly dataStores: DataStoreEntry[];
  readonly findings: ReportFinding[];
  readonly exemptions: ExemptionChange[];
  readonly acknowledgements: AcknowledgementEntry[];
}

const findingKey = (f: ReportFinding) =>
  [f.ruleId, f.stackName, f.region ?? '', f.logicalId, f.path, f.severity].join('\u0000');
// What an exemption or acknowledgement covers is part of it: one that starts covering a new resource is news.
const exemptionKey = (e: ExemptionChange) => [e.expires, e.ruleId, e.resource, e.reason, ...e.covers].join('\u0000');
const acknowledgementKey = (a: AcknowledgementEntry) =>
  [a.pack, a.ruleId, a.acknowledgedAt, a.reason, ...a.resources].join('\u0000');

function exemptionChange(e: ExemptionEntry): ExemptionChange {
  return { ruleId: e.ruleId, resource: e.resource, reason: e.reason, expires: e.expires, covers: e.covers };
}

/** Share the report's lists out to the stacks of one assembly. */
function stacksOf(side: DiffSide): Map<string, StackSide> {
  const index = new StackIndex(side.templates);
  const out = new Map<string, StackSide>();
  for (const t of side.templates)
    out.set(stackKey(t), { template: t, dataStores: [], findings: [], exemptions: [], acknowledgements: [] });
  const give = <T>(
    keys: readonly string[],
    list: 'dataStores' | 'findings' | 'exemptions' | 'acknowledgements',
    item: T,
  ) => {
    for (const k of keys) (out.get(k)?.[list] as T[] | undefined)?.push(item);
  };
  const r = side.report;
  for (const d of r.dataStores) give(index.byName(d.stackName, d.region), 'dataStores', d);
  // A finding about the pack's options (no stack) names the exemption's resource or the acknowledged scope.
  for (const f of r.findings)
    give(f.stackName === '' ? index.owning([f.logicalId]) : index.byName(f.stackName, f.region), 'findings', f);
  for (const e of r.exemptions)
    give(index.owning(e.covers.length > 0 ? e.covers : [e.resource]), 'exemptions', exemptionChange(e));
  for (const a of r.acknowledgements)
    give(index.owning(a.resources.length > 0 ? a.resources : [a.acknowledgedAt]), 'acknowledgements', a);
  return out;
}

/** Items of `head` whose key `base` lacks, and the reverse; each sorted by key. */
function addedAndRemoved<T>(base: readonly T[], head: readonly T[], key: (t: T) => string): AddedAndRemoved<T> {
  const only = (from: readonly T[], other: readonly T[]) => {
    const keys = new Set(other.map(key));
    return from.filter((t) => !keys.has(key(t))).sort((a, b) => compareText(key(a), key(b)));
  };
  return { added: only(head, base), removed: only(base, head) };
}

/** Destructive changes of one stack; a template the comparison cannot read is bad input, named by its file. */
function destructiveOf(
  base: TemplateUnderTest,
  head: TemplateUnderTest | undefined,
  statelessTypes: readonly string[],
): DestructiveChange[] {
  try {
    return destructiveChanges(base.template, head?.template, statelessTypes);
  } catch (e) {
    const files = [base.templateFile, head?.templateFile].filter((f) => f !== undefined).join(' and ');
    throw new CheckInputError(`${files || base.stackName}: cannot compare the templates (${(e as Error).message})`);
  }
}

function stackDiff(
  base: StackSide | undefined,
  head: StackSide | undefined,
  statelessTypes: readonly string[],
): StackDiff {
  const t = (head ?? base)!.template;
  const none: StackSide = { template: t, dataStores: [], findings: [], exemptions: [], acknowledgements: [] };
  const b = base ?? none;
  const h = head ?? none;
  const diff = {
    dataStores: dataStoreChanges(b.dataStores, h.dataStores),
    destructive: base ? destructiveOf(base.template, head?.template, statelessTypes) : [],
    findings: addedAndRemoved(b.findings, h.findings, findingKey),
    exemptions: addedAndRemoved(b.exemptions, h.exemptions, exemptionKey),
    acknowledgements: addedAndRemoved(b.acknowledgements, h.acknowledgements, acknowledgementKey),
  };
  const changed =
    diff.dataStores.length + diff.destructive.length > 0 ||
    [diff.findings, diff.exemptions, diff.acknowledgements].some((x) => x.added.length + x.removed.length > 0);
  const status = !base ? 'added' : !head ? 'removed' : changed ? 'changed' : 'unchanged';
  return { stack: t.stackName, ...(t.region !== undefined ? { region: t.region } : {}), status, ...diff };
}

/** The diff of two assemblies already read. Pure: the same sides give the same diff. */
export function diffSides(base: DiffSide, head: DiffSide): ResidencyDiff {
  const before = stacksOf(base);
  const after = stacksOf(head);
  // Types the pack was told hold no data: the head's policy, else the base's (a removed app has only that one).
  const statelessTypes =
    (policyFromTemplates(head.templates) ?? policyFromTemplates(base.templates))?.options.statelessTypes ?? [];
  const order = (k: string) => {
    const t = (after.get(k) ?? before.get(k))!.template;
    return [t.stackName, t.region ?? '', t.account ?? ''].join('\u0000');
  };
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => compareText(order(a), order(b)));
  const stacks = keys.map((k) => stackDiff(before.get(k), after.get(k), statelessTypes));

  const count = (pick: (s: StackDiff) => number) => stacks.reduce((n, s) => n + pick(s), 0);
  const distinctFindings = (pick: (s: StackDiff) => readonly ReportFinding[]) =>
    new Set(stacks.flatMap((s) => pick(s).map(findingKey))).size;
  const storesWith = (change: string) => count((s) => s.dataStores.filter((d) => d.change === change).length);
  return {
    stacks,
    summary: {
      destructive: count((s) => s.destructive.length),
      dataStoresAdded: storesWith('added'),
      dataStoresRemoved: storesWith('removed'),
      dataStoresChanged: storesWith('changed'),
      findingsAdded: distinctFindings((s) => s.findings.added),
      findingsRemoved: distinctFindings((s) => s.findings.removed),
    },
  };
}
