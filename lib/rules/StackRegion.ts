import { StackRule } from './types';
import { allowedList } from './region-check';

/**
 * CaResidency-StackRegion: every stack is deployed to an allowed Canadian region. A stack whose region is a
 * token (env-agnostic) could be deployed anywhere, so it fails.
 */
export const StackRegionIsAllowed: StackRule = {
  id: 'CaResidency-StackRegion',
  category: 'residency',
  severity: 'fatal',
  summary: "Every stack's region is an allowed Canadian region; env-agnostic stacks fail.",
  check(scope, ctx) {
    const allowed = ctx.options.allowedRegions;
    if (scope.region === undefined) {
      ctx.report({
        path: 'Environment.Region',
        message:
          `Stack ${scope.stackName} is environment-agnostic: its region is only chosen at deploy time, so it could be deployed outside Canada. ` +
          `Give the stack an explicit env, e.g. env: { account, region: '${ctx.options.allowedRegions[0]}' } (allowed: ${allowedList(allowed)}).`,
      });
    } else if (!allowed.includes(scope.region)) {
      ctx.report({
        path: 'Environment.Region',
        message: `Stack ${scope.stackName} is deployed to region '${scope.region}', which is not an allowed region. Deploy it to ${allowedList(allowed)}.`,
      });
    }
  },
};
