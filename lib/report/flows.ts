import { literalOf, resolveString } from '../rules/resolve';
import { TemplateScope } from '../rules/types';
import { DataFlow, DataStoreEntry, FlowEnd, FlowKind } from './model';
import { compareText, referenceOf, regionOfArn } from './references';

/**
 * The data flows the report draws: replication and backup copies (which cross regions), backups into a vault,
 * and log delivery (access logs, trail files and events, flow logs). Flows with the same ends and kind are merged.
 */
export function dataFlows(scopes: readonly TemplateScope[], stores: readonly DataStoreEntry[]): DataFlow[] {
  // Merged flows keep one label per group (e.g. the plan) with its items (e.g. the rules) listed once.
  const flows = new Map<string, { kind: FlowKind; from: FlowEnd; to: FlowEnd; labels: Map<string, Set<string>> }>();
  const add = (kind: FlowKind, from: FlowEnd, to: FlowEnd, label: string, item?: string) => {
    const key = `${kind}\u0000${from.id}\u0000${to.id}`;
    const f = flows.get(key) ?? { kind, from, to, labels: new Map<string, Set<string>>() };
    const items = f.labels.get(label) ?? new Set<string>();
    if (item !== undefined) items.add(item);
    f.labels.set(label, items);
    flows.set(key, f);
  };
  const node = (stackName: string, logicalId: string): FlowEnd => {
    const scope = scopes.find((s) => s.stackName === stackName);
    const type = scope?.resources[logicalId]?.Type ?? '';
    return {
      id: `${stackName}/${logicalId}`,
      label: `${logicalId} (${type.split('::').slice(1).join(' ')})`,
      region: scope?.region,
    };
  };
  const external = (text: string, region?: string): FlowEnd => ({ id: `external/${text}`, label: text, region });
  const vault = (nameOrArn: string, region: string | undefined): FlowEnd => {
    const name = nameOrArn.replace(/^arn:[^:]+:backup:[^:]+:[^:]+:backup-vault:/, '');
    const r = regionOfArn(nameOrArn) ?? region;
    for (const s of scopes) {
      if (s.region !== r) continue;
      for (const [id, json] of Object.entries(s.resources)) {
        if (
          json?.Type === 'AWS::Backup::BackupVault' &&
          literalOf(resolveString(json.Properties?.BackupVaultName, s)) === name
        )
          return node(s.stackName, id);
      }
    }
    return external(nameOrArn, r);
  };

  for (const d of stores) {
    const from = node(d.stackName, d.logicalId);
    for (const r of d.replication) {
      add(
        'replication',
        from,
        r.stackName && r.logicalId ? node(r.stackName, r.logicalId) : external(r.destination, r.region),
        'replication',
      );
    }
    for (const b of d.backup) {
      const target = vault(b.vault, b.region);
      add('backup', from, target, `backup ${b.plan}`, b.rule);
      for (const c of b.copies) add('backup-copy', target, vault(c.vault, c.region), `copy ${b.plan}`, b.rule);
    }
  }
  for (const scope of scopes) {
    for (const [id, json] of Object.entries(scope.resources)) {
      const p = json?.Properties ?? {};
      const to = (value: unknown): FlowEnd | undefined => {
        const ref = referenceOf(value, scope);
        if (ref?.kind === 'resource') return node(ref.stackName, ref.logicalId);
        if (ref?.kind === 'literal') {
          const bucket = scope.app.bucketsByName.get(ref.text.replace(/^arn:[^:]+:s3:::/, ''));
          return bucket?.length === 1
            ? node(bucket[0].stackName, bucket[0].logicalId)
            : external(ref.text, regionOfArn(ref.text));
        }
        return undefined;
      };
      if (json?.Type === 'AWS::S3::Bucket') {
        const dest = to(
          (p.LoggingConfiguration as { DestinationBucketName?: unknown } | undefined)?.DestinationBucketName,
        );
        if (dest) add('log-delivery', node(scope.stackName, id), dest, 'access logs');
      } else if (json?.Type === 'AWS::CloudTrail::Trail') {
        const trail = node(scope.stackName, id);
        const bucket = to(p.S3BucketName);
        if (bucket) add('log-delivery', trail, bucket, 'trail files');
        const group = to(p.CloudWatchLogsLogGroupArn);
        if (group) add('log-delivery', trail, group, 'trail events');
        if (literalOf(resolveString(p.IsMultiRegionTrail, scope)) === 'true') {
          // A multi-region trail records every region's API activity into its home region.
          for (const region of [...new Set(scopes.map((s) => s.region))]
            .filter((r): r is string => r !== undefined && r !== scope.region)
            .sort()) {
            add('log-delivery', external(`API activity in ${region}`, region), trail, 'multi-region trail');
          }
        }
      } else if (json?.Type === 'AWS::EC2::FlowLog') {
        const dest = to(p.LogGroupName ?? p.LogDestination);
        if (dest) add('log-delivery', node(scope.stackName, id), dest, 'flow logs');
      }
    }
  }
  return [...flows.values()]
    .map((f) => ({
      kind: f.kind,
      from: f.from,
      to: f.to,
      label: [...f.labels.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([l, items]) => (items.size > 0 ? `${l} (${[...items].sort(compareText).join(', ')})` : l))
        .join('; '),
    }))
    .sort((a, b) =>
      compareText(`${a.kind}\u0000${a.from.id}\u0000${a.to.id}`, `${b.kind}\u0000${b.from.id}\u0000${b.to.id}`),
    );
}
