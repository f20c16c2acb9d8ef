export type Json = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Objects merge key by key; arrays and scalars from the later source replace the earlier ones. */
export function merge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    result[key] = key in base ? merge(base[key], value) : value;
  }
  return result;
}
