import fc from 'fast-check';
import { globContains, globMatches } from '../../lib/policy/iam-patterns';

// A small alphabet makes matches and near misses frequent.
const pattern = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 8 });
const literal = fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 8 });

function reference(p: string, v: string): boolean {
  return new RegExp(
    `^${p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  ).test(v);
}

describe('IAM wildcard patterns (literal and prefix* fast paths included)', () => {
  test('globMatches agrees with the regular-expression reading of * and ?', () => {
    fc.assert(
      fc.property(pattern, literal, (p, v) => expect(globMatches(p, v)).toBe(reference(p, v))),
      { numRuns: 2000 },
    );
  });

  test('globContains is sound: every literal the inner pattern matches, the outer one matches too', () => {
    fc.assert(
      fc.property(pattern, pattern, fc.array(literal, { maxLength: 20 }), (outer, inner, values) => {
        if (!globContains(outer, inner)) return;
        for (const v of values) if (reference(inner, v)) expect(globMatches(outer, v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('literal and prefix* outer patterns contain exactly what they should', () => {
    expect(globContains('s3:GetObject', 's3:GetObject')).toBe(true);
    expect(globContains('s3:GetObject', 's3:Get*')).toBe(false);
    expect(globContains('s3:Get*', 's3:GetObject*')).toBe(true);
    expect(globContains('s3:Get*', 's3:G?tObject')).toBe(false);
    expect(globContains('arn:aws:s3:::b/*', 'arn:aws:s3:::b')).toBe(false);
    // A pattern contains itself, wildcards and all; a literal never contains a wildcard pattern.
    expect(globContains('arn:aws:s3:::{{Bucket}}/*', 'arn:aws:s3:::{{Bucket}}/*')).toBe(true);
    expect(globContains('arn:aws:sqs:ca-*:1?:q', 'arn:aws:sqs:ca-*:1?:q')).toBe(true);
    expect(globContains('arn:aws:s3:::b/x', 'arn:aws:s3:::b/?')).toBe(false);
    // prefix*: the inner pattern must start with the literal prefix, wildcard-free.
    expect(globContains('arn:aws:s3:::b/*', 'arn:aws:s3:::b/logs/*')).toBe(true);
    expect(globContains('arn:aws:s3:::b/*', 'arn:aws:s3:::b*')).toBe(false);
    expect(globContains('arn:aws:s3:::b/*', 'arn:aws:s3:::?/x')).toBe(false);
  });

  test('prefix* and literal outer patterns answer as the general walk would (not only soundly)', () => {
    const prefixStar = fc.tuple(literal, fc.boolean()).map(([p, star]) => (star ? `${p}*` : p));
    fc.assert(
      fc.property(prefixStar, pattern, (outer, inner) => {
        // The reference: every wildcard of `inner` read as the widest text (a `*` only a `*` of outer can cover).
        const prefix = outer.endsWith('*') ? outer.slice(0, -1) : undefined;
        const expected =
          outer === inner ||
          (prefix !== undefined ? inner.startsWith(prefix) : !/[*?]/.test(inner) && reference(outer, inner));
        expect(globContains(outer, inner)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
