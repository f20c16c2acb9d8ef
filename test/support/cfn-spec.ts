import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Property, PropertyType, Resource, SpecDatabase } from '@aws-cdk/service-spec-types';

/**
 * The CloudFormation resource specification CDK generates its L1 classes from (@aws-cdk/aws-service-spec),
 * flattened for tests: every resource type with the dot paths of its properties (`[]` marks list elements,
 * `{}` map values). Loading takes about two seconds: load once per test file.
 */
export interface SpecIndex {
  /** CloudFormation type → property paths. */
  readonly paths: ReadonlyMap<string, readonly string[]>;
}

const MAX_DEPTH = 8;

export function loadSpecIndex(): SpecIndex {
  const db = loadAwsServiceSpecSync();
  const paths = new Map<string, string[]>();
  for (const resource of db.all('resource')) paths.set(resource.cloudFormationType, propertyPaths(db, resource));
  return { paths };
}

function propertyPaths(db: SpecDatabase, resource: Resource): string[] {
  const out: string[] = [];
  const visitProps = (props: Record<string, Property>, prefix: string, depth: number, seen: readonly string[]) => {
    for (const [name, prop] of Object.entries(props))
      visitType(prop.type, prefix ? `${prefix}.${name}` : name, depth, seen);
  };
  const visitType = (type: PropertyType, path: string, depth: number, seen: readonly string[]) => {
    out.push(path);
    if (depth >= MAX_DEPTH) return;
    switch (type.type) {
      case 'array':
        visitType(type.element, `${path}[]`, depth + 1, seen);
        return;
      case 'map':
        visitType(type.element, `${path}{}`, depth + 1, seen);
        return;
      case 'union':
        for (const t of type.types) visitType(t, path, depth + 1, seen);
        return;
      case 'ref': {
        const id = type.reference.$ref;
        if (seen.includes(id)) return;
        const def = db.get('typeDefinition', id);
        visitProps(def.properties, path, depth + 1, [...seen, id]);
        return;
      }
      default:
        return;
    }
  };
  visitProps(resource.properties, '', 0, []);
  return [...new Set(out)];
}
