import { GLOBAL_DATA_PATH_TYPES } from '../policy/global-services';
import { literalOf, resolveString } from './resolve';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { ownEntry } from '../policy/own-entry';

/** Types looked at besides the always-global ones: their data path depends on a property. */
const CONDITIONAL_TYPES = ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::DomainName', 'AWS::WAFv2::WebACL'];

/**
 * CaResidency-GlobalService: no service that caches, routes or processes data outside Canada by design
 * (CloudFront and Lambda@Edge, Global Accelerator, S3 Multi-Region Access Points, edge-optimized API Gateway,
 * CloudFront-scoped WAF, ...).
 */
export const DataPathStaysInCanada: ResourceRule = {
  id: 'CaResidency-GlobalService',
  category: 'residency',
  severity: 'fatal',
  summary: 'No global service whose data path (edge caches, anycast, multi-region routing) runs outside Canada.',
  resourceTypes: [...Object.keys(GLOBAL_DATA_PATH_TYPES), ...CONDITIONAL_TYPES],
  check(resource, ctx) {
    const why = ownEntry(GLOBAL_DATA_PATH_TYPES, resource.type);
    if (why) {
      ctx.report({
        path: 'Type',
        message: `${resource.type} ${resource.logicalId}: ${why}. Serve the content from a regional endpoint in Canada instead (e.g. a regional API Gateway or an Application Load Balancer in ca-central-1), or declare a time-limited exemption if only non-personal public content goes through it.`,
      });
      return;
    }
    if (resource.type === 'AWS::WAFv2::WebACL') checkWafScope(resource, ctx);
    else checkApiEndpoint(resource, ctx);
  },
};

function checkApiEndpoint(resource: ResourceUnderTest, ctx: RuleContext): void {
  const cfg = resource.properties.EndpointConfiguration as { Types?: unknown } | undefined;
  const path = 'Properties.EndpointConfiguration.Types';
  // CloudFormation's default for REST APIs and their custom domains is EDGE (served through CloudFront).
  if (cfg === undefined || cfg.Types === undefined) {
    report(resource, ctx, path, 'is not set, so it defaults to EDGE');
    return;
  }
  const types = Array.isArray(cfg.Types) ? cfg.Types : [cfg.Types];
  types.forEach((t: unknown, i: number) => {
    const v = literalOf(resolveString(t, resource.scope));
    if (v === undefined) {
      ctx.report({
        path: `${path}[${i}]`,
        message: `${resource.type} ${resource.logicalId} endpoint type ${JSON.stringify(t)} cannot be resolved at synth time; it could be EDGE (served through CloudFront worldwide). Use 'REGIONAL' or 'PRIVATE'.`,
      });
    } else if (v.toUpperCase() === 'EDGE') {
      report(resource, ctx, `${path}[${i}]`, "is 'EDGE'");
    }
  });
}

function report(resource: ResourceUnderTest, ctx: RuleContext, path: string, what: string): void {
  ctx.report({
    path,
    message: `${resource.type} ${resource.logicalId} endpoint type ${what}: edge-optimized endpoints are served through CloudFront edge locations outside Canada. Set EndpointConfiguration.Types to ['REGIONAL'] (CDK: endpointTypes: [EndpointType.REGIONAL]) or ['PRIVATE'].`,
  });
}

function checkWafScope(resource: ResourceUnderTest, ctx: RuleContext): void {
  const scope = literalOf(resolveString(resource.properties.Scope, resource.scope));
  if (scope === undefined) {
    ctx.report({
      path: 'Properties.Scope',
      message: `WAFv2 WebACL ${resource.logicalId} has a Scope that cannot be resolved at synth time (${JSON.stringify(resource.properties.Scope)}). Use 'REGIONAL'.`,
    });
  } else if (scope.toUpperCase() === 'CLOUDFRONT') {
    ctx.report({
      path: 'Properties.Scope',
      message: `WAFv2 WebACL ${resource.logicalId} has Scope 'CLOUDFRONT': it inspects requests at CloudFront edge locations outside Canada. Use Scope 'REGIONAL' on a regional resource in Canada.`,
    });
  }
}
