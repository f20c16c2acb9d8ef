import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../bin/ca-residency';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { ORGANIZATION_POLICY_MAX_CHARS } from '../../lib/policy/guardrail-policies';
import { tmpDir } from '../check/support';
import { GUARDRAILS_CONFIG, synthesizedGuardrailsStack } from './guardrails-app';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), colour: false, cwd },
  };
}

const dir = tmpDir('ca-residency-policy-');
// The guardrails section of the test configuration, as a user would keep it in a file.
fs.writeFileSync(path.join(dir, 'org.json'), JSON.stringify({ guardrails: GUARDRAILS_CONFIG.guardrails }));
const deployed = synthesizedGuardrailsStack();
const prefix = `${GUARDRAILS_CONFIG.resourcePrefix}-${GUARDRAILS_CONFIG.environmentName}-`;

async function policy(argv: string[]) {
  const t = io(dir);
  const code = await run(['policy', ...argv], t.io);
  return { code, out: t.out.join(''), err: t.err.join('') };
}

test('policy scp prints exactly the SCPs of the synthesized guardrails stack', async () => {
  const { code, out, err } = await policy(['scp', '--config', 'org.json']);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(JSON.parse(out)).toEqual({
    'region-deny': deployed[`${prefix}region-deny`].content,
    'baseline-protection': deployed[`${prefix}baseline-protection`].content,
  });
});

test('policy rcp prints exactly the synthesized RCP; one SCP by name, compact as AWS counts it', async () => {
  const rcp = await policy(['rcp', '--config', 'org.json', '--format', 'json']);
  expect(JSON.parse(rcp.out)).toEqual(deployed[`${prefix}data-perimeter`].content);
  const one = await policy(['scp', 'region-deny', '--config', 'org.json', '--format', 'compact']);
  expect(one.out).toBe(`${JSON.stringify(deployed[`${prefix}region-deny`].content)}\n`);
  expect(one.out.trimEnd().length).toBeLessThanOrEqual(ORGANIZATION_POLICY_MAX_CHARS);
});

test('without --config the built-in configuration and flags drive the policies', async () => {
  const { code, out } = await policy(['scp', 'baseline-protection', '--break-glass-role', 'org-admin-breakglass']);
  expect(code).toBe(0);
  expect(out).toContain('arn:aws:iam::*:role/org-admin-breakglass');
  expect(out).not.toContain(DEFAULT_CONFIG.guardrails.breakGlassRoleName);
  const rcp = await policy(['rcp', '--organization-id', 'o-zyxwvut987']);
  expect(rcp.code).toBe(0);
  expect(JSON.parse(rcp.out).Statement[1].Condition.StringNotEqualsIfExists['aws:PrincipalOrgID']).toBe('o-zyxwvut987');
});

test('a single-region configuration denies ca-west-1 too', async () => {
  fs.writeFileSync(path.join(dir, 'quebec.json'), JSON.stringify({ recoveryRegion: 'none' }));
  const { out } = await policy(['scp', 'region-deny', '--config', 'quebec.json']);
  expect(JSON.parse(out).Statement[0].Condition.StringNotEquals['aws:RequestedRegion']).toEqual(['ca-central-1']);
});

test.each([
  [[], 'policy needs scp or rcp'],
  [['iam'], 'policy must be one of scp, rcp'],
  [['scp', 'region-allow'], "policy scp name must be one of region-deny, baseline-protection, got 'region-allow'"],
  [['rcp'], 'policy rcp needs the organisation id'],
  [['rcp', '--organization-id', '123456789012'], 'policy rcp: organizationId: an AWS Organizations id'],
  [['scp', '--break-glass-role', 'role/*'], 'policy scp: breakGlassRoleName'],
  [['scp', '--format', 'yaml'], '--format must be one of json, compact'],
  [['scp', '--config', 'missing.json'], 'caResidencyConfigFile: cannot read the file'],
])('%j: one line naming what is wrong, exit 2, nothing on stdout', async (argv, message) => {
  const { code, out, err } = await policy(argv);
  expect({ code, out }).toEqual({ code: 2, out: '' });
  expect(err).toContain(message);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
});

test('a configuration file with an invalid guardrails section is refused with field and value', async () => {
  fs.writeFileSync(
    path.join(dir, 'bad.json'),
    JSON.stringify({ guardrails: { ...GUARDRAILS_CONFIG.guardrails, targetIds: ['sales'] } }),
  );
  const { code, err } = await policy(['scp', '--config', 'bad.json']);
  expect(code).toBe(2);
  expect(err).toMatch(/guardrails\.targetIds\[0\]: must be a root .* \(got "sales"\)/);
});
