import { getPath } from '../rules/encryption-helpers';
import { literalOf, resolveString } from '../rules/resolve';
import { CfnResourceJson, TemplateScope } from '../rules/types';
import { keyFacts } from './at-rest';
import { ReplicationTarget } from './model';
import { compareText, referenceOf } from './references';

/**
 * Where a data store is replicated: S3 replication rules (the destination bucket located in the app by name or
 * reference, its region taken from the stack that defines it; unknown otherwise) and the
 * replicas of DynamoDB global tables.
 */
export function replicationTargets(json: CfnResourceJson, scope: TemplateScope): ReplicationTarget[] {
  const out: ReplicationTarget[] = [];
  if (json.Type === 'AWS::S3::Bucket') {
    const rules = getPath(json.Properties, 'ReplicationConfiguration.Rules');
    for (const rule of Array.isArray(rules) ? rules : []) {
      const dest = (rule as { Destination?: Record<string, unknown> })?.Destination;
      if (!dest) continue;
      const replicaKey = getPath(dest, 'EncryptionConfiguration.ReplicaKmsKeyID');
      const key = replicaKey !== undefined ? keyFacts(replicaKey, scope) : undefined;
      out.push({ ...bucketDestination(dest.Bucket, scope), ...(key ? { key } : {}) });
    }
  }
  if (json.Type === 'AWS::DynamoDB::GlobalTable') {
    const replicas = json.Properties?.Replicas;
    for (const rep of Array.isArray(replicas) ? replicas : []) {
      const region = literalOf(resolveString((rep as { Region?: unknown })?.Region, scope));
      if (region === scope.region) continue; // the table's own replica
      out.push({ destination: `replica in ${region ?? 'an unresolved region'}`, region });
    }
  }
  return out.sort((a, b) => compareText(a.destination, b.destination));
}

function bucketDestination(value: unknown, scope: TemplateScope): ReplicationTarget {
  const ref = referenceOf(value, scope);
  if (!ref) return { destination: JSON.stringify(value) };
  if (ref.kind === 'resource')
    return {
      destination: `${ref.stackName}/${ref.logicalId}`,
      region: ref.region,
      stackName: ref.stackName,
      logicalId: ref.logicalId,
    };
  if (ref.kind === 'opaque') return { destination: ref.text, region: ref.region };
  const name = ref.text.replace(/^arn:[^:]+:s3:::/, '');
  const found = scope.app.bucketsByName.get(name);
  if (found && found.length === 1) {
    return {
      destination: ref.text,
      region: found[0].region,
      stackName: found[0].stackName,
      logicalId: found[0].logicalId,
    };
  }
  // Not in the app: an S3 bucket ARN carries no region, and a region is never guessed from a name.
  return { destination: ref.text };
}
