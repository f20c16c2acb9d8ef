import { classifyType } from '../policy/encryption-catalogue';
import { ResourceRule } from './types';

/**
 * CaResidency-Unclassified: every resource type is either a catalogued data store (with its encryption rules) or
 * known to hold no customer data. Anything else fails, so a new kind of data store never passes unnoticed.
 */
export const ResourceTypeClassified: ResourceRule = {
  id: 'CaResidency-Unclassified',
  category: 'unclassified',
  severity: 'error',
  summary: 'Every resource type is a catalogued data store or known to hold no data.',
  resourceTypes: '*',
  check(resource, ctx) {
    if (classifyType(resource.type, ctx.options.statelessTypes).kind !== 'unclassified') return;
    ctx.report({
      path: 'Type',
      message: `${resource.type} (${resource.logicalId}) is not in the encryption catalogue, so whether it stores data unencrypted cannot be judged. Use a catalogued type, ask for it to be catalogued (lib/policy/encryption-catalogue.ts), or if it holds no customer data list it in the statelessTypes option.`,
    });
  },
};
