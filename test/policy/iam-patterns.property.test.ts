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
  });
});
