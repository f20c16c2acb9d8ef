/**
 * Caches of values computed per key (a resource type, a property key, a pattern): rules ask the same few keys of
 * thousands of resources. The keys come from templates, so a cache is emptied when it reaches `limit` entries
 * rather than growing with a hostile template.
 */
export const CACHE_LIMIT = 10_000;

/** Store `value` under `key` (emptying a full cache first) and return it. */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, limit = CACHE_LIMIT): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
