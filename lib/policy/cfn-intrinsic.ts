/**
 * Is `v` a CloudFormation intrinsic: an object with exactly one key, `Ref` or `Fn::…`? A single-key property block
 * such as `{ "Reflection": … }` is not one.
 */
export function isIntrinsic(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Is `v` `{ "Ref": "AWS::NoValue" }`, which removes the property or list element it stands for? */
export function isNoValue(v: unknown): boolean {
  return isIntrinsic(v) && v.Ref === 'AWS::NoValue';
}
