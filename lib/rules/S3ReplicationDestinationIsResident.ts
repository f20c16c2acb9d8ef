import { allowedList } from './region-check';
import { ifBranches, literalOf, markText, render, Resolved, resolveString, unresolvedHoles } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';

/**
 * CaResidency-S3ReplicationDestination: every S3 replication destination is proven to be in an allowed region.
 * S3 ARNs carry no region, so the destination bucket must be found: a bucket of the same stack, a bucket with
 * that literal name in a stack of the app whose region is known, or a bucket declared Canadian in the options.
 */
export const S3ReplicationDestinationIsResident: ResourceRule = {
  id: 'CaResidency-S3ReplicationDestination',
  category: 'residency',
  severity: 'fatal',
  summary: 'S3 replication destinations are buckets proven to be in an allowed region.',
  resourceTypes: ['AWS::S3::Bucket'],
  check(resource, ctx) {
    const rc = resource.properties.ReplicationConfiguration;
    if (!rc || typeof rc !== 'object') return;
    const rules = (rc as Record<string, unknown>).Rules;
    if (!Array.isArray(rules)) {
      if (rules !== undefined) {
        ctx.report({ path: 'Properties.ReplicationConfiguration.Rules', message: `Replication rules of bucket ${resource.logicalId} are not a literal list (${JSON.stringify(rules)}), so their destinations cannot be checked. Write the rules out.` });
      }
      return;
    }
    rules.forEach((rule: unknown, i: number) => {
      const path = `Properties.ReplicationConfiguration.Rules[${i}].Destination.Bucket`;
      const dest = (rule as { Destination?: { Bucket?: unknown } } | undefined)?.Destination?.Bucket;
      if (dest === undefined) return;
      checkDestination(resource, ctx, dest, path);
    });
  },
};

function checkDestination(resource: ResourceUnderTest, ctx: RuleContext, dest: unknown, path: string): void {
  const allowed = ctx.options.allowedRegions;
  const scope = resource.scope;
  const where = `Bucket ${resource.logicalId} replicates to`;
  // Fn::If: both branches may be deployed.
  const branches = ifBranches(dest);
  if (branches) {
    checkDestination(resource, ctx, branches[0], `${path}.Fn::If[1]`);
    checkDestination(resource, ctx, branches[1], `${path}.Fn::If[2]`);
    return;
  }

  const r = resolveString(dest, scope);
  if (!r || r.length === 0) {
    ctx.report({ path, message: `${where} a destination that is not a bucket ARN (${JSON.stringify(dest)}). Use the ARN of a bucket in ${allowedList(allowed)}.` });
    return;
  }
  // A bucket of this very stack (GetAtt Bucket.Arn / Ref Bucket).
  const localBucket = localBucketOf(r, scope.resources);
  if (localBucket) return;
  const unresolvedOnes = unresolvedHoles(r);
  if (unresolvedOnes.length > 0) {
    ctx.report({ path, message: `${where} '${render(r)}', which cannot be resolved at synth time (${unresolvedOnes.map((h) => h.reason).join('; ')}). Name the destination bucket literally (e.g. <prefix>-replica-<account>-ca-west-1) and define it in a stack of this app, or list it in bucketsDeclaredCanadian.` });
    return;
  }
  const name = bucketNameOf(r);
  if (name === undefined) {
    ctx.report({ path, message: `${where} '${render(r)}', which is not an S3 bucket ARN (arn:aws:s3:::name). Use the ARN of a bucket in ${allowedList(allowed)}.` });
    return;
  }
  const defined = scope.app.bucketsByName.get(name);
  if (defined && defined.length > 0) {
    for (const d of defined) {
      if (d.region === undefined) {
        ctx.report({ path, message: `${where} bucket '${name}', defined in stack ${d.stackName} whose region is unknown (env-agnostic). Give stack ${d.stackName} an explicit Canadian region.` });
      } else if (!allowed.includes(d.region)) {
        ctx.report({ path, message: `${where} bucket '${name}', defined in stack ${d.stackName} in region '${d.region}', outside Canada. Replicate to a bucket in ${allowedList(allowed)}.` });
      }
    }
    return;
  }
  if (declaredCanadian(name, ctx.options.bucketsDeclaredCanadian)) return;
  ctx.report({ path, message: `${where} bucket '${name}', which is not defined in any stack of this app and not listed in bucketsDeclaredCanadian, so its region cannot be proven Canadian. Define the destination bucket in a stack of this app in ${allowedList(allowed)} or declare it in bucketsDeclaredCanadian.` });
}

function localBucketOf(r: Resolved, resources: Record<string, { Type: string }>): boolean {
  const { text, holes } = markText(r);
  if (holes.length !== 1) return false;
  const h = holes[0];
  if (h.kind !== 'attr' || !h.logicalId || resources[h.logicalId]?.Type !== 'AWS::S3::Bucket') return false;
  // GetAtt X.Arn / Ref X alone, or arn:...:s3:::<Ref X>.
  return text === '\u00000\u0000' || /^arn:[^:]*:s3:::\u00000\u0000$/.test(text);
}

/** Bucket name of a literal S3 bucket ARN; undefined for anything else (a bare name is not a destination ARN). */
export function bucketNameOf(r: Resolved): string | undefined {
  const text = literalOf(r);
  if (text === undefined) return undefined;
  const m = /^arn:[a-z-]+:s3:::([^/]+)$/.exec(text);
  if (m) return m[1];
  return undefined;
}

function declaredCanadian(name: string, declared: readonly string[]): boolean {
  return declared.some((d) => (d.endsWith('*') ? name.startsWith(d.slice(0, -1)) : name === d));
}
