/**
 * Real templates with parts replaced by what an untrusted template may hold (wrong types, malformed intrinsics,
 * prototype-named keys, huge strings): the engine, the report and every output format must judge them, never throw.
 * A throw in the CLI is an "internal error" exit where a reviewer expects findings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readInputs, render } from '../../lib/check';
import { buildReport } from '../../lib/report/build-report';
import { renderReportMarkdown } from '../../lib/report/render-markdown';
import { ResidencyEngine, TemplateUnderTest } from '../../lib/rules';

const REAL = path.join(__dirname, '..', 'fixtures', 'check', 'real');
const MUTANTS = 400;

/** Deterministic: a failing case can be reproduced from its index. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  '*',
  'us-east-1',
  'constructor',
  '__proto__',
  'arn:aws:s3:us-east-1:111111111111:x',
  [],
  {},
  [null],
  { Ref: 'AWS::Region' },
  { Ref: 'NoSuchThing' },
  { Ref: ['a'] },
  { 'Fn::GetAtt': 'NoDot' },
  { 'Fn::GetAtt': [1, 2, 3] },
  { 'Fn::Join': 'x' },
  { 'Fn::Join': ['', 'x'] },
  { 'Fn::Sub': ['${A}', { A: { Ref: 'AWS::Region' } }] },
  { 'Fn::Sub': 5 },
  { 'Fn::If': ['c'] },
  { 'Fn::If': ['c', 1] },
  { 'Fn::Select': [99, [1]] },
  { 'Fn::Select': ['x', 'y'] },
  { 'Fn::FindInMap': ['M', 'a'] },
  { 'Fn::ImportValue': { Ref: 'x' } },
  { 'Fn::Base64': {} },
  { 'Fn::Split': [] },
  JSON.parse('{"__proto__":{"a":1}}') as unknown,
  { hasOwnProperty: 1, constructor: 'x' },
  { Statement: 'x' },
  { Statement: [null, 1, { Effect: 'Deny' }] },
  { Effect: 'Deny', Action: '*', Resource: 7 },
  'x'.repeat(5000),
];
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'Type', 'Properties', 'Ref', 'Fn::If'];

function mutate(value: unknown, next: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  if (depth > 12) return value;
  if (next() < 0.06) return pick(ODD_VALUES);
  if (Array.isArray(value)) return value.map((e) => mutate(e, next, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (next() < 0.01) continue;
    // defineProperty: a key named __proto__ becomes an own key, as JSON.parse makes it.
    Object.defineProperty(out, next() < 0.005 ? pick(ODD_KEYS) : k, {
      value: mutate(v, next, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

test(`${MUTANTS} mutated real templates are judged and reported without a throw`, () => {
  const files = fs.readdirSync(REAL).filter((f) => /\.(json|ya?ml)$/.test(f));
  const originals = files.map((f) => readInputs([path.join(REAL, f)], 'ca-central-1', process.cwd())[0]);
  expect(originals.length).toBeGreaterThanOrEqual(15);
  const failures: string[] = [];
  let judged = 0;
  for (let i = 0; i < MUTANTS; i++) {
    const next = random(i + 1);
    const original = originals[i % originals.length];
    const template = mutate(original.template, next) as TemplateUnderTest['template'];
    const resources = (template as { Resources?: unknown } | null)?.Resources;
    // The readers refuse a template without a Resources object; the engine is not asked to judge one.
    if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) continue;
    const tut: TemplateUnderTest = { ...original, template };
    try {
      const result = new ResidencyEngine({}).evaluate([tut]);
      const report = buildReport([tut], { result, evaluationDate: new Date(0), exemptions: [] });
      renderReportMarkdown(report);
      for (const format of ['json', 'text', 'sarif', 'markdown'] as const) render(result, format, false, 'test');
      judged++;
    } catch (e) {
      failures.push(
        `mutant ${i} of ${files[i % files.length]}: ${(e as Error).stack?.split('\n').slice(0, 2).join(' ')}`,
      );
    }
  }
  expect(failures).toEqual([]);
  expect(judged).toBeGreaterThan(MUTANTS / 2);
});
