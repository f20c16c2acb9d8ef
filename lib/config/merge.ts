export type Json = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Objects merge key by key; arrays and scalars from the later source replace the earlier ones. Keys are own data
 * properties throughout: a `__proto__` key in a configuration file stays a key (which validation then refuses as
 * unknown) instead of becoming the merged object's prototype and vanishing from view.
 */
export function merge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const merged = Object.prototype.hasOwnProperty.call(base, key) ? merge(base[key], value) : value;
    Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
