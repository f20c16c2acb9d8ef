import { getPath, judgeSwitch } from './encryption-helpers';
import { literalOf, resolveString } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext, TemplateScope } from './types';

/**
 * CaResidency-EncryptedInTransit: data moves only over TLS (1.2 or later where the service lets you choose).
 * S3 buckets, SNS topics and SQS queues need a resource policy denying non-TLS requests (found by reference
 * wherever it is defined in the stack); listeners, custom domains, caches, search domains and Kafka clusters
 * need their TLS settings.
 */
export const EncryptedInTransit: ResourceRule = {
  id: 'CaResidency-EncryptedInTransit',
  category: 'encryption-in-transit',
  severity: 'error',
  summary: 'TLS is enforced (1.2+ where selectable) for data in transit.',
  resourceTypes: [
    'AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ApiGateway::DomainName',
    'AWS::ApiGatewayV2::DomainName', 'AWS::ElastiCache::ReplicationGroup', 'AWS::MemoryDB::Cluster', 'AWS::OpenSearchService::Domain',
    'AWS::Elasticsearch::Domain', 'AWS::MSK::Cluster', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster',
    'AWS::Redshift::Cluster', 'AWS::CloudFront::Distribution', 'AWS::Neptune::DBCluster',
  ],
  check(resource, ctx) {
    CHECKS[resource.type]?.(resource, ctx);
  },
};

type Check = (r: ResourceUnderTest, ctx: RuleContext) => void;

const TLS12_POLICY = /TLS13|TLS-1-2|FS-1-2|TLS_1_2|TLS-1-3|TLS_1_3|Min-TLS-1-2/i;

/** Policy statements (of policy resources in the stack) that apply to `logicalId`. One index per stack, built on first use. */
const policyIndex = new WeakMap<TemplateScope, Map<string, { policy: unknown; id: string }[]>>();

const POLICY_TYPES: Record<string, { target: string; doc: string }> = {
  'AWS::S3::BucketPolicy': { target: 'Bucket', doc: 'PolicyDocument' },
  'AWS::SNS::TopicPolicy': { target: 'Topics', doc: 'PolicyDocument' },
  'AWS::SQS::QueuePolicy': { target: 'Queues', doc: 'PolicyDocument' },
};

/** The name property of each resource type a policy can target by name. */
const NAMED_TARGETS: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
};

function policiesFor(scope: TemplateScope, logicalId: string): { policy: unknown; id: string }[] {
  let index = policyIndex.get(scope);
  if (!index) {
    index = new Map();
    // Literal names of the stack's buckets/topics/queues, so a policy naming its target by string is found too.
    const byName = new Map<string, string>();
    // for...in rather than Object.entries: no pair arrays for thousands of resources.
    for (const id in scope.resources) {
      const r = scope.resources[id];
      const nameKey = r ? NAMED_TARGETS[r.Type] : undefined;
      if (!nameKey) continue;
      const name = literalOf(resolveString(r.Properties?.[nameKey], scope));
      if (name) byName.set(name, id);
    }
    for (const id in scope.resources) {
      const r = scope.resources[id];
      const spec = r ? POLICY_TYPES[r.Type] : undefined;
      if (!spec) continue;
      const targets = r.Properties?.[spec.target];
      for (const t of Array.isArray(targets) ? targets : [targets]) {
        const ref = (t as { Ref?: unknown } | undefined)?.Ref;
        const target = typeof ref === 'string' ? ref : byName.get(literalOf(resolveString(t, scope)) ?? '');
        if (!target) continue;
        const list = index.get(target) ?? [];
        list.push({ policy: r.Properties?.[spec.doc], id });
        index.set(target, list);
      }
    }
    policyIndex.set(scope, index);
  }
  return index.get(logicalId) ?? [];
}

function statements(policy: unknown): Record<string, unknown>[] {
  const st = (policy as { Statement?: unknown } | undefined)?.Statement;
  return (Array.isArray(st) ? st : st ? [st] : []) as Record<string, unknown>[];
}

function deniesInsecureTransport(policy: unknown): boolean {
  return statements(policy).some((s) => {
    if (s.Effect !== 'Deny') return false;
    const b = getPath(s.Condition, 'Bool') as Record<string, unknown> | undefined;
    const v = b?.['aws:SecureTransport'];
    return v === false || v === 'false';
  });
}

function deniesOldTls(policy: unknown): boolean {
  return statements(policy).some((s) => {
    if (s.Effect !== 'Deny') return false;
    const n = getPath(s.Condition, 'NumericLessThan') as Record<string, unknown> | undefined;
    const v = Number(n?.['s3:TlsVersion']);
    return Number.isFinite(v) && v >= 1.2;
  });
}

function requirePolicy(kind: string, fix: string, checkTls: boolean): Check {
  return (resource, ctx) => {
    const policies = policiesFor(resource.scope, resource.logicalId);
    const what = `${resource.type} ${resource.logicalId}`;
    if (!policies.some((p) => deniesInsecureTransport(p.policy))) {
      ctx.report({ path: 'Properties', message: `${what} has no ${kind} in this stack denying requests with aws:SecureTransport false, so plain HTTP is accepted. ${fix}` });
      return;
    }
    if (checkTls && !policies.some((p) => deniesOldTls(p.policy))) {
      ctx.report({ path: 'Properties', message: `${what}: its bucket policy does not deny TLS versions below 1.2 (NumericLessThan s3:TlsVersion 1.2). CDK: enforceSSL: true, minimumTLSVersion: 1.2.` });
    }
  };
}

function listener(resource: ResourceUnderTest, ctx: RuleContext): void {
  const p = resource.properties;
  const protocol = literalOf(resolveString(p.Protocol, resource.scope));
  const what = `Listener ${resource.logicalId}`;
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    const policy = literalOf(resolveString(p.SslPolicy, resource.scope));
    if (!policy || !TLS12_POLICY.test(policy)) {
      ctx.report({ path: 'Properties.SslPolicy', message: `${what} (${protocol}) has SslPolicy ${JSON.stringify(p.SslPolicy ?? null)}; choose a policy allowing only TLS 1.2+ (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06).` });
    }
    return;
  }
  if (protocol === 'HTTP') {
    const actions = Array.isArray(p.DefaultActions) ? p.DefaultActions : [];
    const redirects = actions.length > 0 && actions.every((a: unknown) => {
      const act = a as { Type?: unknown; RedirectConfig?: { Protocol?: unknown } };
      return act.Type === 'redirect' && act.RedirectConfig?.Protocol === 'HTTPS';
    });
    if (!redirects) ctx.report({ path: 'Properties.Protocol', message: `${what} serves plain HTTP. Use HTTPS with a TLS 1.2+ policy; HTTP is allowed only as a redirect to HTTPS.` });
    return;
  }
  ctx.report({ path: 'Properties.Protocol', message: `${what} uses protocol ${JSON.stringify(p.Protocol ?? null)}, which does not terminate TLS at the load balancer, so TLS cannot be proven. Use HTTPS or TLS listeners with a TLS 1.2+ policy.` });
}

function switchOn(resource: ResourceUnderTest, ctx: RuleContext, path: string, value: unknown, defaultOn: boolean, fix: string, on: readonly (string | boolean)[] = [true]): void {
  if (value === undefined) {
    if (!defaultOn) ctx.report({ path: `Properties.${path}`, message: `${resource.type} ${resource.logicalId}: ${path} is not set (off by default). ${fix}` });
    return;
  }
  const v = judgeSwitch(value, resource, on);
  if (v.state !== 'on') ctx.report({ path: `Properties.${path}`, message: `${resource.type} ${resource.logicalId}: ${path} is ${v.state === 'off' ? JSON.stringify(v.shown) : 'not resolvable at synth time'}. ${fix}` });
}

const CHECKS: Record<string, Check> = {
  'AWS::S3::Bucket': requirePolicy('bucket policy', 'CDK: enforceSSL: true, minimumTLSVersion: 1.2.', true),
  'AWS::SNS::Topic': requirePolicy('topic policy', 'CDK: enforceSSL: true.', false),
  'AWS::SQS::Queue': requirePolicy('queue policy', 'CDK: enforceSSL: true.', false),
  'AWS::ElasticLoadBalancingV2::Listener': listener,
  'AWS::ApiGateway::DomainName': (r, ctx) => {
    const policy = literalOf(resolveString(r.properties.SecurityPolicy, r.scope));
    if (!policy || !TLS12_POLICY.test(policy)) ctx.report({ path: 'Properties.SecurityPolicy', message: `API Gateway domain ${r.logicalId} has SecurityPolicy ${JSON.stringify(r.properties.SecurityPolicy ?? null)} (TLS 1.0 allowed when absent). Set 'TLS_1_2'.` });
  },
  'AWS::ApiGatewayV2::DomainName': (r, ctx) => {
    const configs = getPath(r.properties, 'DomainNameConfigurations');
    (Array.isArray(configs) ? configs : []).forEach((c: unknown, i: number) => {
      const policy = literalOf(resolveString((c as { SecurityPolicy?: unknown }).SecurityPolicy, r.scope));
      if (!policy || !TLS12_POLICY.test(policy)) ctx.report({ path: `Properties.DomainNameConfigurations[${i}].SecurityPolicy`, message: `API Gateway domain ${r.logicalId} configuration ${i} has SecurityPolicy ${JSON.stringify(policy ?? null)}. Set 'TLS_1_2'.` });
    });
  },
  'AWS::ElastiCache::ReplicationGroup': (r, ctx) => {
    switchOn(r, ctx, 'TransitEncryptionEnabled', r.properties.TransitEncryptionEnabled, false, 'Set TransitEncryptionEnabled: true (and TransitEncryptionMode: required).');
    const mode = literalOf(resolveString(r.properties.TransitEncryptionMode, r.scope));
    if (mode === 'preferred') ctx.report({ path: 'Properties.TransitEncryptionMode', message: `ElastiCache replication group ${r.logicalId} accepts unencrypted connections (TransitEncryptionMode 'preferred'). Set 'required'.` });
  },
  'AWS::MemoryDB::Cluster': (r, ctx) => switchOn(r, ctx, 'TLSEnabled', r.properties.TLSEnabled, true, 'Set TLSEnabled: true.'),
  'AWS::OpenSearchService::Domain': openSearch,
  'AWS::RDS::DBInstance': (r, ctx) => rdsTls(r, ctx, 'DBParameterGroupName', 'AWS::RDS::DBParameterGroup'),
  'AWS::RDS::DBCluster': (r, ctx) => rdsTls(r, ctx, 'DBClusterParameterGroupName', 'AWS::RDS::DBClusterParameterGroup'),
  'AWS::DocDB::DBCluster': (r, ctx) => {
    // The default DocumentDB cluster parameter group has tls enabled.
    const g = parameterGroup(r, 'DBClusterParameterGroupName', 'AWS::DocDB::DBClusterParameterGroup');
    if (g.name === undefined && !g.found) return;
    const v = g.found ? paramValue(g.params, 'tls') : 'unknown';
    if (v !== undefined && v !== 'enabled') {
      ctx.report({ path: 'Properties.DBClusterParameterGroupName', message: `DocumentDB cluster ${r.logicalId}: tls is ${JSON.stringify(v)} in its parameter group${g.found ? '' : ' (not a resource of this stack)'}. Set tls = enabled.` });
    }
  },
  'AWS::Neptune::DBCluster': (r, ctx) => {
    // Neptune's default cluster parameter group enforces TLS (neptune_enforce_ssl = 1); a group of this stack
    // must not turn it off, and a group we cannot see is not proof.
    const g = parameterGroup(r, 'DBClusterParameterGroupName', 'AWS::Neptune::DBClusterParameterGroup');
    if (g.name === undefined && !g.found) return;
    const v = g.found ? paramValue(g.params, 'neptune_enforce_ssl') : 'unknown';
    if (v !== undefined && v !== '1') {
      ctx.report({ path: 'Properties.DBClusterParameterGroupName', message: `Neptune cluster ${r.logicalId}: neptune_enforce_ssl is ${JSON.stringify(v)} in its parameter group${g.found ? '' : ' (not a resource of this stack)'}. Set neptune_enforce_ssl = 1.` });
    }
  },
  'AWS::Redshift::Cluster': (r, ctx) => {
    const g = parameterGroup(r, 'ClusterParameterGroupName', 'AWS::Redshift::ClusterParameterGroup');
    const v = g.found ? paramValue(g.params, 'require_ssl') : undefined;
    if (v !== 'true') {
      ctx.report({ path: 'Properties.ClusterParameterGroupName', message: `Redshift cluster ${r.logicalId}: require_ssl is ${JSON.stringify(v ?? null)}${g.found ? '' : ' (no parameter group of this stack)'}. Use a parameter group with require_ssl = true.` });
    }
  },
  'AWS::CloudFront::Distribution': cloudFrontViewer,
  'AWS::Elasticsearch::Domain': openSearch,
  'AWS::MSK::Cluster': (r, ctx) => {
    const cb = getPath(r.properties, 'EncryptionInfo.EncryptionInTransit.ClientBroker');
    if (cb !== undefined && literalOf(resolveString(cb, r.scope)) !== 'TLS') {
      ctx.report({ path: 'Properties.EncryptionInfo.EncryptionInTransit.ClientBroker', message: `MSK cluster ${r.logicalId}: ClientBroker is ${JSON.stringify(cb)}; allow TLS only ('TLS').` });
    }
    const inCluster = getPath(r.properties, 'EncryptionInfo.EncryptionInTransit.InCluster');
    switchOn(r, ctx, 'EncryptionInfo.EncryptionInTransit.InCluster', inCluster, true, 'Set InCluster: true.');
  },
};

/** The `Parameters` of the parameter group a database points to, when the group is a resource of the stack. */
function parameterGroup(r: ResourceUnderTest, prop: string, type: string): { found: boolean; params?: unknown; name?: unknown } {
  const ref = r.properties[prop];
  if (ref === undefined) return { found: false };
  const id = (ref as { Ref?: unknown })?.Ref;
  const group = typeof id === 'string' ? r.scope.resources[id] : undefined;
  if (!group || group.Type !== type) return { found: false, name: ref };
  return { found: true, params: group.Properties?.Parameters };
}

function paramValue(params: unknown, name: string): string | undefined {
  if (Array.isArray(params)) {
    // Redshift: [{ ParameterName, ParameterValue }]
    const p = params.find((x: { ParameterName?: unknown }) => x?.ParameterName === name) as { ParameterValue?: unknown } | undefined;
    return p?.ParameterValue === undefined ? undefined : String(p.ParameterValue);
  }
  const v = (params as Record<string, unknown> | undefined)?.[name];
  return v === undefined ? undefined : String(v);
}

/** Which parameter forces TLS for an engine, and the values that turn it on. */
function tlsParameter(engine: string): { name: string; on: string[] } | undefined {
  if (/postgres|sqlserver/.test(engine)) return { name: 'rds.force_ssl', on: ['1', 'true'] };
  if (/mysql|mariadb/.test(engine)) return { name: 'require_secure_transport', on: ['ON', 'on', '1', 'true'] };
  return undefined;
}

function rdsTls(r: ResourceUnderTest, ctx: RuleContext, prop: string, groupType: string): void {
  // Instances of an Aurora cluster follow the cluster's parameter group; replicas follow their source.
  if (r.type === 'AWS::RDS::DBInstance' && (r.properties.DBClusterIdentifier !== undefined || r.properties.SourceDBInstanceIdentifier !== undefined)) return;
  const engine = literalOf(resolveString(r.properties.Engine, r.scope)) ?? '';
  const what = `${r.type} ${r.logicalId} (${engine || 'engine not literal'})`;
  const tls = tlsParameter(engine);
  if (!tls) {
    ctx.report({ path: 'Properties.Engine', message: `${what}: TLS enforcement cannot be verified for this engine at synth time. Enforce TLS in the engine configuration (e.g. Oracle SSL option) and declare an acknowledgement with the reason.` });
    return;
  }
  const g = parameterGroup(r, prop, groupType);
  if (!g.found) {
    const major = Number(/^(\d+)/.exec(literalOf(resolveString(r.properties.EngineVersion, r.scope)) ?? '')?.[1]);
    // PostgreSQL 15 and later force TLS in their default parameter group.
    if (g.name === undefined && /postgres/.test(engine) && major >= 15) return;
    ctx.report({ path: `Properties.${prop}`, message: `${what}: ${g.name === undefined ? 'no parameter group' : `parameter group ${JSON.stringify(g.name)} is not a resource of this stack`}, so ${tls.name} cannot be shown to force TLS. Use a parameter group of this stack with ${tls.name} = ${tls.on[0]}.` });
    return;
  }
  const v = paramValue(g.params, tls.name);
  if (v === undefined || !tls.on.includes(v)) {
    ctx.report({ path: `Properties.${prop}`, message: `${what}: its parameter group sets ${tls.name} to ${JSON.stringify(v ?? null)}, so clients may connect without TLS. Set ${tls.name} = ${tls.on[0]}.` });
  }
}

function cloudFrontViewer(r: ResourceUnderTest, ctx: RuleContext): void {
  const cfg = r.properties.DistributionConfig as Record<string, unknown> | undefined;
  const behaviors: [string, unknown][] = [['Properties.DistributionConfig.DefaultCacheBehavior', cfg?.DefaultCacheBehavior]];
  const more = cfg?.CacheBehaviors;
  if (Array.isArray(more)) more.forEach((b: unknown, i: number) => behaviors.push([`Properties.DistributionConfig.CacheBehaviors[${i}]`, b]));
  for (const [path, b] of behaviors) {
    const policy = literalOf(resolveString((b as { ViewerProtocolPolicy?: unknown } | undefined)?.ViewerProtocolPolicy, r.scope));
    if (policy !== 'https-only' && policy !== 'redirect-to-https') {
      ctx.report({ path: `${path}.ViewerProtocolPolicy`, message: `CloudFront distribution ${r.logicalId} lets viewers use HTTP (${JSON.stringify(policy ?? null)}). Use 'redirect-to-https' or 'https-only'.` });
    }
  }
  const min = literalOf(resolveString(getPath(cfg, 'ViewerCertificate.MinimumProtocolVersion'), r.scope));
  if (!min || !/^TLSv1\.[23]/.test(min)) {
    ctx.report({ path: 'Properties.DistributionConfig.ViewerCertificate.MinimumProtocolVersion', message: `CloudFront distribution ${r.logicalId} accepts viewer TLS below 1.2 (MinimumProtocolVersion ${JSON.stringify(min ?? null)}). Use a custom certificate with TLSv1.2_2021.` });
  }
}

function openSearch(r: ResourceUnderTest, ctx: RuleContext): void {
  switchOn(r, ctx, 'DomainEndpointOptions.EnforceHTTPS', getPath(r.properties, 'DomainEndpointOptions.EnforceHTTPS'), false, 'Set DomainEndpointOptions.EnforceHTTPS: true.');
  const tls = literalOf(resolveString(getPath(r.properties, 'DomainEndpointOptions.TLSSecurityPolicy'), r.scope));
  if (!tls || !TLS12_POLICY.test(tls)) {
    ctx.report({ path: 'Properties.DomainEndpointOptions.TLSSecurityPolicy', message: `${r.type} ${r.logicalId}: TLSSecurityPolicy is ${JSON.stringify(tls ?? null)} (TLS 1.0 allowed when absent). Set 'Policy-Min-TLS-1-2-2019-07' or later.` });
  }
  switchOn(r, ctx, 'NodeToNodeEncryptionOptions.Enabled', getPath(r.properties, 'NodeToNodeEncryptionOptions.Enabled'), false, 'Set NodeToNodeEncryptionOptions.Enabled: true.');
}
