import { allowedList, judgeRegionValue } from './region-check';
import { render, resolveString } from './resolve';
import { ResourceRule } from './types';

/** CaResidency-DynamoDBReplicaRegion: every replica of a DynamoDB global table is in an allowed region. */
export const DynamoDBGlobalTableReplicasAreResident: ResourceRule = {
  id: 'CaResidency-DynamoDBReplicaRegion',
  category: 'residency',
  severity: 'fatal',
  summary: 'DynamoDB global table replicas are only in allowed regions.',
  resourceTypes: ['AWS::DynamoDB::GlobalTable'],
  check(resource, ctx) {
    const allowed = ctx.options.allowedRegions;
    const replicas = resource.properties.Replicas;
    if (!Array.isArray(replicas)) {
      if (replicas !== undefined) {
        ctx.report({
          path: 'Properties.Replicas',
          message: `Replicas of global table ${resource.logicalId} are not a literal list (${JSON.stringify(replicas)}); their regions cannot be checked. Write the replica list out.`,
        });
      }
      return;
    }
    replicas.forEach((rep: unknown, i: number) => {
      const path = `Properties.Replicas[${i}].Region`;
      const value = (rep as { Region?: unknown } | undefined)?.Region;
      const r = resolveString(value, resource.scope);
      if (!r) {
        ctx.report({
          path,
          message: `Replica ${i} of global table ${resource.logicalId} has region ${JSON.stringify(value)}, which is not a string. Use ${allowedList(allowed)}.`,
        });
        return;
      }
      const v = judgeRegionValue(r, allowed);
      if (v.verdict === 'foreign') {
        ctx.report({
          path,
          message: `Global table ${resource.logicalId} has a replica in region '${v.region}', outside Canada. Keep replicas in ${allowedList(allowed)}.`,
        });
      } else if (v.verdict === 'unresolved') {
        ctx.report({
          path,
          message: `Global table ${resource.logicalId} has a replica region '${render(r)}' that cannot be resolved at synth time (${v.reasons.join('; ')}). Use ${allowedList(allowed)}.`,
        });
      } else if (v.verdict === 'not-a-region') {
        ctx.report({
          path,
          message: `Global table ${resource.logicalId} has replica region '${render(r)}', which is not a region. Use ${allowedList(allowed)}.`,
        });
      }
    });
  },
};
