/** Regions where data may live. Constructs refuse destinations elsewhere at synth time. */
export const CANADIAN_REGIONS: readonly string[] = ['ca-central-1', 'ca-west-1'];

export function isCanadianRegion(region: string): boolean {
  return CANADIAN_REGIONS.includes(region);
}
