/** Reading a bucket policy for the statement that refuses plain HTTP. */

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  return typeof principal === 'object' && principal !== null && asArray((principal as { AWS?: unknown }).AWS).includes('*');
}

function coversAllActions(action: unknown): boolean {
  return asArray(action).some((a) => a === 's3:*' || a === '*');
}

function coversObjects(resource: unknown, bucket: string): boolean {
  const escaped = bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const objects = new RegExp(`^arn:[^:]+:s3:::${escaped}/\\*$`);
  return asArray(resource).some((r) => r === '*' || (typeof r === 'string' && objects.test(r)));
}

function insecureTransportCondition(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  const c = condition as Record<string, Record<string, unknown> | undefined>;
  return [c.Bool, c.BoolIfExists].some((block) => asArray(block?.['aws:SecureTransport']).some((v) => v === false || v === 'false'));
}

/**
 * True when the policy has a statement denying every S3 action on the bucket's objects to everyone when
 * `aws:SecureTransport` is false: the statement that makes the bucket TLS-only.
 */
export function deniesInsecureTransport(policy: unknown, bucket: string): boolean {
  if (typeof policy !== 'object' || policy === null) return false;
  return asArray((policy as { Statement?: unknown }).Statement).some((raw) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    return s.Effect === 'Deny' && isEveryone(s.Principal) && coversAllActions(s.Action) && coversObjects(s.Resource, bucket) && insecureTransportCondition(s.Condition);
  });
}
