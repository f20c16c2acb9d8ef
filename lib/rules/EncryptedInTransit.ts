import {
  IN_TRANSIT,
  InTransitControl,
  NamedPolicyControl,
  ParameterGroupControl,
  PlaintextValuesControl,
  ResourcePolicyControl,
  SwitchControl,
} from '../policy/in-transit-catalogue';
import { engineTls, majorVersion, tlsOnByDefault, tlsValueOn } from '../policy/tls-engine-defaults';
import { getPath, judgeSwitch } from './encryption-helpers';
import { CUSTOM_IN_TRANSIT, judgeNamedPolicy, literalChoices } from './in-transit-checks';
import { policiesLeftOut, protectedResource } from './policy-documents';
import { literalOf, resolveString } from './resolve';
import { tlsVerdicts } from './tls-verdicts';
import { ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { ownEntry } from '../policy/own-entry';

/**
 * CaResidency-EncryptedInTransit: data moves only over TLS (1.2 or later where the service lets you choose).
 * What each type needs is in the in-transit catalogue (lib/policy/in-transit-catalogue.ts): resource policies
 * judged by the policy-statement model, switches with their service defaults, named security policies judged by
 * their documented minimum TLS version, database parameter groups with per-engine, per-version defaults.
 */
export const EncryptedInTransit: ResourceRule = {
  id: 'CaResidency-EncryptedInTransit',
  category: 'encryption-in-transit',
  severity: 'error',
  summary: 'TLS is enforced (1.2+ where selectable) for data in transit.',
  resourceTypes: Object.keys(IN_TRANSIT),
  check(resource, ctx) {
    for (const control of ownEntry(IN_TRANSIT, resource.type)?.controls ?? []) judgeControl(resource, ctx, control);
  },
};

function judgeControl(r: ResourceUnderTest, ctx: RuleContext, c: InTransitControl): void {
  switch (c.kind) {
    case 'resource-policy':
      return resourcePolicy(r, ctx, c);
    case 'switch':
      return switchControl(r, ctx, c);
    case 'plaintext-values':
      return plaintextValues(r, ctx, c);
    case 'named-policy':
      return namedPolicy(r, ctx, c);
    case 'parameter-group':
      return parameterGroup(r, ctx, c);
    case 'custom':
      return CUSTOM_IN_TRANSIT[c.check](r, ctx);
  }
}

function resourcePolicy(r: ResourceUnderTest, ctx: RuleContext, c: ResourcePolicyControl): void {
  const subject = protectedResource(r.logicalId, r.scope, c, r.properties);
  const { plain, old, sources } = tlsVerdicts(subject, c);
  const what = `${r.type} ${r.logicalId}`;
  const kind = c.policyType ? c.policyType.split('::')[2] : c.inlineProperty;
  if (!plain.denied) {
    const leftOut = sources.length === 0 ? policiesLeftOut(subject, c) : [];
    const seen =
      sources.length > 0
        ? `its ${kind} (${sources.join(', ')}) does not deny`
        : leftOut.length > 0
          ? `its ${kind} (${leftOut.map((p) => `${p.id}, Condition ${JSON.stringify(p.condition)}`).join('; ')}) is not deployed wherever it is, so where it is left out nothing denies`
          : `it has no ${kind} in this stack, so nothing denies`;
    ctx.report({
      path: 'Properties',
      message: `${what}: ${seen} every request with aws:SecureTransport false, to every principal, for ${c.dataActions ? c.dataActions.join(', ') : `every ${c.service} action`} on it${plain.gap ? ` (e.g. ${plain.gap} is not denied)` : ''}, so plain HTTP is accepted. ${c.fix}`,
    });
    return;
  }
  if (c.minimumTls !== undefined && old !== undefined && !old.denied) {
    ctx.report({
      path: 'Properties',
      message: `${what}: its ${kind} does not deny TLS versions below ${c.minimumTls.toFixed(1)} to every principal for every action (NumericLessThan s3:TlsVersion ${c.minimumTls.toFixed(1)}${old.gap ? `; e.g. ${old.gap} is not denied` : ''}). ${c.fix}`,
    });
  }
}

function switchControl(r: ResourceUnderTest, ctx: RuleContext, c: SwitchControl): void {
  const value = getPath(r.properties, c.path);
  const where = `${r.type} ${r.logicalId}`;
  if (value === undefined) {
    if (!c.defaultOn)
      ctx.report({
        path: `Properties.${c.path}`,
        message: `${where}: ${c.path} is not set (off by default). ${c.fix}`,
      });
    return;
  }
  const v = judgeSwitch(value, r, c.on ?? [true]);
  if (v.state !== 'on') {
    const shown =
      v.state === 'unresolved' ? `not resolvable at synth time (${v.reasons.join('; ')})` : JSON.stringify(v.shown);
    ctx.report({ path: `Properties.${c.path}`, message: `${where}: ${c.path} is ${shown}. ${c.fix}` });
  }
}

function plaintextValues(r: ResourceUnderTest, ctx: RuleContext, c: PlaintextValuesControl): void {
  const raw = getPath(r.properties, c.path);
  const choices = raw === undefined ? { values: [c.whenAbsent] } : literalChoices(raw, r);
  const where = `${r.type} ${r.logicalId}`;
  if ('reason' in choices) {
    ctx.report({
      path: `Properties.${c.path}`,
      message: `${where}: ${c.path} is not resolvable at synth time (${choices.reason}). ${c.fix}`,
    });
    return;
  }
  const bad = choices.values.filter((v) => c.plaintext.some((p) => p.toLowerCase() === v.toLowerCase()));
  if (bad.length > 0) {
    const shown =
      raw === undefined
        ? `not set (the service uses ${JSON.stringify(c.whenAbsent)})`
        : JSON.stringify(bad.join(' or '));
    ctx.report({
      path: `Properties.${c.path}`,
      message: `${where}: ${c.path} is ${shown}, which carries or accepts data in plain text. ${c.fix}`,
    });
  }
}

function namedPolicy(r: ResourceUnderTest, ctx: RuleContext, c: NamedPolicyControl): void {
  if (
    c.mootWhen !== undefined &&
    getPath(r.properties, c.mootWhen) !== undefined &&
    judgeSwitch(getPath(r.properties, c.mootWhen), r).state === 'on'
  )
    return;
  judgeNamedPolicy(r, ctx, {
    path: c.path,
    value: getPath(r.properties, c.path),
    family: c.family,
    whenAbsent: c.whenAbsent,
    fix: c.fix,
  });
}

/** Parameters of a group: a map (RDS, DocumentDB, Neptune) or a list of {ParameterName, ParameterValue} (Redshift). */
function parameterValue(params: unknown, name: string): unknown {
  if (Array.isArray(params)) {
    return (
      params.find((p: { ParameterName?: unknown }) => p?.ParameterName === name) as
        { ParameterValue?: unknown } | undefined
    )?.ParameterValue;
  }
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === name) return v;
  }
  return undefined;
}

function parameterGroup(r: ResourceUnderTest, ctx: RuleContext, c: ParameterGroupControl): void {
  const p = r.properties;
  // Instances of an Aurora cluster follow the cluster's parameter group; replicas follow their source.
  if (
    r.type === 'AWS::RDS::DBInstance' &&
    (p.DBClusterIdentifier !== undefined || p.SourceDBInstanceIdentifier !== undefined)
  )
    return;
  const engine = c.engine ?? literalOf(resolveString(p.Engine, r.scope)) ?? '';
  const what = `${r.type} ${r.logicalId} (${engine || 'engine not literal'})`;
  const path = `Properties.${c.groupProperty}`;
  const tls = engineTls(engine);
  if (!tls) {
    ctx.report({
      path: 'Properties.Engine',
      message: `${what}: TLS enforcement cannot be verified for this engine at synth time. Enforce TLS in the engine configuration (e.g. Oracle SSL option) and declare an acknowledgement with the reason.`,
    });
    return;
  }
  const major = majorVersion(literalOf(resolveString(p.EngineVersion, r.scope)));
  const byDefault = tlsOnByDefault(tls, major);
  const defaultText =
    byDefault === undefined
      ? `its default depends on the engine version, which is ${p.EngineVersion === undefined ? 'not set' : 'not literal'}`
      : `its default is ${byDefault ? 'on' : 'off'}`;
  const ref = p[c.groupProperty];
  const groupName = literalOf(resolveString(ref, r.scope));
  const id = (ref as { Ref?: unknown } | undefined)?.Ref;
  const group = typeof id === 'string' ? r.scope.resources[id] : undefined;
  // No group, or an AWS default group (`default.<family>`): the engine's default decides.
  let value: unknown;
  if (ref === undefined || groupName?.startsWith('default.')) value = undefined;
  else if (!group || group.Type !== c.groupType) {
    ctx.report({
      path,
      message: `${what}: parameter group ${JSON.stringify(ref)} is not a resource of this stack (${c.groupType}), so ${tls.parameter} cannot be shown to force TLS. Use a parameter group of this stack with ${tls.parameter} = ${tls.on[0]}.`,
    });
    return;
  } else value = parameterValue(group.Properties?.Parameters, tls.parameter);
  if (value === undefined) {
    if (byDefault !== true)
      ctx.report({
        path,
        message: `${what}: ${ref === undefined || groupName?.startsWith('default.') ? 'it uses the default parameter group, which does not set' : 'its parameter group does not set'} ${tls.parameter} and ${defaultText}, so clients may connect without TLS. Set ${tls.parameter} = ${tls.on[0]}.`,
      });
    return;
  }
  const text = literalOf(resolveString(value, r.scope));
  if (text === undefined || !tlsValueOn(tls, text)) {
    ctx.report({
      path,
      message: `${what}: its parameter group sets ${tls.parameter} to ${JSON.stringify(text ?? value)}, so clients may connect without TLS. Set ${tls.parameter} = ${tls.on[0]}.`,
    });
  }
}
