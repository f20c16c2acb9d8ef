/**
 * `table[key]` only when the table itself holds `key`. Resource types and regions come from templates, which may
 * say `constructor` or `__proto__`: a plain object answers those from its prototype (a function, an object), which
 * a catalogue lookup would take for an entry.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
