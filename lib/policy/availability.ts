import data from './data/cfn-resource-types-by-region.json';
import { ownEntry } from './own-entry';

/**
 * Overrides of the availability data, keyed by region then resource type:
 * `true` = available (e.g. a service AWS launched after the data was taken), `false` = treat as unavailable.
 */
export type AvailabilityOverrides = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

const regions = data.regions as Record<string, string[]>;
// Built on first use: a check names one or two regions, and the data lists every region's types.
const byRegion = new Map<string, ReadonlySet<string>>();
let known: ReadonlySet<string> | undefined;

function typesOf(region: string): ReadonlySet<string> | undefined {
  let set = byRegion.get(region);
  const types = set ? undefined : ownEntry(regions, region);
  if (types) byRegion.set(region, (set = new Set(types)));
  return set;
}

function knownTypes(): ReadonlySet<string> {
  return (known ??= new Set(Object.values(regions).flat()));
}

/** Result of an availability lookup. */
export type Availability = 'available' | 'unavailable' | 'unknown-type' | 'no-data-for-region';

/**
 * Is `type` available in `region`? Overrides win over the data; a type absent from every region
 * of the data is `unknown-type` (a typo, a third-party registry type or a very new service).
 */
export function availabilityOf(type: string, region: string, overrides: AvailabilityOverrides = {}): Availability {
  const forRegion = ownEntry(overrides, region);
  const override = forRegion === undefined ? undefined : ownEntry(forRegion, type);
  if (override !== undefined) return override ? 'available' : 'unavailable';
  const set = typesOf(region);
  if (!set) return 'no-data-for-region';
  if (set.has(type)) return 'available';
  return knownTypes().has(type) ? 'unavailable' : 'unknown-type';
}
