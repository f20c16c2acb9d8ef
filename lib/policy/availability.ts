import data from './data/cfn-resource-types-by-region.json';

/**
 * Overrides of the availability data, keyed by region then resource type:
 * `true` = available (e.g. a service AWS launched after the data was taken), `false` = treat as unavailable.
 */
export type AvailabilityOverrides = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

const regions = data.regions as Record<string, string[]>;
const byRegion = new Map<string, Set<string>>();
const known = new Set<string>();
for (const [region, types] of Object.entries(regions)) {
  byRegion.set(region, new Set(types));
  for (const t of types) known.add(t);
}

/** Result of an availability lookup. */
export type Availability = 'available' | 'unavailable' | 'unknown-type' | 'no-data-for-region';

/**
 * Is `type` available in `region`? Overrides win over the data; a type absent from every region
 * of the data is `unknown-type` (a typo, a third-party registry type or a very new service).
 */
export function availabilityOf(type: string, region: string, overrides: AvailabilityOverrides = {}): Availability {
  const override = overrides[region]?.[type];
  if (override !== undefined) return override ? 'available' : 'unavailable';
  const set = byRegion.get(region);
  if (!set) return 'no-data-for-region';
  if (set.has(type)) return 'available';
  return known.has(type) ? 'unavailable' : 'unknown-type';
}
