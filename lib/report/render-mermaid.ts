import { DataFlow, FlowEnd, FlowKind } from './model';
import { compareText } from './references';

/** Mermaid node id: letters, digits and underscores only, derived from the stable flow-end id. */
function nodeId(end: FlowEnd): string {
  return `n_${end.id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/** Cross-region flows are drawn thick, backups plain, log delivery dotted. */
const ARROW: Record<FlowKind, string> = {
  replication: '==>',
  'backup-copy': '==>',
  backup: '-->',
  'log-delivery': '-.->',
};

/**
 * A Mermaid flowchart of the data flows, one subgraph per region. Node ids derive from stack and logical id
 * (not from positions), so adding a resource adds lines without renumbering the others.
 */
export function renderMermaid(flows: readonly DataFlow[]): string {
  const nodes = new Map<string, FlowEnd>();
  for (const f of flows) {
    nodes.set(nodeId(f.from), f.from);
    nodes.set(nodeId(f.to), f.to);
  }
  const byRegion = new Map<string, [string, FlowEnd][]>();
  for (const [id, end] of nodes) {
    const region = end.region ?? '';
    byRegion.set(region, [...(byRegion.get(region) ?? []), [id, end]]);
  }
  const out = ['flowchart LR'];
  for (const region of [...byRegion.keys()].sort(compareText)) {
    const members = byRegion.get(region)!.sort(([a], [b]) => compareText(a, b));
    const indent = region ? '    ' : '  ';
    if (region) out.push(`  subgraph r_${region.replace(/[^A-Za-z0-9]/g, '_')}[${quoted(region)}]`);
    for (const [id, end] of members) out.push(`${indent}${id}[${quoted(end.label)}]`);
    if (region) out.push('  end');
  }
  for (const f of flows) out.push(`  ${nodeId(f.from)} ${ARROW[f.kind]}|${quoted(f.label)}| ${nodeId(f.to)}`);
  return out.join('\n');
}
