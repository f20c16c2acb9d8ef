/**
 * Compliance/Noncompliance cases generated from the in-transit catalogue and the minimum-TLS tables, plus the
 * classes of issue 12: named security policies, engine/version defaults, plaintext protocols (each with clean
 * look-alikes that must not be flagged).
 */
import {
  IN_TRANSIT,
  NamedPolicyControl,
  PlaintextValuesControl,
  SwitchControl,
} from '../../lib/policy/in-transit-catalogue';
import { ENGINE_TLS } from '../../lib/policy/tls-engine-defaults';
import { SECURITY_POLICY_TABLES } from '../../lib/policy/tls-security-policies';
import { CfnResourceJson, evaluateTemplates } from '../../lib/rules';
import { tut } from './support';

const RULE = 'CaResidency-EncryptedInTransit';

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  parts.slice(0, -1).forEach((p) => (cur = (cur[p] ??= {}) as Record<string, unknown>));
  cur[parts[parts.length - 1]] = value;
}

function findings(
  type: string,
  props: Record<string, unknown>,
  extra: Record<string, CfnResourceJson> = {},
  parameters?: Record<string, unknown>,
) {
  const t = tut(
    'Primary',
    'ca-central-1',
    { Subject: { Type: type, Properties: props }, ...extra },
    parameters ? { Parameters: parameters } : {},
  );
  return evaluateTemplates([t]).filter((f) => f.ruleId === RULE && f.logicalId === 'Subject');
}

/** Properties that turn on every switch of a type, so one control can be judged at a time. */
function allOn(type: string): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const c of IN_TRANSIT[type].controls) {
    if (c.kind === 'switch') setPath(p, c.path, (c.on ?? [true])[0]);
    if (c.kind === 'named-policy')
      setPath(p, c.path, Object.entries(SECURITY_POLICY_TABLES[c.family].minimumTls).find(([, v]) => v >= 1.2)![0]);
  }
  return p;
}

const withControl = <K extends string>(kind: K) =>
  Object.entries(IN_TRANSIT).flatMap(([type, spec]) =>
    spec.controls.filter((c) => c.kind === kind).map((c) => [type, c] as const),
  );

describe.each(withControl('switch') as [string, SwitchControl][])('%s switch %s', (type, c) => {
  test(
    c.defaultOn ? 'Compliance: absent switch (on by default)' : 'Noncompliance: absent switch (off by default)',
    () => {
      const p = allOn(type);
      setPath(p, c.path, undefined);
      expect(findings(type, JSON.parse(JSON.stringify(p))).map((f) => f.path)).toEqual(
        c.defaultOn ? [] : [`Properties.${c.path}`],
      );
    },
  );
  test('Noncompliance: switched off, and from a parameter (fails closed)', () => {
    const off = allOn(type);
    setPath(off, c.path, false);
    expect(findings(type, off).map((f) => f.path)).toEqual([`Properties.${c.path}`]);
    const param = allOn(type);
    setPath(param, c.path, { Ref: 'Flag' });
    expect(findings(type, param, {}, { Flag: { Type: 'String' } })[0].message).toMatch(/parameter 'Flag'/);
  });
  test('Compliance: switched on', () => {
    expect(findings(type, allOn(type))).toEqual([]);
  });
});

describe.each(withControl('plaintext-values') as [string, PlaintextValuesControl][])(
  '%s plaintext values',
  (type, c) => {
    test.each(c.plaintext)(`Noncompliance: ${c.path} = %s`, (value) => {
      const p = allOn(type);
      setPath(p, c.path, value);
      expect(findings(type, p).map((f) => f.path)).toEqual([`Properties.${c.path}`]);
    });
    test(`absent ${c.path} is judged as the service default ${c.whenAbsent}`, () => {
      const flagged = c.plaintext.includes(c.whenAbsent);
      expect(findings(type, allOn(type)).length).toBe(flagged ? 1 : 0);
    });
  },
);

const familyCases = withControl('named-policy') as [string, NamedPolicyControl][];
describe.each(familyCases)('%s named security policy', (type, c) => {
  const table = SECURITY_POLICY_TABLES[c.family].minimumTls;
  test.each(Object.entries(table))('%s (minimum TLS %s) is judged by the table', (name, min) => {
    const p = allOn(type);
    setPath(p, c.path, name);
    expect(findings(type, p).length).toBe(min < 1.2 ? 1 : 0);
  });
  test('Noncompliance: a name missing from the table fails closed, even when it looks modern', () => {
    const p = allOn(type);
    setPath(p, c.path, `${Object.keys(table).find((n) => table[n] >= 1.2)}-TLS13-1-3-2099`);
    expect(findings(type, p)[0].message).toMatch(/not a security policy in the catalogue/);
  });
  test(`absent: judged as ${c.whenAbsent ?? 'unknown (finding)'}`, () => {
    const p = allOn(type);
    setPath(p, c.path, undefined);
    const expected = c.whenAbsent === undefined || table[c.whenAbsent] < 1.2 ? 1 : 0;
    expect(findings(type, JSON.parse(JSON.stringify(p))).length).toBe(expected);
  });
});

describe('named security policies: substrings do not decide', () => {
  const listener = (policy: unknown) =>
    findings(
      'AWS::ElasticLoadBalancingV2::Listener',
      {
        Protocol: 'HTTPS',
        SslPolicy: policy,
        Certificates: [{ CertificateArn: 'arn:aws:acm:ca-central-1:111111111111:certificate/x' }],
      },
      {},
      {
        Policy: {
          Type: 'String',
          AllowedValues: ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-0-2021-06'],
        },
        Good: {
          Type: 'String',
          AllowedValues: ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-3-2021-06'],
        },
      },
    );
  test('Noncompliance: TLS13 policies that accept TLS 1.0/1.1, a parameter allowing one, no policy (ELB default 2016-08)', () => {
    expect(listener('ELBSecurityPolicy-TLS13-1-0-2021-06')[0].message).toMatch(/accepts TLS 1\.0/);
    expect(listener('ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04')[0].message).toMatch(/accepts TLS 1\.1/);
    expect(listener('ELBSecurityPolicy-TLS13-1-0-PQ-2025-09')).toHaveLength(1);
    expect(listener({ Ref: 'Policy' })[0].message).toMatch(/TLS13-1-0-2021-06" accepts TLS 1\.0/);
    expect(listener(undefined)[0].message).toMatch(/ELBSecurityPolicy-2016-08\) accepts TLS 1\.0/);
  });
  test('Compliance: look-alikes without TLS13 in the name that require 1.2, and a parameter whose every value does', () => {
    expect(listener('ELBSecurityPolicy-TLS-1-2-Ext-2018-06')).toEqual([]);
    expect(listener('ELBSecurityPolicy-FS-1-2-Res-2020-10')).toEqual([]);
    expect(listener({ Ref: 'Good' })).toEqual([]);
  });
  test('CloudFront: the default certificate means TLSv1 whatever the template says; TLSv1.1_2016 fails; TLSv1.2_2025 passes', () => {
    const cdn = (cert: unknown) =>
      findings('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          Enabled: true,
          DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' },
          ViewerCertificate: cert,
        },
      });
    expect(cdn({ CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' })).toHaveLength(1);
    expect(
      cdn({
        AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.1_2016',
      }),
    ).toHaveLength(1);
    expect(
      cdn({
        AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2025',
      }),
    ).toEqual([]);
  });
  test('API Gateway: REST API default endpoint (TLS_1_0) fails unless disabled; enhanced policies pass', () => {
    expect(findings('AWS::ApiGateway::RestApi', { Name: 'api' })[0].message).toMatch(/TLS_1_0\) accepts TLS 1\.0/);
    expect(findings('AWS::ApiGateway::RestApi', { Name: 'api', DisableExecuteApiEndpoint: true })).toEqual([]);
    expect(
      findings('AWS::ApiGateway::RestApi', { Name: 'api', SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' }),
    ).toEqual([]);
    expect(
      findings('AWS::ApiGatewayV2::DomainName', {
        DomainName: 'x.ca',
        DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2' }, { SecurityPolicy: 'TLS_1_0' }],
      }).map((f) => f.path),
    ).toEqual(['Properties.DomainNameConfigurations[1].SecurityPolicy']);
  });
});

describe('database engine and version defaults', () => {
  const instance = (engine: string, version?: string, group?: unknown) =>
    findings('AWS::RDS::DBInstance', {
      Engine: engine,
      ...(version ? { EngineVersion: version } : {}),
      ...(group !== undefined ? { DBParameterGroupName: group } : {}),
    });
  const cluster = (engine: string, version?: string) =>
    findings('AWS::RDS::DBCluster', { Engine: engine, ...(version ? { EngineVersion: version } : {}) });
  test('Compliance: RDS PostgreSQL 15+ defaults, AWS default group names, DocumentDB and Neptune defaults', () => {
    expect(instance('postgres', '15.4')).toEqual([]);
    expect(instance('postgres', '17.2', 'default.postgres17')).toEqual([]);
    expect(findings('AWS::DocDB::DBCluster', { StorageEncrypted: true })).toEqual([]);
    expect(findings('AWS::Neptune::DBCluster', {})).toEqual([]);
    const group = {
      Type: 'AWS::RDS::DBParameterGroup',
      Properties: { Family: 'postgres16', Parameters: { work_mem: '8192' } },
    };
    expect(
      findings(
        'AWS::RDS::DBInstance',
        { Engine: 'postgres', EngineVersion: '16.1', DBParameterGroupName: { Ref: 'Group' } },
        { Group: group },
      ),
    ).toEqual([]);
  });
  test('Noncompliance: PostgreSQL 14, Aurora PostgreSQL 16 (default off), MySQL/MariaDB/Aurora MySQL/SQL Server defaults, unknown version', () => {
    expect(instance('postgres', '14.9')[0].message).toMatch(/rds\.force_ssl and its default is off/);
    expect(cluster('aurora-postgresql', '16.4')[0].message).toMatch(/rds\.force_ssl and its default is off/);
    expect(instance('mysql', '8.0.35')[0].message).toMatch(/require_secure_transport/);
    expect(instance('mariadb', '10.11')).toHaveLength(1);
    expect(cluster('aurora-mysql', '8.0.mysql_aurora.3.05.2')).toHaveLength(1);
    expect(instance('sqlserver-se', '16.00')).toHaveLength(1);
    expect(instance('postgres')[0].message).toMatch(/depends on the engine version, which is not set/);
  });
  test('Noncompliance: a group of the stack turning TLS off, DocumentDB tls disabled, Redshift without require_ssl, unseen group names', () => {
    const lax = {
      Type: 'AWS::RDS::DBParameterGroup',
      Properties: { Family: 'postgres16', Parameters: { 'rds.force_ssl': '0' } },
    };
    expect(
      findings(
        'AWS::RDS::DBInstance',
        { Engine: 'postgres', EngineVersion: '16.1', DBParameterGroupName: { Ref: 'Lax' } },
        { Lax: lax },
      )[0].message,
    ).toMatch(/rds\.force_ssl to "0"/);
    const docdb = {
      Type: 'AWS::DocDB::DBClusterParameterGroup',
      Properties: { Family: 'docdb5.0', Description: 'd', Parameters: { tls: 'disabled' } },
    };
    expect(findings('AWS::DocDB::DBCluster', { DBClusterParameterGroupName: { Ref: 'G' } }, { G: docdb })).toHaveLength(
      1,
    );
    expect(
      findings('AWS::Redshift::Cluster', { NodeType: 'ra3.xlplus', ClusterType: 'single-node' })[0].message,
    ).toMatch(/require_ssl/);
    expect(instance('postgres', '16.1', 'shared-group')[0].message).toMatch(/not a resource of this stack/);
    expect(instance('oracle-ee', '19')[0].path).toBe('Properties.Engine');
  });
  test('every engine default in the table names its documentation source', () => {
    for (const [engine, spec] of Object.entries(ENGINE_TLS))
      expect([engine, spec.source]).toEqual([engine, expect.stringMatching(/Guide.*read \d{4}-\d{2}-\d{2}/)]);
  });
});

describe('plaintext protocols', () => {
  test('Noncompliance: SNS http subscription, Transfer FTP, DMS SslMode none or absent, DMS Kafka plaintext, CloudFront http-only origin', () => {
    expect(
      findings('AWS::SNS::Subscription', {
        Protocol: 'http',
        Endpoint: 'http://example.ca/hook',
        TopicArn: 'arn:aws:sns:ca-central-1:111111111111:t',
      }),
    ).toHaveLength(1);
    expect(findings('AWS::Transfer::Server', { Protocols: ['FTP', 'SFTP'] }).map((f) => f.path)).toEqual([
      'Properties.Protocols',
    ]);
    expect(
      findings('AWS::DMS::Endpoint', { EndpointType: 'source', EngineName: 'postgres', SslMode: 'none' }),
    ).toHaveLength(1);
    expect(findings('AWS::DMS::Endpoint', { EndpointType: 'source', EngineName: 'mysql' })[0].message).toMatch(
      /not set \('none'\)/,
    );
    expect(
      findings('AWS::DMS::Endpoint', {
        EndpointType: 'target',
        EngineName: 'kafka',
        KafkaSettings: { Broker: 'b:9092' },
      }),
    ).toHaveLength(1);
    const origin = (policy: string) =>
      findings('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' },
          ViewerCertificate: {
            AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
          Origins: [
            {
              Id: 'o',
              DomainName: 'api.example.ca',
              CustomOriginConfig: { OriginProtocolPolicy: policy, OriginSSLProtocols: ['TLSv1.2'] },
            },
          ],
        },
      });
    expect(origin('http-only').map((f) => f.path)).toEqual([
      'Properties.DistributionConfig.Origins[0].CustomOriginConfig.OriginProtocolPolicy',
    ]);
    expect(origin('https-only')).toEqual([]);
  });
  test('Compliance: https subscription, SQS subscription, SFTP/FTPS server, DMS verify-full, DMS S3 target (HTTPS API), redirecting listener', () => {
    expect(
      findings('AWS::SNS::Subscription', {
        Protocol: 'https',
        Endpoint: 'https://example.ca/hook',
        TopicArn: 'arn:aws:sns:ca-central-1:111111111111:t',
      }),
    ).toEqual([]);
    expect(
      findings('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:ca-central-1:111111111111:q',
        TopicArn: 'arn:aws:sns:ca-central-1:111111111111:t',
      }),
    ).toEqual([]);
    expect(
      findings('AWS::Transfer::Server', {
        Protocols: ['SFTP', 'FTPS'],
        SecurityPolicyName: 'TransferSecurityPolicy-2024-01',
      }),
    ).toEqual([]);
    expect(
      findings('AWS::DMS::Endpoint', { EndpointType: 'source', EngineName: 'postgres', SslMode: 'verify-full' }),
    ).toEqual([]);
    expect(findings('AWS::DMS::Endpoint', { EndpointType: 'target', EngineName: 's3' })).toEqual([]);
    expect(
      findings('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }],
      }),
    ).toEqual([]);
  });
  test('Noncompliance: an HTTP listener redirecting to the same protocol, a Classic ELB HTTP listener', () => {
    expect(
      findings('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTP',
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: '#{protocol}', Port: '8080', StatusCode: 'HTTP_301' } },
        ],
      }),
    ).toHaveLength(1);
    expect(
      findings('AWS::ElasticLoadBalancing::LoadBalancer', {
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: '80', InstancePort: '80' }],
      }).map((f) => f.path),
    ).toEqual(['Properties.Listeners[0].Protocol']);
  });
});

describe('resource policies from the catalogue', () => {
  const policyCases = Object.entries(IN_TRANSIT).flatMap(([type, spec]) =>
    spec.controls.filter((c) => c.kind === 'resource-policy').map((c) => [type, c] as const),
  );
  test.each(policyCases)('Noncompliance: %s without any policy fails', (type) => {
    expect(findings(type, {})[0].message).toMatch(/aws:SecureTransport false/);
  });
  test('Compliance: an EFS file system policy denying every action without TLS; Noncompliance: one denying only ClientMount', () => {
    const policy = (action: string) => ({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: action,
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    expect(findings('AWS::EFS::FileSystem', { FileSystemPolicy: policy('*') })).toEqual([]);
    expect(
      findings('AWS::EFS::FileSystem', { FileSystemPolicy: policy('elasticfilesystem:ClientMount') })[0].message,
    ).toMatch(/ClientWrite|ClientRootAccess|Backup|not denied/);
  });
  test('an inline policy applies to its own resource: a statement without Resource (as CDK writes EFS policies) covers it', () => {
    const withoutResource = (action: string) => ({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: action,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    expect(findings('AWS::EFS::FileSystem', { FileSystemPolicy: withoutResource('*') })).toEqual([]);
    expect(
      findings('AWS::EFS::FileSystem', { FileSystemPolicy: withoutResource('elasticfilesystem:ClientMount') }),
    ).toHaveLength(1);
    // Another file system named in Resource is still not this one.
    expect(
      findings('AWS::EFS::FileSystem', {
        FileSystemPolicy: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: '*',
              Resource: 'arn:aws:elasticfilesystem:ca-central-1:111111111111:file-system/fs-other',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      }),
    ).toHaveLength(1);
  });
});

/** Tables whose property sits in a custom check: one builder per family puts a policy name in place. */
const CUSTOM_FAMILIES: [string, string, (name: string) => Record<string, unknown>][] = [
  ['elb', 'AWS::ElasticLoadBalancingV2::Listener', (name) => ({ Protocol: 'HTTPS', SslPolicy: name })],
  [
    'elb',
    'AWS::ElasticLoadBalancing::LoadBalancer',
    (name) => ({
      Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: '443', InstancePort: '80', PolicyNames: ['Tls'] }],
      Policies: [
        {
          PolicyName: 'Tls',
          PolicyType: 'SSLNegotiationPolicyType',
          Attributes: [{ Name: 'Reference-Security-Policy', Value: name }],
        },
      ],
    }),
  ],
  [
    'cloudfront',
    'AWS::CloudFront::Distribution',
    (name) => ({
      DistributionConfig: {
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
          SslSupportMethod: 'sni-only',
          MinimumProtocolVersion: name,
        },
      },
    }),
  ],
  ['transfer', 'AWS::Transfer::Server', (name) => ({ Protocols: ['SFTP', 'FTPS'], SecurityPolicyName: name })],
];

describe.each(CUSTOM_FAMILIES)('%s table through %s', (family, type, build) => {
  const table = SECURITY_POLICY_TABLES[family as keyof typeof SECURITY_POLICY_TABLES];
  test.each(Object.entries(table.minimumTls))('%s (minimum TLS %s) is judged by the table', (name, min) => {
    expect(findings(type, build(name)).length).toBe(min < 1.2 ? 1 : 0);
  });
  test('Noncompliance: an unknown name fails closed', () => {
    expect(findings(type, build(`${Object.keys(table.minimumTls)[0]}-Lookalike`))[0].message).toMatch(
      /not a security policy in the catalogue/,
    );
  });
  test('the table names its documentation source and the date it was read', () => {
    expect(table.source).toMatch(/Guide|reference/);
    expect(table.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
