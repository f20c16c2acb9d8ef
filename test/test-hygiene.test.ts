import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import * as ts from 'typescript';

const TEST_ROOT = __dirname;

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : testFiles(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/** `describe(...)`, `describe.each(...)(...)`, `describe.skip(...)` and friends. */
function isDescribeCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  let callee: ts.Expression = node.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee))
    callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
  return ts.isIdentifier(callee) && callee.text === 'describe';
}

/**
 * `expect` calls that run while jest collects tests (a file or describe body) instead of inside a test or hook:
 * jest reports their failure as a broken file at best, and they assert nothing a test result shows.
 */
function expectsOutsideTests(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node, collecting: boolean) => {
    if (
      collecting &&
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'expect'
    ) {
      found.push(`${relative(TEST_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    if (ts.isFunctionLike(node)) {
      // A function body runs later (a test, a hook, a helper called from a test) unless it is a describe callback.
      const describeCallback = node.parent !== undefined && isDescribeCall(node.parent);
      node.forEachChild((child) => visit(child, describeCallback));
      return;
    }
    node.forEachChild((child) => visit(child, collecting));
  };
  visit(source, true);
  return found;
}

test('no test file calls expect while jest collects tests (outside a test or hook)', () => {
  const files = testFiles(TEST_ROOT);
  expect(files.length).toBeGreaterThan(10);
  expect(files.flatMap(expectsOutsideTests)).toEqual([]);
});

test('the scan sees an expect in a describe body, and not one inside a test', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hygiene-')), 'sample.test.ts');
  writeFileSync(file, "describe('d', () => {\n  expect(1).toBe(1);\n  test('t', () => expect(2).toBe(2));\n});\n");
  expect(expectsOutsideTests(file).map((f) => f.replace(/.*:/, ''))).toEqual(['2']);
});
