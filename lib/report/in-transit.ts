import { literalOf, resolveString } from '../rules/resolve';
import { CfnResourceJson, TemplateScope } from '../rules/types';
import { FindingNote } from './at-rest';
import { InTransitFacts } from './model';

/** Resource policies that can deny non-TLS access, and the property naming their target(s). */
const POLICY_TYPES: Record<string, { readonly policyType: string; readonly target: string; readonly nameProperty: string }> = {
  'AWS::S3::Bucket': { policyType: 'AWS::S3::BucketPolicy', target: 'Bucket', nameProperty: 'BucketName' },
  'AWS::SNS::Topic': { policyType: 'AWS::SNS::TopicPolicy', target: 'Topics', nameProperty: 'TopicName' },
  'AWS::SQS::Queue': { policyType: 'AWS::SQS::QueuePolicy', target: 'Queues', nameProperty: 'QueueName' },
};

/** Types whose TLS settings the EncryptedInTransit rule judges on the resource itself. */
const SETTING_TYPES = new Set([
  'AWS::ElastiCache::ReplicationGroup', 'AWS::MemoryDB::Cluster', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain',
  'AWS::MSK::Cluster', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Redshift::Cluster',
]);

/**
 * The in-transit control of a data store: which deny statements of its resource policy refuse plain HTTP or
 * TLS older than 1.2, or the rule's verdict on its TLS settings. `issue` is the engine's encryption-in-transit
 * finding on it, if any.
 */
export function inTransitFacts(logicalId: string, json: CfnResourceJson, scope: TemplateScope, issue: FindingNote | undefined): InTransitFacts {
  if (issue) return { status: 'not-enforced', detail: `${issue.state} finding at ${issue.path}` };
  const policy = POLICY_TYPES[json.Type];
  if (policy) {
    const controls = new Set<string>();
    const name = literalOf(resolveString(json.Properties?.[policy.nameProperty], scope));
    for (const r of Object.values(scope.resources)) {
      if (r?.Type !== policy.policyType || !targets(r.Properties?.[policy.target], logicalId, name, scope)) continue;
      for (const st of statementsOf(r.Properties?.PolicyDocument)) {
        if (st.Effect !== 'Deny') continue;
        const cond = JSON.stringify(st.Condition ?? {});
        if (/"aws:SecureTransport":\s*"?false"?/.test(cond)) controls.add('denies requests without TLS');
        const tls = /"s3:TlsVersion":\s*"?([\d.]+)"?/.exec(cond);
        if (tls && /NumericLessThan/.test(cond)) controls.add(`denies TLS below ${tls[1]}`);
      }
    }
    if (controls.size === 0) return { status: 'not-enforced', detail: `no ${policy.policyType} denying requests without TLS` };
    return { status: 'enforced', detail: `${policy.policyType.split('::')[2]} ${[...controls].sort().join(', ')}` };
  }
  if (SETTING_TYPES.has(json.Type)) return { status: 'enforced', detail: 'TLS settings pass CaResidency-EncryptedInTransit' };
  return { status: 'service-default', detail: 'reached only through AWS API endpoints (HTTPS)' };
}

function targets(value: unknown, logicalId: string, name: string | undefined, scope: TemplateScope): boolean {
  for (const t of Array.isArray(value) ? value : [value]) {
    const ref = (t as { Ref?: unknown } | undefined)?.Ref;
    if (ref === logicalId) return true;
    if (name !== undefined && literalOf(resolveString(t, scope)) === name) return true;
  }
  return false;
}

function statementsOf(doc: unknown): { Effect?: unknown; Condition?: unknown }[] {
  const st = (doc as { Statement?: unknown } | undefined)?.Statement;
  if (Array.isArray(st)) return st as { Effect?: unknown; Condition?: unknown }[];
  return st && typeof st === 'object' ? [st as { Effect?: unknown; Condition?: unknown }] : [];
}
