/**
 * In-transit checks that need code (listeners with redirects, distributions with behaviours and origins...), and
 * the judgement of a named security policy by its documented minimum TLS version. The catalogue
 * (lib/policy/in-transit-catalogue.ts) says which type gets which check.
 */
import { CustomControl } from '../policy/in-transit-catalogue';
import { minimumTlsOf, SECURITY_POLICY_TABLES, SecurityPolicyFamily, tlsLabel } from '../policy/tls-security-policies';
import { getPath } from './encryption-helpers';
import { possibleValues, resolveString, unresolvedHoles } from './resolve';
import { ResourceUnderTest, RuleContext } from './types';

/** The minimum TLS version the rule demands wherever the service lets the client choose. */
export const REQUIRED_TLS = 1.2;

/** Every literal value a property can take (a literal, or a parameter with AllowedValues), or why it cannot be known. */
export function literalChoices(
  value: unknown,
  r: ResourceUnderTest,
): { values: readonly string[] } | { reason: string } {
  const resolved = resolveString(value, r.scope);
  const values = possibleValues(resolved);
  if (values) return { values };
  const holes = resolved ? unresolvedHoles(resolved) : [];
  return {
    reason:
      holes.length > 0
        ? holes.map((h) => h.reason).join('; ')
        : `${JSON.stringify(value)} is only known at deploy time`,
  };
}

export interface NamedPolicyQuestion {
  readonly path: string;
  readonly value: unknown;
  readonly family: SecurityPolicyFamily;
  readonly whenAbsent?: string;
  readonly fix: string;
}

/** Judge a named security policy by the table: unknown names and unresolvable values fail closed. */
export function judgeNamedPolicy(r: ResourceUnderTest, ctx: RuleContext, q: NamedPolicyQuestion): void {
  const where = `${r.type} ${r.logicalId}`;
  const path = `Properties.${q.path}`;
  if (q.value === undefined && q.whenAbsent === undefined) {
    ctx.report({
      path,
      message: `${where}: ${q.path} is not set, so the minimum TLS version cannot be shown to be ${tlsLabel(REQUIRED_TLS)} or later. ${q.fix}`,
    });
    return;
  }
  const choices = q.value === undefined ? { values: [q.whenAbsent!] } : literalChoices(q.value, r);
  if ('reason' in choices) {
    ctx.report({ path, message: `${where}: ${q.path} is not resolvable at synth time (${choices.reason}). ${q.fix}` });
    return;
  }
  const problems: string[] = [];
  for (const name of choices.values) {
    const min = minimumTlsOf(q.family, name);
    const shown = q.value === undefined ? `not set (the service uses ${name})` : JSON.stringify(name);
    if (min === undefined)
      problems.push(
        `${shown} is not a security policy in the catalogue (${SECURITY_POLICY_TABLES[q.family].source}), so its minimum TLS version is unknown`,
      );
    else if (min < REQUIRED_TLS) problems.push(`${shown} accepts ${tlsLabel(min)}`);
  }
  if (problems.length > 0) ctx.report({ path, message: `${where}: ${q.path} ${problems.join('; ')}. ${q.fix}` });
}

function literal(value: unknown, r: ResourceUnderTest): string | undefined {
  const c = literalChoices(value, r);
  return 'values' in c && c.values.length === 1 ? c.values[0] : undefined;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const ELB_FIX = 'Use an HTTPS/TLS listener with a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.';

function elbV2Listener(r: ResourceUnderTest, ctx: RuleContext): void {
  const p = r.properties;
  const protocol = literal(p.Protocol, r);
  const what = `Listener ${r.logicalId}`;
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    // Without SslPolicy, ELB applies ELBSecurityPolicy-2016-08 to listeners created through the API.
    judgeNamedPolicy(r, ctx, {
      path: 'SslPolicy',
      value: p.SslPolicy,
      family: 'elb',
      whenAbsent: 'ELBSecurityPolicy-2016-08',
      fix: ELB_FIX,
    });
    return;
  }
  if (protocol === 'HTTP') {
    const actions = list(p.DefaultActions);
    const redirects =
      actions.length > 0 &&
      actions.every((a) => {
        const act = a as { Type?: unknown; RedirectConfig?: { Protocol?: unknown } };
        return literal(act.Type, r) === 'redirect' && literal(act.RedirectConfig?.Protocol, r) === 'HTTPS';
      });
    if (!redirects)
      ctx.report({
        path: 'Properties.Protocol',
        message: `${what} serves plain HTTP. Use HTTPS with a TLS 1.2+ policy; HTTP is allowed only as a redirect to HTTPS.`,
      });
    return;
  }
  ctx.report({
    path: 'Properties.Protocol',
    message: `${what} uses protocol ${JSON.stringify(p.Protocol ?? null)}, which does not terminate TLS at the load balancer, so TLS cannot be proven. ${ELB_FIX}`,
  });
}

function classicLoadBalancer(r: ResourceUnderTest, ctx: RuleContext): void {
  const policies = list(r.properties.Policies) as {
    PolicyName?: unknown;
    PolicyType?: unknown;
    Attributes?: unknown;
  }[];
  list(r.properties.Listeners).forEach((l, i) => {
    const listener = l as { Protocol?: unknown; PolicyNames?: unknown };
    const protocol = literal(listener.Protocol, r)?.toUpperCase();
    if (protocol !== 'HTTPS' && protocol !== 'SSL') {
      ctx.report({
        path: `Properties.Listeners[${i}].Protocol`,
        message: `Load balancer ${r.logicalId} listener ${i} uses ${JSON.stringify(listener.Protocol ?? null)}, which carries data without TLS. ${ELB_FIX}`,
      });
      return;
    }
    const names = list(listener.PolicyNames).map((n) => literal(n, r));
    const negotiation = policies.find(
      (pol) =>
        names.includes(literal(pol?.PolicyName, r)) && literal(pol?.PolicyType, r) === 'SSLNegotiationPolicyType',
    );
    const reference = list(negotiation?.Attributes).find(
      (a) => (a as { Name?: unknown })?.Name === 'Reference-Security-Policy',
    ) as { Value?: unknown } | undefined;
    judgeNamedPolicy(r, ctx, {
      path: `Listeners[${i}].PolicyNames`,
      value: negotiation ? (reference?.Value ?? '(custom negotiation policy)') : undefined,
      family: 'elb',
      whenAbsent: 'ELBSecurityPolicy-2016-08',
      fix: 'Attach an SSLNegotiationPolicyType policy with Reference-Security-Policy ELBSecurityPolicy-TLS-1-2-2017-01.',
    });
  });
}

function cloudFrontDistribution(r: ResourceUnderTest, ctx: RuleContext): void {
  const cfg = r.properties.DistributionConfig as Record<string, unknown> | undefined;
  const base = 'Properties.DistributionConfig';
  const behaviors: [string, unknown][] = [
    [`${base}.DefaultCacheBehavior`, cfg?.DefaultCacheBehavior],
    ...list(cfg?.CacheBehaviors).map((b, i): [string, unknown] => [`${base}.CacheBehaviors[${i}]`, b]),
  ];
  for (const [path, b] of behaviors) {
    const policy = literal((b as { ViewerProtocolPolicy?: unknown } | undefined)?.ViewerProtocolPolicy, r);
    if (policy !== 'https-only' && policy !== 'redirect-to-https') {
      ctx.report({
        path: `${path}.ViewerProtocolPolicy`,
        message: `CloudFront distribution ${r.logicalId} lets viewers use HTTP (${JSON.stringify(policy ?? null)}). Use 'redirect-to-https' or 'https-only'.`,
      });
    }
  }
  const cert = cfg?.ViewerCertificate as Record<string, unknown> | undefined;
  const defaultCert = cert === undefined || literal(cert.CloudFrontDefaultCertificate, r) === 'true';
  // The *.cloudfront.net certificate always allows TLSv1, whatever MinimumProtocolVersion says.
  judgeNamedPolicy(r, ctx, {
    path: 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion',
    value: defaultCert ? 'TLSv1' : cert?.MinimumProtocolVersion,
    family: 'cloudfront',
    whenAbsent: 'TLSv1',
    fix: 'Use a custom certificate (ACM) with MinimumProtocolVersion TLSv1.2_2021 or later.',
  });
  list(cfg?.Origins).forEach((o, i) => {
    const custom = (o as { CustomOriginConfig?: Record<string, unknown> } | undefined)?.CustomOriginConfig;
    if (!custom) return;
    const path = `${base}.Origins[${i}].CustomOriginConfig`;
    const policy = literal(custom.OriginProtocolPolicy, r);
    if (policy !== 'https-only' && policy !== 'match-viewer') {
      ctx.report({
        path: `${path}.OriginProtocolPolicy`,
        message: `CloudFront distribution ${r.logicalId} origin ${i} is fetched over ${JSON.stringify(policy ?? null)} (plain HTTP). Use 'https-only'.`,
      });
      return;
    }
    const protocols =
      custom.OriginSSLProtocols === undefined ? undefined : list(custom.OriginSSLProtocols).map((x) => literal(x, r));
    const weak = protocols?.filter((x) => x !== 'TLSv1.2' && x !== 'TLSv1.3');
    if (!protocols || weak!.length > 0) {
      ctx.report({
        path: `${path}.OriginSSLProtocols`,
        message: `CloudFront distribution ${r.logicalId} origin ${i}: OriginSSLProtocols ${protocols ? `allows ${JSON.stringify(weak)}` : 'is not set'}; allow only TLSv1.2 (CDK: originSslProtocols: [OriginSslPolicy.TLS_V1_2]).`,
      });
    }
  });
}

function apiGatewayV2DomainName(r: ResourceUnderTest, ctx: RuleContext): void {
  list(getPath(r.properties, 'DomainNameConfigurations')).forEach((c, i) => {
    judgeNamedPolicy(r, ctx, {
      path: `DomainNameConfigurations[${i}].SecurityPolicy`,
      value: (c as { SecurityPolicy?: unknown } | undefined)?.SecurityPolicy,
      family: 'apigateway',
      fix: "Set SecurityPolicy 'TLS_1_2'.",
    });
  });
}

function transferServer(r: ResourceUnderTest, ctx: RuleContext): void {
  const protocols =
    r.properties.Protocols === undefined ? ['SFTP'] : list(r.properties.Protocols).map((p) => literal(p, r));
  if (protocols.some((p) => p === undefined || p.toUpperCase() === 'FTP')) {
    ctx.report({
      path: 'Properties.Protocols',
      message: `Transfer Family server ${r.logicalId} accepts ${JSON.stringify(r.properties.Protocols)}: FTP carries credentials and files in plain text (or a protocol is not literal). Use SFTP or FTPS.`,
    });
  }
  // CloudFormation assigns TransferSecurityPolicy-2018-11 when the property is absent.
  judgeNamedPolicy(r, ctx, {
    path: 'SecurityPolicyName',
    value: r.properties.SecurityPolicyName,
    family: 'transfer',
    whenAbsent: 'TransferSecurityPolicy-2018-11',
    fix: 'Set SecurityPolicyName to a current policy such as TransferSecurityPolicy-2024-01.',
  });
}

/** DMS endpoint engines that connect to a database over its own protocol (SslMode applies). */
const DMS_DATABASES = new Set([
  'mysql',
  'oracle',
  'postgres',
  'mariadb',
  'aurora',
  'aurora-postgresql',
  'sqlserver',
  'db2',
  'db2-zos',
  'sybase',
  'mongodb',
  'docdb',
  'redshift',
  'redshift-serverless',
  'azuredb',
  'azure-sql-managed-instance',
  'babelfish',
  'gcp-mysql',
  'aurora-serverless',
]);
/** DMS endpoint engines reached through AWS HTTPS APIs only. */
const DMS_HTTPS_APIS = new Set(['s3', 'dynamodb', 'kinesis', 'opensearch', 'elasticsearch', 'neptune', 'timestream']);

function dmsEndpoint(r: ResourceUnderTest, ctx: RuleContext): void {
  const engine = literal(r.properties.EngineName, r)?.toLowerCase();
  const what = `DMS endpoint ${r.logicalId} (${engine ?? 'engine not literal'})`;
  if (engine !== undefined && DMS_HTTPS_APIS.has(engine)) return;
  if (engine === 'kafka') {
    const sp = literal(getPath(r.properties, 'KafkaSettings.SecurityProtocol'), r) ?? 'plaintext';
    if (sp === 'plaintext')
      ctx.report({
        path: 'Properties.KafkaSettings.SecurityProtocol',
        message: `${what}: SecurityProtocol is ${JSON.stringify(sp)}, so records travel in plain text. Use 'ssl-encryption', 'ssl-authentication' or 'sasl-ssl'.`,
      });
    return;
  }
  if (engine === undefined || !DMS_DATABASES.has(engine)) {
    ctx.report({
      path: 'Properties.EngineName',
      message: `${what}: TLS of this engine cannot be judged at synth time. Use a catalogued engine with SslMode 'verify-full'.`,
    });
    return;
  }
  const mode = r.properties.SslMode === undefined ? 'none' : literal(r.properties.SslMode, r);
  if (mode !== 'require' && mode !== 'verify-ca' && mode !== 'verify-full') {
    ctx.report({
      path: 'Properties.SslMode',
      message: `${what}: SslMode is ${r.properties.SslMode === undefined ? "not set ('none')" : JSON.stringify(mode ?? r.properties.SslMode)}, so data moves without TLS. Set SslMode 'verify-full'.`,
    });
  }
}

function snsSubscription(r: ResourceUnderTest, ctx: RuleContext): void {
  const protocol = literal(r.properties.Protocol, r)?.toLowerCase();
  const endpoint = literal(r.properties.Endpoint, r);
  if (
    protocol === 'http' ||
    (protocol === undefined && r.properties.Protocol !== undefined) ||
    endpoint?.toLowerCase().startsWith('http://')
  ) {
    ctx.report({
      path: 'Properties.Protocol',
      message: `SNS subscription ${r.logicalId} delivers over ${JSON.stringify(protocol ?? r.properties.Protocol)} to ${JSON.stringify(endpoint ?? r.properties.Endpoint)}: messages leave in plain text. Subscribe an https:// endpoint.`,
    });
  }
}

function redshiftServerlessWorkgroup(r: ResourceUnderTest, ctx: RuleContext): void {
  const params = list(r.properties.ConfigParameters) as { ParameterKey?: unknown; ParameterValue?: unknown }[];
  const entry = params.find((p) => p?.ParameterKey === 'require_ssl');
  const value = entry ? literal(entry.ParameterValue, r) : undefined;
  if (value?.toLowerCase() !== 'true') {
    ctx.report({
      path: 'Properties.ConfigParameters',
      message: `Redshift Serverless workgroup ${r.logicalId}: require_ssl is ${entry ? JSON.stringify(value ?? entry.ParameterValue) : 'not set'}, so TLS cannot be shown to be required. Add ConfigParameters require_ssl = true.`,
    });
  }
}

export const CUSTOM_IN_TRANSIT: Readonly<
  Record<CustomControl['check'], (r: ResourceUnderTest, ctx: RuleContext) => void>
> = {
  ElbV2Listener: elbV2Listener,
  ClassicLoadBalancer: classicLoadBalancer,
  CloudFrontDistribution: cloudFrontDistribution,
  ApiGatewayV2DomainName: apiGatewayV2DomainName,
  TransferServer: transferServer,
  DmsEndpoint: dmsEndpoint,
  SnsSubscription: snsSubscription,
  RedshiftServerlessWorkgroup: redshiftServerlessWorkgroup,
};
