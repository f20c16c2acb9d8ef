/**
 * Strict JSON for untrusted templates: `JSON.parse` for the value (native, fast), plus one linear pass over the text
 * that JSON.parse cannot do for us: refuse duplicate keys (JSON.parse keeps the last silently; CloudFormation rejects
 * the template) and nesting deeper than a bound (deeper documents would exhaust the stack of every recursive walker
 * downstream). The pass runs only on text JSON.parse accepted, so it can assume well-formed JSON.
 */

/** Thrown for a duplicate key or too deep a nesting; the message is one line naming where. */
export class JsonStructureError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/** The index just after the closing quote of the string starting at `start` (an opening quote). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    // Count the backslashes before the quote: an odd number escapes it.
    let b = q - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Check well-formed JSON text for duplicate keys and nesting deeper than `maxDepth`; throws JsonStructureError. */
export function assertJsonStructure(text: string, maxDepth: number): void {
  // One key set per open object (undefined for an array), reused as the nesting stack.
  const keys: (Set<string> | undefined)[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      const set = keys[keys.length - 1];
      if (set !== undefined) {
        // A string inside an object is a key when a colon follows it.
        let j = end;
        while (j < n && text.charCodeAt(j) <= 0x20) j++;
        if (text.charCodeAt(j) === COLON) {
          // Keys are compared decoded: "a" and "\u0061" are the same key.
          const raw = text.slice(i + 1, end - 1);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
          if (set.has(key))
            throw new JsonStructureError(`duplicate key "${key.slice(0, 80)}" at line ${lineOf(text, i)}`);
          set.add(key);
          i = j + 1;
          continue;
        }
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (keys.length >= maxDepth)
        throw new JsonStructureError(`nested deeper than ${maxDepth} levels at line ${lineOf(text, i)}`);
      keys.push(c === OPEN_OBJECT ? new Set() : undefined);
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      keys.pop();
      i++;
    } else {
      i++;
    }
  }
}

/** Keys of every object in a parsed value, and its nesting depth, without recursion (the value may be deep). */
function measure(value: unknown, maxDepth: number): { keys: number; tooDeep: boolean } {
  let keys = 0;
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return { keys, tooDeep: true };
    if (Array.isArray(v)) {
      for (const e of v) {
        if (e !== null && typeof e === 'object') {
          values.push(e);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const k in v) {
      keys++;
      const e = (v as Record<string, unknown>)[k];
      if (e !== null && typeof e === 'object') {
        values.push(e);
        depths.push(depth + 1);
      }
    }
  }
  return { keys, tooDeep: false };
}

/** Whether a character can follow the colon after a key: whitespace or the first character of a value. */
function canStartValue(c: number): boolean {
  return (
    c <= 0x20 ||
    c === OPEN_OBJECT ||
    c === OPEN_ARRAY ||
    c === QUOTE ||
    c === 0x2d ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x74 ||
    c === 0x66 ||
    c === 0x6e
  );
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Upper bound of the keys written in JSON text: every key is a string, optional whitespace, a colon, and whitespace
 * or the first character of a value; each key has its own colon. Colons inside strings are mostly not counted (the
 * `:` of `arn:aws:s3` follows a letter; `":s3:::"`, which CDK joins into ARNs, is followed by a letter).
 */
function keyMarkers(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let before = i - 1;
    while (isJsonWhitespace(text.charCodeAt(before))) before--;
    if (text.charCodeAt(before) === QUOTE && canStartValue(text.charCodeAt(i + 1))) n++;
  }
  return n;
}

/**
 * Parse untrusted JSON: JSON.parse, then refuse duplicate keys and nesting deeper than `maxDepth` (throws SyntaxError
 * or JsonStructureError). The common case costs one scan of the colons: when the text holds no more key markers than
 * the parsed value has keys, no key was written twice. Otherwise (a duplicate, or strings that contain `":`, such as
 * embedded JSON) the exact pass decides.
 */
export function parseStrictJson(text: string, maxDepth: number): unknown {
  const value = JSON.parse(text) as unknown;
  const { keys, tooDeep } = measure(value, maxDepth);
  if (tooDeep || keyMarkers(text) !== keys) assertJsonStructure(text, maxDepth);
  return value;
}
