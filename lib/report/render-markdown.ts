import { BackupCoverage, ControlStatus, DataStoreEntry, KeyFacts, ResidencyReport } from './model';
import { compareText } from './references';
import { renderMermaid } from './render-mermaid';

/** Escape what would break a Markdown table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

const STATUS: Record<ControlStatus, string> = {
  met: '✅ met',
  partial: '🟡 partial',
  'not-met': '❌ not met',
  'not-applicable': '➖ n/a',
};

function key(k: KeyFacts | undefined): string {
  if (!k) return '';
  const name = k.logicalId ? `${k.stackName}/${k.logicalId}` : (k.reference ?? '?');
  return `${code(name)} in **${k.region ?? 'unknown region'}**`;
}

function atRest(d: DataStoreEntry): string {
  const a = d.atRest;
  if (a.status === 'customer-managed') return `🔑 customer-managed: ${key(a.key)}`;
  const label = {
    'service-managed': 'ℹ️ service-managed',
    unencrypted: '❌ unencrypted',
    'not-proven': '❌ no customer-managed key proven',
  }[a.status];
  return `${label}: ${cell(a.detail)}${a.key ? ` (${key(a.key)})` : ''}`;
}

function backup(d: DataStoreEntry): string {
  if (!d.backupEligible) return '➖ not an AWS Backup type';
  if (d.backup.length === 0) return '— no backup plan';
  // One line per plan and selection: its rules, how the resource is selected, and where copies go.
  const plans = new Map<string, BackupCoverage[]>();
  for (const b of d.backup) {
    const k = `${b.stackName}\u0000${b.plan}\u0000${b.selection}\u0000${b.selectedBy}`;
    plans.set(k, [...(plans.get(k) ?? []), b]);
  }
  return [...plans.values()]
    .map((bs) => {
      const b = bs[0];
      const rules = bs
        .map((x) => x.rule)
        .sort(compareText)
        .join(', ');
      const copies = [
        ...new Set(bs.flatMap((x) => x.copies.map((c) => `${code(c.vault)} (**${c.region ?? 'unknown region'}**)`))),
      ].sort(compareText);
      return `${code(b.plan)} [${cell(rules)}] by ${cell(b.selectedBy)} → vault ${code(b.vault)} (${b.region ?? '?'})${copies.length ? `; copies to ${copies.join(', ')}` : '; no copy'}`;
    })
    .join('<br>');
}

/** `data-exposure 1, encryption-in-transit 2`: how many findings of each category, so a reviewer sees what kind. */
function byCategory(report: ResidencyReport): string {
  const counts = new Map<string, number>();
  for (const f of report.findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return [...counts.keys()]
    .sort(compareText)
    .map((c) => `${c} ${counts.get(c)}`)
    .join(', ');
}

/** `residency-report.md`: for reviewers and pull-request comments; GitHub renders the Mermaid diagram. */
export function renderReportMarkdown(report: ResidencyReport): string {
  const s = report.summary;
  const out: string[] = ['# Residency report', ''];
  out.push(
    `Evaluated on ${report.evaluationDate}: ${s.stacks} stack(s), ${s.resources} resource(s), ${s.dataStores} data store(s). ` +
      (s.findings === 0
        ? '✅ No findings.'
        : `${s.failing ? '❌' : '⚠️'} **${s.findings} finding(s)** (${byCategory(report)}).`) +
      ` ${s.exempted} exempted (${s.exemptionsExpiringSoon} exemption(s) expiring within 30 days), ${s.acknowledged} acknowledged.`,
    '',
  );

  out.push(
    '## Stacks',
    '',
    '| stack | region | account | resources | data stores | findings |',
    '|---|---|---|---:|---:|---:|',
  );
  for (const st of report.stacks) {
    out.push(
      `| ${code(st.stackName)} | ${st.region ?? 'unresolved'} | ${st.account ?? 'unresolved'} | ${st.resources} | ${st.dataStores} | ${st.findings} |`,
    );
  }
  out.push('');

  out.push('## Data stores', '');
  for (const st of report.stacks) {
    const stores = report.dataStores.filter((d) => d.stackName === st.stackName);
    if (stores.length === 0) continue;
    out.push(`### ${code(st.stackName)} (${st.region ?? 'unresolved region'})`, '');
    out.push(
      '| resource | type | at rest | in transit | replicated to | backup | findings |',
      '|---|---|---|---|---|---|---:|',
    );
    for (const d of stores) {
      const repl =
        d.replication.length === 0
          ? '—'
          : d.replication
              .map(
                (r) =>
                  `${code(r.logicalId ? `${r.stackName}/${r.logicalId}` : r.destination)} (**${r.region ?? 'unknown region'}**)${r.key ? `, key ${key(r.key)}` : ''}`,
              )
              .join('<br>');
      const transit = `${d.inTransit.status === 'enforced' ? '🔒' : d.inTransit.status === 'not-enforced' ? '❌' : 'ℹ️'} ${cell(d.inTransit.detail)}`;
      out.push(
        `| ${code(d.logicalId)}${d.constructPath ? `<br>${code(d.constructPath)}` : ''} | ${d.type} | ${atRest(d)} | ${transit} | ${repl} | ${backup(d)} | ${d.findings} |`,
      );
    }
    out.push('');
  }

  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('None.', '');
  else {
    out.push('| severity | category | rule | stack | resource | path | message |', '|---|---|---|---|---|---|---|');
    for (const f of report.findings) {
      out.push(
        `| ${f.severity} | ${f.category} | ${f.ruleId} | ${code(f.stackName || '(policy)')} | ${code(f.logicalId)} (${cell(f.resourceType)}) | ${code(f.path)} | ${cell(f.message)} |`,
      );
    }
    out.push('');
  }

  out.push('## Exemptions', '');
  if (report.exemptions.length === 0) out.push('None.', '');
  else {
    out.push('| rule | resource | expires | reason | findings exempted |', '|---|---|---|---|---|');
    for (const e of report.exemptions) {
      const when = e.expiringSoon
        ? `⚠️ **${e.expires}** (${e.daysLeft} day(s) left)`
        : `${e.expires} (${e.daysLeft} days left)`;
      out.push(
        `| ${e.ruleId} | ${code(e.resource)} | ${when} | ${cell(e.reason)} | ${e.covers.length === 0 ? 'none' : e.covers.map(code).join('<br>')} |`,
      );
    }
    out.push('');
  }

  if (report.declaredDestinations && report.declaredDestinations.length > 0) {
    out.push(
      '## Declared destinations',
      '',
      'Data paths whose destination is outside the templates and was declared to be in an allowed region:',
      '',
    );
    out.push('| resource | property | destination | region | reason |', '|---|---|---|---|---|');
    for (const d of report.declaredDestinations) {
      out.push(
        `| ${code(`${d.stackName}/${d.logicalId}`)} | ${code(d.path)} | ${code(d.destination)} | ${d.region} | ${cell(d.reason)} |`,
      );
    }
    out.push('');
  }

  out.push('## Acknowledgements', '');
  if (report.acknowledgements.length === 0) out.push('None.', '');
  else {
    out.push('| pack | rule | acknowledged at | resources | reason |', '|---|---|---|---|---|');
    for (const a of report.acknowledgements) {
      out.push(
        `| ${a.pack} | ${cell(a.ruleId)} | ${code(a.acknowledgedAt || '(app)')} | ${a.resources.map(code).join('<br>')} | ${cell(a.reason)} |`,
      );
    }
    out.push('');
  }

  out.push('## Controls', '', 'Each status is derived from the synthesized templates and the findings above.', '');
  out.push('| control | status | maps to | evidence |', '|---|---|---|---|');
  for (const c of report.controls)
    out.push(
      `| **${c.id}** ${cell(c.title)} | ${STATUS[c.status]} | ${c.references.join(', ')} | ${cell(c.evidence)} |`,
    );
  out.push('');

  out.push(
    '## Data flows',
    '',
    'Thick arrows: replication and backup copies; plain: backups into a vault; dotted: log delivery.',
    '',
  );
  out.push('```mermaid', renderMermaid(report.flows), '```', '');
  return out.join('\n');
}
