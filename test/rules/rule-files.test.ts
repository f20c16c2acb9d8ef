import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { RESOURCE_RULES, STACK_RULES } from '../../lib/rules/engine';

// cdk-nag names a rule after its file: each rule of the engine lives in lib/rules/<id without prefix>.ts and has
// its tests in test/rules/<same>.test.ts, so a reader goes from a finding's id straight to the code and its cases.
const rules = [...STACK_RULES, ...RESOURCE_RULES].map((r) => [r.id, r.id.replace(/^CaResidency-/, '')] as const);

test.each(rules)('%s is defined in lib/rules/%s.ts, with its tests beside it in test/rules', (id, name) => {
  const file = path.join(__dirname, '..', '..', 'lib', 'rules', `${name}.ts`);
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file, 'utf8')).toContain(`id: '${id}'`);
  expect(existsSync(path.join(__dirname, `${name}.test.ts`))).toBe(true);
});
