import { DATA_EXPOSURE_TYPES, PAYLOAD_LOGGING, RESPONSE_CACHE } from '../policy/data-exposure';
import { judgeSwitch, SwitchVerdict } from './encryption-helpers';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { isIntrinsic } from '../policy/cfn-intrinsic';

/** One block of method or route settings and where it sits in the resource. */
interface SettingsBlock {
  readonly path: string;
  readonly settings: Record<string, unknown>;
}

/**
 * CaResidency-DataExposure: API Gateway does not copy request and response payloads where the people who read
 * operational data can see them: data-trace (full request/response) execution logging stays off on every stage,
 * deployment stage and WebSocket route, and a stage cache that holds responses encrypts them. Values that cannot
 * be resolved at synth time are findings.
 */
export const ApiPayloadsStayOutOfLogsAndCaches: ResourceRule = {
  id: 'CaResidency-DataExposure',
  category: 'data-exposure',
  severity: 'error',
  summary: 'API Gateway stages keep data-trace (full payload) logging off and encrypt response caches.',
  resourceTypes: Object.keys(DATA_EXPOSURE_TYPES),
  check(resource, ctx) {
    const p = resource.properties;
    if (resource.type === 'AWS::ApiGateway::Stage') {
      const blocks = listBlocks(p.MethodSettings, 'Properties.MethodSettings', resource, ctx);
      checkBlocks(blocks, resource, ctx);
      checkCache(p.CacheClusterEnabled, 'Properties', blocks, resource, ctx);
    } else if (resource.type === 'AWS::ApiGateway::Deployment') {
      const sd = p.StageDescription;
      if (sd === undefined) return;
      if (!isObject(sd)) {
        unjudgeable(resource, ctx, 'Properties.StageDescription', sd);
        return;
      }
      // The stage description's own settings apply to every method (like a `/*/*` method setting).
      const blocks = [
        { path: 'Properties.StageDescription', settings: sd },
        ...listBlocks(sd.MethodSettings, 'Properties.StageDescription.MethodSettings', resource, ctx),
      ];
      checkBlocks(blocks, resource, ctx);
      checkCache(sd.CacheClusterEnabled, 'Properties.StageDescription', blocks, resource, ctx);
    } else {
      const blocks: SettingsBlock[] = [];
      if (p.DefaultRouteSettings !== undefined) {
        if (isObject(p.DefaultRouteSettings))
          blocks.push({ path: 'Properties.DefaultRouteSettings', settings: p.DefaultRouteSettings });
        else unjudgeable(resource, ctx, 'Properties.DefaultRouteSettings', p.DefaultRouteSettings);
      }
      if (p.RouteSettings !== undefined) {
        if (!isObject(p.RouteSettings) || isIntrinsic(p.RouteSettings))
          unjudgeable(resource, ctx, 'Properties.RouteSettings', p.RouteSettings);
        else {
          for (const [route, s] of Object.entries(p.RouteSettings)) {
            const path = `Properties.RouteSettings.${route}`;
            if (isObject(s)) blocks.push({ path, settings: s });
            else unjudgeable(resource, ctx, path, s);
          }
        }
      }
      checkBlocks(blocks, resource, ctx);
    }
  },
};

/** A switch as shown in messages: its literal value, or why it cannot be known. */
function shown(v: SwitchVerdict): string {
  return 'shown' in v ? v.shown : `not resolvable at synth time (${v.reasons.join('; ')})`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unjudgeable(resource: ResourceUnderTest, ctx: RuleContext, path: string, value: unknown): void {
  ctx.report({
    path,
    message: `${resource.type} ${resource.logicalId} ${path} is ${JSON.stringify(value)}, which cannot be judged at synth time: data-trace logging or an unencrypted cache could hide behind it. Write the settings as literal values.`,
  });
}

/** The method settings of a list property; an unresolvable list or entry is a finding. */
function listBlocks(value: unknown, path: string, resource: ResourceUnderTest, ctx: RuleContext): SettingsBlock[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    unjudgeable(resource, ctx, path, value);
    return [];
  }
  const blocks: SettingsBlock[] = [];
  value.forEach((s: unknown, i: number) => {
    if (isObject(s) && !isIntrinsic(s)) blocks.push({ path: `${path}[${i}]`, settings: s });
    else unjudgeable(resource, ctx, `${path}[${i}]`, s);
  });
  return blocks;
}

/** Data trace must be off (absent = off) in every block. */
function checkBlocks(blocks: readonly SettingsBlock[], resource: ResourceUnderTest, ctx: RuleContext): void {
  const prop = PAYLOAD_LOGGING.property;
  for (const b of blocks) {
    const value = b.settings[prop];
    if (value === undefined) continue;
    const v = judgeSwitch(value, resource);
    if (v.state === 'off') continue;
    ctx.report({
      path: `${b.path}.${prop}`,
      message: `${resource.type} ${resource.logicalId} ${b.path}.${prop} is ${shown(v)}: data-trace logging ${PAYLOAD_LOGGING.exposes}. Set it to false (CDK: dataTraceEnabled: false) and use JSON access logs for auditing.`,
    });
  }
}

/**
 * A stage cache holds responses only when the stage's cache cluster is on; then every block that turns caching on
 * must encrypt, and a cluster with no encryption declared anywhere is a finding (method caching can be turned on
 * outside the template, and the console turns it on for GET by default).
 */
function checkCache(
  cluster: unknown,
  base: string,
  blocks: readonly SettingsBlock[],
  resource: ResourceUnderTest,
  ctx: RuleContext,
): void {
  const { clusterProperty, cachingProperty, encryptionProperty, exposes } = RESPONSE_CACHE;
  if (cluster === undefined) return;
  const c = judgeSwitch(cluster, resource);
  if (c.state === 'off') return;
  const what = `${resource.type} ${resource.logicalId}`;
  const clusterShown = c.state === 'on' ? 'on' : shown(c);
  let encryptedSomewhere = false;
  for (const b of blocks) {
    const enc =
      b.settings[encryptionProperty] === undefined ? undefined : judgeSwitch(b.settings[encryptionProperty], resource);
    if (enc?.state === 'on') encryptedSomewhere = true;
    const caching = b.settings[cachingProperty];
    if (caching === undefined) continue;
    const v = judgeSwitch(caching, resource);
    if (v.state === 'off' || enc?.state === 'on') continue;
    const encShown = enc === undefined ? 'absent (defaults to false)' : shown(enc);
    ctx.report({
      path: `${b.path}.${encryptionProperty}`,
      message: `${what} ${b.path}: ${cachingProperty} is ${shown(v)} with the cache cluster ${clusterShown}, and ${encryptionProperty} is ${encShown}: the cache ${exposes}. Set ${encryptionProperty}: true (CDK: cacheDataEncrypted: true).`,
    });
  }
  if (
    !encryptedSomewhere &&
    !blocks.some(
      (b) =>
        b.settings[cachingProperty] !== undefined && judgeSwitch(b.settings[cachingProperty], resource).state !== 'off',
    )
  ) {
    ctx.report({
      path: `${base}.${clusterProperty}`,
      message: `${what} ${base}.${clusterProperty} is ${clusterShown} but no method setting declares ${encryptionProperty}: true: the cache ${exposes}. Add a method setting for '/*' '*' with ${encryptionProperty}: true, or turn the cache cluster off.`,
    });
  }
}
