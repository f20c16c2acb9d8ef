/** Small readers over synthesized CloudFormation, so assertions speak of buckets and keys, not JSON paths. */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, or undefined for anything else. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'][0] as string;
  }
  return undefined;
}

/** Splits a literal ARN into its fields. */
export function parseArn(arn: string): { service: string; region: string; account: string; resource: string } {
  const [, , service, region, account, ...rest] = arn.split(':');
  return { service, region, account, resource: rest.join(':') };
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
