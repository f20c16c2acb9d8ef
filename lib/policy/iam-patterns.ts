/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character) compared with values and with each other.
 * Comparing two patterns is what lets the policy model answer "does this statement cover *every* object of the
 * bucket" (`arn:aws:s3:::b/*`) rather than "does it mention the bucket".
 */

import { remember } from './bounded-cache';

const WILDCARD = /[*?]/;
/** Compiled patterns: rules ask the same few patterns about hundreds of actions per resource. */
const compiled = new Map<string, RegExp>();
const contained = new Map<string, boolean>();

function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return remember(compiled, key, new RegExp(`^${body}$`, ignoreCase ? 'is' : 's'));
}

/** Does `pattern` match the literal `value`? Case-insensitive matching is for action names. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!WILDCARD.test(pattern)) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return regexOf(pattern, ignoreCase).test(value);
}

/**
 * Does `outer` match every value `inner` matches? `*` and `?` in `inner` stand for any text, so only a `*` of
 * `outer` covers them. Sound but not complete: exotic pattern pairs may answer false, which fails closed.
 */
export function globContains(outer: string, inner: string): boolean {
  if (outer === '*' || outer === inner) return true;
  if (!WILDCARD.test(inner)) return globMatches(outer, inner);
  // Fast paths for the common shapes, exact for them: a literal matches one value, never all of a wildcard's; a
  // literal prefix then `*` (`arn:aws:s3:::b/*`) covers exactly the patterns that start with that literal prefix.
  const star = outer.indexOf('*');
  if (star < 0 && !outer.includes('?')) return false;
  if (star === outer.length - 1 && !WILDCARD.test(outer.slice(0, star))) return inner.startsWith(outer.slice(0, star));
  const key = `${outer}\u0000${inner}`;
  const hit = contained.get(key);
  if (hit !== undefined) return hit;
  return remember(
    contained,
    key,
    walk(outer, inner, (a, b) => (b === '?' ? a === '?' : b !== '*' && (a === '?' || a === b)), true),
  );
}

/** Could some value match both patterns? */
export function globsOverlap(a: string, b: string): boolean {
  return memoised(a.length, b.length, (i, j, go) => {
    if (i === a.length && j === b.length) return true;
    if (a[i] === '*') return go(i + 1, j) || (j < b.length && go(i, j + 1));
    if (b[j] === '*') return go(i, j + 1) || (i < a.length && go(i + 1, j));
    return i < a.length && j < b.length && (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && go(i + 1, j + 1);
  });
}

/** Runs `step` over positions (i, j) once each: the dynamic programme behind every pattern comparison. */
function memoised(
  n: number,
  m: number,
  step: (i: number, j: number, go: (i: number, j: number) => boolean) => boolean,
): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (m + 1) + j;
    let r = memo.get(k);
    if (r === undefined) {
      r = step(i, j, go);
      memo.set(k, r);
    }
    return r;
  };
  return go(0, 0);
}

/** Pattern against text, where `star` of the pattern consumes any text. */
function walk(pattern: string, text: string, same: (p: string, t: string) => boolean, textHasStars: boolean): boolean {
  return memoised(pattern.length, text.length, (i, j, go) => {
    if (i === pattern.length) return j === text.length;
    if (pattern[i] === '*') return go(i + 1, j) || (j < text.length && go(i, j + 1));
    if (j === text.length || (textHasStars && text[j] === '*')) return false;
    return same(pattern[i], text[j]) && go(i + 1, j + 1);
  });
}
