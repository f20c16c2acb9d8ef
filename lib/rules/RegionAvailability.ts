import { availabilityOf } from '../policy/availability';
import { ResourceRule } from './types';

/**
 * CaResidency-RegionAvailability: the resource type exists in its stack's region. A type missing from the data
 * fails closed: it is either unavailable or unknown to the policy. The data ages; correct it with the
 * `availabilityOverrides` option.
 */
export const ResourceTypeAvailableInRegion: ResourceRule = {
  id: 'CaResidency-RegionAvailability',
  category: 'region-availability',
  severity: 'error',
  summary: "The resource type is available in its stack's region (per-region CloudFormation data, overridable).",
  resourceTypes: '*',
  check(resource, ctx) {
    const region = resource.scope.region;
    // Unknown region: CaResidency-StackRegion already fails the stack. Custom resources run our own code.
    // A region outside the allowed list already fails CaResidency-StackRegion; no second finding per resource.
    if (region === undefined || !ctx.options.allowedRegions.includes(region) || resource.type.startsWith('Custom::'))
      return;
    const overrides = ctx.options.availabilityOverrides;
    const a = availabilityOf(resource.type, region, overrides);
    if (a === 'available') return;
    // Built only for a finding: this rule runs on every resource.
    const fix = `If AWS has since made it available, declare availabilityOverrides: { '${region}': { '${resource.type}': true } }.`;
    if (a === 'unavailable') {
      ctx.report({
        path: 'Type',
        message: `${resource.type} (${resource.logicalId}) is not available in ${region} according to the CloudFormation registry data. Move it to a region that offers it, or remove it. ${fix}`,
      });
    } else if (a === 'unknown-type') {
      ctx.report({
        path: 'Type',
        message: `${resource.type} (${resource.logicalId}) is not a CloudFormation type known to the policy data for any region (typo, third-party or very new type), so its availability and residency cannot be judged. ${fix}`,
      });
    } else if (a === 'no-data-for-region') {
      ctx.report({
        path: 'Type',
        message: `No availability data for region ${region}, so ${resource.type} (${resource.logicalId}) cannot be checked. ${fix}`,
      });
    }
  },
};
