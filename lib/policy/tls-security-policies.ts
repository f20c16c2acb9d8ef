/**
 * The minimum TLS version of every named security policy a service lets you choose, as data. A policy is judged
 * by this table, never by a substring of its name (ELBSecurityPolicy-TLS13-1-0-2021-06 offers TLS 1.3 but
 * accepts TLS 1.0). A name missing from the table is unknown and fails closed.
 * Versions: 1.0, 1.1, 1.2, 1.3; 0 stands for SSLv3.
 */

import { ownEntry } from './own-entry';

export interface SecurityPolicyTable {
  /** Where the figures come from and when they were read. */
  readonly source: string;
  readonly checked: string;
  /** Policy name → minimum TLS version accepted from clients. */
  readonly minimumTls: Readonly<Record<string, number>>;
}

/** ALB/NLB (`AWS::ElasticLoadBalancingV2::Listener.SslPolicy`) and Classic Load Balancer reference policies. */
export const ELB_POLICIES: SecurityPolicyTable = {
  source:
    'Elastic Load Balancing User Guide, "Security policies for your Application Load Balancer" (incl. FIPS and ' +
    'post-quantum policies) and "Predefined SSL security policies for Classic Load Balancers"; aws-cdk-lib 2.276.0 SslPolicy',
  checked: '2026-11-29',
  minimumTls: {
    'ELBSecurityPolicy-TLS13-1-3-2021-06': 1.3,
    'ELBSecurityPolicy-TLS13-1-2-2021-06': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': 1.2,
    'ELBSecurityPolicy-TLS13-1-1-2021-06': 1.1,
    'ELBSecurityPolicy-TLS13-1-0-2021-06': 1.0,
    'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': 1.3,
    'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': 1.0,
    'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': 1.3,
    'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': 1.2,
    'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': 1.1,
    'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': 1.0,
    'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': 1.3,
    'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': 1.2,
    'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': 1.0,
    'ELBSecurityPolicy-FS-1-2-Res-2020-10': 1.2,
    'ELBSecurityPolicy-FS-1-2-Res-2019-08': 1.2,
    'ELBSecurityPolicy-FS-1-2-2019-08': 1.2,
    'ELBSecurityPolicy-FS-1-1-2019-08': 1.1,
    'ELBSecurityPolicy-FS-2018-06': 1.0,
    'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': 1.2,
    'ELBSecurityPolicy-TLS-1-2-2017-01': 1.2,
    'ELBSecurityPolicy-TLS-1-1-2017-01': 1.1,
    'ELBSecurityPolicy-TLS-1-0-2015-04': 1.0,
    'ELBSecurityPolicy-2016-08': 1.0,
    'ELBSecurityPolicy-2015-05': 1.0,
    'ELBSecurityPolicy-2015-03': 1.0,
    'ELBSecurityPolicy-2015-02': 0,
    'ELBSecurityPolicy-2014-10': 1.0,
    'ELBSecurityPolicy-2014-01': 0,
    'ELBSecurityPolicy-2011-08': 0,
    'ELBSample-ELBDefaultCipherPolicy': 0,
    'ELBSample-OpenSSLDefaultCipherPolicy': 0,
  },
};

/** API Gateway custom domains (REST `AWS::ApiGateway::DomainName.SecurityPolicy`, HTTP/WebSocket v2 configurations). */
export const API_GATEWAY_POLICIES: SecurityPolicyTable = {
  source:
    'Amazon API Gateway Developer Guide, "Choose a security policy for your custom domain" and "Supported security ' +
    'policies" (legacy TLS_1_0/TLS_1_2 and enhanced SecurityPolicy_* policies); aws-cdk-lib 2.276.0 SecurityPolicy',
  checked: '2026-11-29',
  minimumTls: {
    TLS_1_0: 1.0,
    TLS_1_2: 1.2,
    SecurityPolicy_TLS13_1_3_2025_09: 1.3,
    SecurityPolicy_TLS13_1_3_FIPS_2025_09: 1.3,
    SecurityPolicy_TLS13_1_2_PQ_2025_09: 1.2,
    SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09: 1.2,
    SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09: 1.2,
    SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09: 1.2,
    SecurityPolicy_TLS13_1_2_2021_06: 1.2,
    SecurityPolicy_TLS13_2025_EDGE: 1.3,
    SecurityPolicy_TLS12_PFS_2025_EDGE: 1.2,
    SecurityPolicy_TLS12_2018_EDGE: 1.2,
  },
};

/** CloudFront `ViewerCertificate.MinimumProtocolVersion`. */
export const CLOUDFRONT_POLICIES: SecurityPolicyTable = {
  source:
    'Amazon CloudFront Developer Guide, "Supported protocols and ciphers between viewers and CloudFront"; ' +
    'CloudFormation ViewerCertificate reference; aws-cdk-lib 2.276.0 SecurityPolicyProtocol',
  checked: '2026-11-29',
  minimumTls: {
    SSLv3: 0,
    TLSv1: 1.0,
    TLSv1_2016: 1.0,
    'TLSv1.1_2016': 1.1,
    'TLSv1.2_2018': 1.2,
    'TLSv1.2_2019': 1.2,
    'TLSv1.2_2021': 1.2,
    'TLSv1.2_2025': 1.2,
    'TLSv1.3_2025': 1.3,
  },
};

/** Transfer Family servers (`SecurityPolicyName`): FTPS offers TLS 1.2 under every policy. */
export const TRANSFER_POLICIES: SecurityPolicyTable = {
  source:
    'AWS Transfer Family User Guide, "Security policies for AWS Transfer Family servers" (TLS 1.2 supported for FTPS)',
  checked: '2026-11-29',
  minimumTls: {
    'TransferSecurityPolicy-2018-11': 1.2,
    'TransferSecurityPolicy-2020-06': 1.2,
    'TransferSecurityPolicy-2022-03': 1.2,
    'TransferSecurityPolicy-2023-05': 1.2,
    'TransferSecurityPolicy-2024-01': 1.2,
    'TransferSecurityPolicy-2025-03': 1.2,
    'TransferSecurityPolicy-FIPS-2020-06': 1.2,
    'TransferSecurityPolicy-FIPS-2023-05': 1.2,
    'TransferSecurityPolicy-FIPS-2024-01': 1.2,
    'TransferSecurityPolicy-FIPS-2024-05': 1.2,
    'TransferSecurityPolicy-FIPS-2025-03': 1.2,
    'TransferSecurityPolicy-PQ-SSH-Experimental-2023-04': 1.2,
    'TransferSecurityPolicy-PQ-SSH-FIPS-Experimental-2023-04': 1.2,
    'TransferSecurityPolicy-Restricted-2018-11': 1.2,
    'TransferSecurityPolicy-Restricted-2020-06': 1.2,
    'TransferSecurityPolicy-Restricted-2024-06': 1.2,
  },
};

/** OpenSearch Service and Elasticsearch domains (`DomainEndpointOptions.TLSSecurityPolicy`). */
export const OPENSEARCH_POLICIES: SecurityPolicyTable = {
  source:
    'Amazon OpenSearch Service API reference, DomainEndpointOptions.TLSSecurityPolicy; aws-cdk-lib 2.276.0 TLSSecurityPolicy',
  checked: '2026-11-29',
  minimumTls: {
    'Policy-Min-TLS-1-0-2019-07': 1.0,
    'Policy-Min-TLS-1-2-2019-07': 1.2,
    'Policy-Min-TLS-1-2-PFS-2023-10': 1.2,
  },
};

export type SecurityPolicyFamily = 'elb' | 'apigateway' | 'cloudfront' | 'transfer' | 'opensearch';

export const SECURITY_POLICY_TABLES: Readonly<Record<SecurityPolicyFamily, SecurityPolicyTable>> = {
  elb: ELB_POLICIES,
  apigateway: API_GATEWAY_POLICIES,
  cloudfront: CLOUDFRONT_POLICIES,
  transfer: TRANSFER_POLICIES,
  opensearch: OPENSEARCH_POLICIES,
};

/** Minimum TLS version of a named policy, or undefined when the name is not in the table (unknown: fail closed). */
export function minimumTlsOf(family: SecurityPolicyFamily, name: string): number | undefined {
  const table = SECURITY_POLICY_TABLES[family].minimumTls;
  return ownEntry(table, name);
}

/** The version for messages: `TLS 1.2`, or `SSLv3`. */
export function tlsLabel(v: number): string {
  return v === 0 ? 'SSLv3' : `TLS ${v.toFixed(1)}`;
}
