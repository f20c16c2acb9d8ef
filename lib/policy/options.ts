import { AvailabilityOverrides } from './availability';
import { DATA_STORES } from './encryption-catalogue';
import { CANADIAN_REGIONS, DEFAULT_ALLOWED_REGIONS } from './regions';

/**
 * A declared, time-limited exception to one rule for one resource. The only way past a residency
 * finding. Exemptions are checked when the rules run: a malformed or expired one is itself a finding.
 */
export interface Exemption {
  /** Rule id, e.g. `CaResidency-NoGlobalDataPath`. */
  readonly ruleId: string;
  /** Construct path (e.g. `App/Primary/Cdn/Resource`, an ancestor path covers its subtree) or logical id. */
  readonly resource: string;
  /** Why the exception is acceptable; at least 20 characters. */
  readonly reason: string;
  /** Last day the exemption applies, ISO date `YYYY-MM-DD` (UTC). */
  readonly expires: string;
}

/**
 * A data destination the app does not define and whose location the template cannot prove (a bucket of another
 * team, a partner's HTTPS endpoint, an on-call mailbox), declared by the user to be in Canada. Every use is listed
 * in the reports with its reason.
 */
export interface DeclaredDestination {
  /**
   * What is declared: a bucket name, an ARN, a host name, a URL or an e-mail address. A trailing `*` matches a
   * prefix (`partner-archive-*`, `https://hooks.example.ca/*`); a leading `*.` matches a host's domain.
   */
  readonly destination: string;
  /** The allowed region (Canadian) the destination is in. */
  readonly region: string;
  /** Why the destination is known to be there (contract, owner, ...); at least 20 characters. */
  readonly reason: string;
}

/** Options of the rule engine, shared by the cdk-nag pack and the CLI. */
export interface ResidencyOptions {
  /**
   * Regions resources may live in and data may go to. Only Canadian regions are accepted.
   * @default ['ca-central-1', 'ca-west-1']
   */
  readonly allowedRegions?: readonly string[];
  /**
   * Declared exceptions (rule, resource, reason, expiry).
   * @default - none
   */
  readonly exemptions?: readonly Exemption[];
  /**
   * S3 bucket names known to be in an allowed region though they are not defined in the app
   * (e.g. a bucket of another team). A trailing `*` matches a prefix.
   * @default - none
   */
  readonly bucketsDeclaredCanadian?: readonly string[];
  /**
   * Data destinations outside the app declared to be in an allowed region (name or prefix, region, reason).
   * @default - none
   */
  readonly declaredDestinations?: readonly DeclaredDestination[];
  /**
   * Corrections to the per-region resource type availability data, `{ region: { type: available } }`.
   * @default - the data as shipped
   */
  readonly availabilityOverrides?: AvailabilityOverrides;
  /**
   * Resource types (exact) that hold no customer data, in addition to the built-in list, so that
   * `CaResidency-Unclassified` does not report them.
   * @default - none
   */
  readonly statelessTypes?: readonly string[];
  /**
   * The date exemptions are judged against.
   * @default - now
   */
  readonly evaluationDate?: Date;
}

/** Options after validation and defaults. */
export interface ResolvedResidencyOptions {
  readonly allowedRegions: readonly string[];
  readonly exemptions: readonly Exemption[];
  readonly bucketsDeclaredCanadian: readonly string[];
  readonly declaredDestinations: readonly DeclaredDestination[];
  readonly availabilityOverrides: AvailabilityOverrides;
  readonly statelessTypes: readonly string[];
  readonly evaluationDate: Date;
}

const TYPE_SHAPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/**
 * Validate options and apply defaults. Collects every problem and throws once, naming each field and value.
 * Exemptions are not judged here: a bad exemption is reported as a finding, so that it shows in reports.
 */
export function resolveResidencyOptions(options: ResidencyOptions = {}): ResolvedResidencyOptions {
  const errors: string[] = [];
  const allowed = options.allowedRegions ?? DEFAULT_ALLOWED_REGIONS;
  if (!Array.isArray(allowed) || allowed.length === 0) {
    errors.push(
      `allowedRegions: must list at least one Canadian region (${CANADIAN_REGIONS.join(', ')}), got ${JSON.stringify(allowed)}`,
    );
  } else {
    allowed.forEach((r, i) => {
      if (typeof r !== 'string' || !CANADIAN_REGIONS.includes(r)) {
        errors.push(
          `allowedRegions[${i}]: ${JSON.stringify(r)} is not a Canadian region; only ${CANADIAN_REGIONS.join(', ')} can be allowed`,
        );
      }
    });
  }
  const buckets = options.bucketsDeclaredCanadian ?? [];
  buckets.forEach((b, i) => {
    if (typeof b !== 'string' || b.length === 0 || b === '*') {
      errors.push(
        `bucketsDeclaredCanadian[${i}]: ${JSON.stringify(b)} must be a bucket name or a prefix ending in '*'`,
      );
    }
  });
  const declared = options.declaredDestinations ?? [];
  if (!Array.isArray(declared)) errors.push(`declaredDestinations: must be a list, got ${JSON.stringify(declared)}`);
  else
    declared.forEach((d, i) =>
      errors.push(...declaredDestinationErrors(d, `declaredDestinations[${i}]`, Array.isArray(allowed) ? allowed : [])),
    );
  const overrides = options.availabilityOverrides ?? {};
  for (const [region, types] of Object.entries(overrides)) {
    for (const [type, value] of Object.entries(types ?? {})) {
      if (!TYPE_SHAPE.test(type)) {
        errors.push(
          `availabilityOverrides.${region}: ${JSON.stringify(type)} is not a CloudFormation resource type (Service::Provider::Name)`,
        );
      }
      if (typeof value !== 'boolean') {
        errors.push(`availabilityOverrides.${region}.${type}: must be true or false, got ${JSON.stringify(value)}`);
      }
    }
  }
  (options.statelessTypes ?? []).forEach((t, i) => {
    if (typeof t !== 'string' || !TYPE_SHAPE.test(t))
      errors.push(
        `statelessTypes[${i}]: ${JSON.stringify(t)} is not a CloudFormation resource type (Service::Provider::Name)`,
      );
    // Listing a catalogued data store as stateless would silence nothing (the catalogue wins) but says something false.
    else if (DATA_STORES[t])
      errors.push(
        `statelessTypes[${i}]: ${t} stores data and is in the encryption catalogue; it cannot be listed as stateless`,
      );
  });
  if (options.evaluationDate !== undefined && Number.isNaN(options.evaluationDate.getTime())) {
    errors.push('evaluationDate: is not a valid date');
  }
  if (errors.length > 0) {
    throw new Error(`Invalid CaResidency options:\n  - ${errors.join('\n  - ')}`);
  }
  return {
    allowedRegions: [...new Set(allowed)],
    exemptions: options.exemptions ?? [],
    bucketsDeclaredCanadian: buckets,
    declaredDestinations: Array.isArray(declared) ? declared : [],
    availabilityOverrides: overrides,
    statelessTypes: options.statelessTypes ?? [],
    evaluationDate: options.evaluationDate ?? new Date(),
  };
}

/** Problems of one declared destination, each naming the field and the value. */
function declaredDestinationErrors(d: DeclaredDestination, at: string, allowed: readonly string[]): string[] {
  if (d === null || typeof d !== 'object')
    return [`${at}: must be { destination, region, reason }, got ${JSON.stringify(d)}`];
  const errors: string[] = [];
  const dest = d.destination as unknown;
  if (typeof dest !== 'string' || dest.trim() === '' || dest === '*' || dest === '*.') {
    errors.push(
      `${at}.destination: ${JSON.stringify(dest)} must name a bucket, ARN, host, URL or address (a prefix ends in '*')`,
    );
  }
  if (typeof d.region !== 'string' || !allowed.includes(d.region)) {
    errors.push(
      `${at}.region: ${JSON.stringify(d.region)} is not an allowed region (${allowed.join(', ')}); a destination outside them needs an exemption, not a declaration`,
    );
  }
  if (typeof d.reason !== 'string' || d.reason.trim().length < 20) {
    errors.push(
      `${at}.reason: ${JSON.stringify(d.reason)} must say why the destination is there, in at least 20 characters`,
    );
  }
  return errors;
}
