/**
 * Regions of the residency policy. Only AWS regions located in Canada can ever be allowed:
 * the point of the product is that data stays in Canada.
 */

/** Every AWS region physically located in Canada (Montréal, Calgary). */
export const CANADIAN_REGIONS: readonly string[] = ['ca-central-1', 'ca-west-1'];

/** The default allowed regions: primary (Montréal) and recovery (Calgary). */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ['ca-central-1', 'ca-west-1'];

/** Shape of an AWS region code (commercial, GovCloud, China, ISO partitions). */
const REGION_SHAPE = /^(?:us-gov|us-iso[a-z]?|cn|us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2}$/;

/** True when `value` has the shape of an AWS region code (it may not exist). */
export function looksLikeRegion(value: string): boolean {
  return REGION_SHAPE.test(value);
}

/** True when `region` is an AWS region located in Canada. */
export function isCanadianRegion(region: string): boolean {
  return CANADIAN_REGIONS.includes(region);
}

/**
 * Regional AWS endpoint host with the region as a label, e.g. `sqs.us-east-1.amazonaws.com`,
 * `s3.eu-west-1.amazonaws.com`, `bucket.s3-us-west-2.amazonaws.com`, `x.execute-api.us-east-1.amazonaws.com`.
 * The whole match is the host; group 1 is the region.
 */
export const REGIONAL_ENDPOINT_HOST =
  /[a-z0-9.-]*?\b((?:us-gov|us-iso[a-z]?|cn|us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2})\.(?:[a-z0-9-]+\.)*amazonaws\.com(?:\.cn)?\b/g;
