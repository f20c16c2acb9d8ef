/**
 * Which database parameter forces TLS for each engine, the values that turn it on, and what the service does when
 * the parameter group does not set it: per engine AND major version (RDS for PostgreSQL forces TLS by default from
 * 15; Aurora PostgreSQL's documentation gives 0 with no version exception, so we assume off).
 */

import { ownEntry } from './own-entry';

export interface EngineTls {
  /** Parameter name as it appears in the group's `Parameters`. */
  readonly parameter: string;
  /** Values (case-insensitive) meaning "TLS required". */
  readonly on: readonly string[];
  /** First major version whose default parameter group forces TLS; undefined = never on by default. */
  readonly onByDefaultFrom?: number;
  /** Where the default comes from. */
  readonly source: string;
}

const CHECKED = '2026-11-29';

/** Engine (CloudFormation `Engine`, lower case) → TLS parameter. Families are matched by the prefix before `-`. */
export const ENGINE_TLS: Readonly<Record<string, EngineTls>> = {
  postgres: {
    parameter: 'rds.force_ssl',
    on: ['1', 'true', 'on'],
    onByDefaultFrom: 15,
    source: `Amazon RDS User Guide, "Using SSL with a PostgreSQL DB instance" (rds.force_ssl defaults to 1 from PostgreSQL 15), read ${CHECKED}`,
  },
  'aurora-postgresql': {
    parameter: 'rds.force_ssl',
    on: ['1', 'true', 'on'],
    source: `Amazon Aurora User Guide, "Securing Aurora PostgreSQL data with SSL/TLS" (rds.force_ssl defaults to 0), read ${CHECKED}`,
  },
  mysql: {
    parameter: 'require_secure_transport',
    on: ['1', 'on', 'true'],
    source: `Amazon RDS User Guide, "SSL/TLS support for MySQL DB instances" (require_secure_transport defaults to OFF), read ${CHECKED}`,
  },
  mariadb: {
    parameter: 'require_secure_transport',
    on: ['1', 'on', 'true'],
    source: `Amazon RDS User Guide, "SSL/TLS support for MariaDB DB instances" (require_secure_transport defaults to OFF), read ${CHECKED}`,
  },
  'aurora-mysql': {
    parameter: 'require_secure_transport',
    on: ['1', 'on', 'true'],
    source: `Amazon Aurora User Guide, "TLS connections to Aurora MySQL DB clusters" (require_secure_transport defaults to OFF), read ${CHECKED}`,
  },
  sqlserver: {
    parameter: 'rds.force_ssl',
    on: ['1', 'true'],
    source: `Amazon RDS User Guide, "Using SSL with a Microsoft SQL Server DB instance" (rds.force_ssl defaults to 0), read ${CHECKED}`,
  },
  docdb: {
    parameter: 'tls',
    on: ['enabled', 'tls1.2+', 'tls1.3+', 'fips-140-3'],
    onByDefaultFrom: 0,
    source: `Amazon DocumentDB Developer Guide, "Encrypting data in transit" (tls is enabled in the default cluster parameter group), read ${CHECKED}`,
  },
  neptune: {
    parameter: 'neptune_enforce_ssl',
    on: ['1', 'true'],
    onByDefaultFrom: 0,
    source: `Amazon Neptune User Guide, "Encrypting connections with SSL/HTTPS" (neptune_enforce_ssl defaults to 1), read ${CHECKED}`,
  },
  redshift: {
    parameter: 'require_ssl',
    on: ['true', '1'],
    source: `Amazon Redshift Management Guide, "Configuring security options for connections" (require_ssl defaults to false), read ${CHECKED}`,
  },
};

/** The TLS parameter of an engine name (`aurora` alone is Aurora MySQL 1; `sqlserver-se` is SQL Server). */
export function engineTls(engine: string): EngineTls | undefined {
  const e = engine.toLowerCase();
  const listed = ownEntry(ENGINE_TLS, e);
  if (listed) return listed;
  if (e === 'aurora') return ENGINE_TLS['aurora-mysql'];
  if (e.startsWith('sqlserver-')) return ENGINE_TLS.sqlserver;
  return undefined;
}

/** Major version of an engine version string (`16.3` → 16, `5.7.mysql_aurora.2.11` → 5), or undefined. */
export function majorVersion(version: string | undefined): number | undefined {
  const m = version === undefined ? null : /^(\d+)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** Is TLS forced when the parameter group leaves the parameter at its default? `undefined` when the version decides and is unknown. */
export function tlsOnByDefault(spec: EngineTls, major: number | undefined): boolean | undefined {
  if (spec.onByDefaultFrom === undefined) return false;
  if (spec.onByDefaultFrom === 0) return true;
  return major === undefined ? undefined : major >= spec.onByDefaultFrom;
}

/** Does a parameter value turn TLS on? */
export function tlsValueOn(spec: EngineTls, value: string): boolean {
  return spec.on.includes(value.toLowerCase());
}
