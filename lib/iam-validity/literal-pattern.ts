/**
 * A policy value as the pattern it can take once deployed: literal text stays, `AWS::Partition` and
 * `AWS::URLSuffix` become what they are in the commercial partition, and every other intrinsic (a reference,
 * an attribute, an import) becomes `*`, which matches anything. A value built from intrinsics is therefore
 * checked on its literal parts only: `arn:aws:kmz:...` is caught, a misspelled attribute name is not.
 */
export function literalPattern(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [fn, arg] = entries[0];
  if (fn === 'Ref') return arg === 'AWS::Partition' ? 'aws' : arg === 'AWS::URLSuffix' ? 'amazonaws.com' : '*';
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map((part) => literalPattern(part) ?? '*').join(arg[0]);
  }
  if (fn === 'Fn::Sub') {
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    return text
      ?.replace(/\$\{AWS::Partition\}/g, 'aws')
      .replace(/\$\{AWS::URLSuffix\}/g, 'amazonaws.com')
      .replace(/\$\{[^!][^}]*\}/g, '*');
  }
  return fn.startsWith('Fn::') || fn === 'Ref' ? '*' : undefined;
}
