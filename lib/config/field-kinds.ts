import { z } from 'zod';

/** What a `-c` string should become for a field: the kinds of JSON value its schema accepts. */
export type FieldKind = 'number' | 'boolean' | 'array' | 'object' | 'string';

type AnySchema = z.core.$ZodType;

/** The schemas a schema stands for once wrappers (optional, default, nullable, pipe...) and unions are opened. */
function alternatives(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as {
    type: string;
    innerType?: AnySchema;
    in?: AnySchema;
    options?: AnySchema[];
  };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return alternatives(def.innerType!);
    case 'pipe':
      return alternatives(def.in!);
    case 'union':
      return def.options!.flatMap(alternatives);
    default:
      return [schema];
  }
}

/** The schema of the field at `path` under `schema` (object keys, array elements, record values); undefined if none. */
export function schemaAt(schema: AnySchema, path: readonly string[]): AnySchema[] {
  let current = alternatives(schema);
  for (const key of path) {
    current = current.flatMap((s) => {
      const def = s._zod.def as unknown as {
        type: string;
        shape?: Record<string, AnySchema>;
        element?: AnySchema;
        valueType?: AnySchema;
      };
      if (def.type === 'object' && def.shape && Object.prototype.hasOwnProperty.call(def.shape, key))
        return alternatives(def.shape[key]);
      if (def.type === 'record' && def.valueType) return alternatives(def.valueType);
      if (def.type === 'array' && def.element && /^\d+$/.test(key)) return alternatives(def.element);
      return [];
    });
  }
  return current;
}

/** The kinds of value the field at `path` accepts, from the schema (not from the field's current value). */
export function fieldKinds(schema: AnySchema, path: readonly string[]): Set<FieldKind> {
  const kinds = new Set<FieldKind>();
  for (const s of schemaAt(schema, path)) {
    const def = s._zod.def as unknown as { type: string; values?: unknown[] };
    switch (def.type) {
      case 'number':
      case 'int':
        kinds.add('number');
        break;
      case 'boolean':
        kinds.add('boolean');
        break;
      case 'array':
      case 'tuple':
        kinds.add('array');
        break;
      case 'object':
      case 'record':
        kinds.add('object');
        break;
      case 'literal':
      case 'enum':
        for (const v of def.values ??
          Object.values((def as unknown as { entries?: Record<string, unknown> }).entries ?? {})) {
          kinds.add(typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string');
        }
        break;
      default:
        kinds.add('string');
    }
  }
  return kinds;
}
