import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../bin/ca-residency';
import { tmpDir } from '../check/support';

function io(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), colour: false, cwd },
  };
}

/** A template whose policy deploys but never matches: a misspelled action and a misspelled condition key. */
const TEMPLATE = {
  Resources: {
    ReadEncryption: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetBucketEncryption', 's3:GetBucketVersioning'],
              Resource: 'arn:aws:s3:::*',
              Condition: { StringEquals: { 'aws:ResourceAcount': '111122223333' } },
            },
          ],
        },
      },
    },
  },
};

describe('ca-residency check --iam', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(TEMPLATE));

  test('reports each unknown action and condition key with its path, category iam, exit 1', async () => {
    const t = io();
    expect(await run(['check', file, '--region', 'ca-central-1', '--iam', '--format', 'json'], t.io)).toBe(1);
    const report = JSON.parse(t.out.join(''));
    expect(report.findings.map((f: any) => [f.category, f.severity, f.logicalId, f.path])).toEqual([
      ['iam', 'error', 'ReadEncryption', 'Properties.PolicyDocument.Statement[0].Action[0]'],
      [
        'iam',
        'error',
        'ReadEncryption',
        'Properties.PolicyDocument.Statement[0].Condition.StringEquals.aws:ResourceAcount',
      ],
    ]);
    expect(report.summary.byCategory).toEqual({ iam: 2 });
  });

  test('without --iam the same template passes (the residency rules do not read policies for this)', async () => {
    const t = io();
    expect(await run(['check', file, '--region', 'ca-central-1', '--format', 'json'], t.io)).toBe(0);
  });

  test('SARIF names the rule with its summary', async () => {
    const t = io();
    expect(await run(['check', file, '--region', 'ca-central-1', '--iam', '--format', 'sarif'], t.io)).toBe(1);
    const rules = JSON.parse(t.out.join('')).runs[0].tool.driver.rules.map((r: any) => r.id);
    expect(rules).toContain('CaResidency-IamPolicyValid');
  });
});
