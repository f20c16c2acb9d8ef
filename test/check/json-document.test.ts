import fc from 'fast-check';
import { JsonStructureError, parseStrictJson } from '../../lib/check/json-document';

describe('parseStrictJson', () => {
  test('any JSON without duplicate keys reads as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, undefined, pretty ? 1 : undefined);
        expect(parseStrictJson(text, 256)).toEqual(JSON.parse(text));
      }),
    );
  });

  test('a key written twice in any object is refused, whatever the keys and strings around it look like', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        // JSON allows whitespace between a key and its colon: the second writing may have some, the first none.
        fc.constantFrom('', ' ', '\t', '\n', '\r\n  '),
        (obj, extra, pretty, space) => {
          const [key] = Object.keys(obj);
          const inner = JSON.stringify(obj, undefined, pretty ? 1 : undefined);
          // The same key again, at the end of the object, nested one level down.
          const text = `{"wrap": ${inner.slice(0, -1)}${Object.keys(obj).length ? ',' : ''}${JSON.stringify(key)}${space}: ${JSON.stringify(extra)}}}`;
          expect(() => parseStrictJson(text, 256)).toThrow(JsonStructureError);
        },
      ),
    );
  });

  test.each([
    ['key ending in a backslash', '{"a\\\\": 1, "a\\\\": 2}'],
    ['whitespace before the colon', '{"a" : 1, "a" : 2}'],
    ['escaped spelling of the same key', '{"A": 1, "\\u0041": 2}'],
    ['strings that begin with a colon', '{"x": ":s3:::", "y": [":", "::"], "x": 1}'],
    ['embedded JSON in a string', '{"body": "{\\"a\\":1,\\"a\\":2}", "body": 1}'],
  ])('%s: the duplicate is found', (_name, text) => {
    expect(() => parseStrictJson(text, 256)).toThrow(/duplicate key/);
  });

  test('embedded JSON with repeated keys inside a string is not a duplicate', () => {
    expect(parseStrictJson('{"body": "{\\"a\\":1,\\"a\\":2}", "arn": ":s3:::b"}', 256)).toEqual({
      body: '{"a":1,"a":2}',
      arn: ':s3:::b',
    });
  });

  test('nesting deeper than the bound is refused, at the bound it is read', () => {
    expect(() => parseStrictJson(`${'['.repeat(11)}${']'.repeat(11)}`, 10)).toThrow(
      /nested deeper than 10 levels at line 1/,
    );
    expect(parseStrictJson(`${'['.repeat(10)}${']'.repeat(10)}`, 10)).toBeDefined();
  });
});
