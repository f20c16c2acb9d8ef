import { judgeDestination } from './judge-destination';
import { allowedList } from './region-check';
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
        ctx.report({
          path: 'Properties.ReplicationConfiguration.Rules',
          message: `Replication rules of bucket ${resource.logicalId} are not a literal list (${JSON.stringify(rules)}), so their destinations cannot be checked. Write the rules out.`,
        });
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
  const allowed = allowedList(ctx.options.allowedRegions);
  const where = `Bucket ${resource.logicalId} replicates to`;
  const notABucket = (v: unknown) =>
    `${where} a destination that is not a bucket ARN (${JSON.stringify(v)}). Use the ARN of a bucket in ${allowed}.`;
  judgeDestination(resource, ctx, dest, 'bucket', path, {
    foreign: (loc) =>
      `${where} ${loc.how} in region '${loc.region}', outside Canada. Replicate to a bucket in ${allowed}.`,
    unproven: (loc) =>
      `${where} '${loc.what}', whose region cannot be proven Canadian: ${loc.why}. Name the destination bucket literally (e.g. <prefix>-replica-<account>-ca-west-1) and define it in a stack of this app in ${allowed}, or declare it in declaredDestinations (or bucketsDeclaredCanadian).`,
    outsideAws: (_, v) => notABucket(v),
    none: notABucket,
  });
}
