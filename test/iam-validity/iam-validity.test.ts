import { iamValidityFindings } from '../../lib/iam-validity/check-templates';
import { validatePolicyDocument } from '../../lib/iam-validity/validate-document';
import { referenceAssembly } from '../support/reference-assembly';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (statement: Record<string, unknown>) => ({ Effect: 'Allow', Resource: '*', ...statement });

describe('actions', () => {
  test('Noncompliance: a misspelled action (s3:GetBucketEncryption), an unknown service, a pattern matching nothing', () => {
    const problems = validatePolicyDocument(
      doc(allow({ Action: ['s3:GetBucketEncryption', 'kmz:Decrypt', 'kms:Decrypt*Everything'] })),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'Statement[0].Action[0]',
      'Statement[0].Action[1]',
      'Statement[0].Action[2]',
    ]);
    expect(problems[0].message).toContain('"s3:GetBucketEncryption" is not an action of s3');
    expect(problems[1].message).toContain('IAM has no service "kmz"');
  });

  test('Compliance: real actions in any case, wildcards that match, `*`, NotAction', () => {
    expect(
      validatePolicyDocument(
        doc(
          allow({
            Action: ['s3:GetEncryptionConfiguration', 'S3:getobject', 'kms:GenerateDataKey*', 'kms:Describe?ey'],
          }),
          allow({ Action: '*' }),
          allow({ NotAction: 'iam:*' }),
        ),
      ),
    ).toEqual([]);
  });

  test('an action that is not literal cannot be checked: a finding, not a pass', () => {
    expect(validatePolicyDocument(doc(allow({ Action: [{ Ref: 'ActionParam' }] })))).toEqual([
      { path: 'Statement[0].Action[0]', message: expect.stringContaining('cannot be checked') },
    ]);
  });
});

describe('condition keys', () => {
  test('Noncompliance: a misspelled service key, a key of another action, a misspelled global key', () => {
    const problems = validatePolicyDocument(
      doc(
        allow({
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { NumericLessThan: { 's3:TlsVersionn': '1.2' } },
        }),
        allow({ Action: 'kms:Decrypt', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
        allow({
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:SourceAcount': '1' } },
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'Statement[0].Condition.NumericLessThan.s3:TlsVersionn',
      'Statement[1].Condition.Bool.kms:GrantIsForAWSResource',
      'Statement[2].Condition.StringEquals.aws:SourceAcount',
    ]);
  });

  test('Compliance: global keys (with tag variables), keys of one of the actions, variable keys, other case', () => {
    expect(
      validatePolicyDocument(
        doc(
          allow({
            Action: ['kms:Decrypt', 'kms:CreateGrant'],
            Condition: {
              Bool: { 'kms:GrantIsForAWSResource': 'true' },
              StringEquals: { 'KMS:ViaService': 's3.ca-central-1.amazonaws.com' },
            },
          }),
          allow({
            Action: 'kms:GenerateDataKey*',
            Condition: {
              StringLike: {
                'kms:EncryptionContext:aws:cloudtrail:arn': 'x',
                'aws:SourceArn': 'y',
                'aws:ResourceTag/team': 'z',
              },
            },
          }),
          allow({ Action: '*', Condition: { StringEquals: { 's3:TlsVersion': '1.2' } } }),
        ),
      ),
    ).toEqual([]);
  });
});

describe('resources', () => {
  test('Noncompliance: an ARN of another service, a bucket ARN misspelled in its literal part', () => {
    const problems = validatePolicyDocument(
      doc(
        allow({ Action: 'kms:Decrypt', Resource: 'arn:aws:s3:::bucket' }),
        allow({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:aws:s4:::', { Ref: 'B' }, '/*']] } }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['Statement[0].Resource', 'Statement[1].Resource']);
    expect(problems[1].message).toContain('arn:aws:s4:::*/*');
  });

  test('Compliance: ARNs built from intrinsics, `*`, partitions, a key ARN for KMS, an action without resource type on `*`', () => {
    expect(
      validatePolicyDocument(
        doc(
          allow({
            Action: 's3:GetObject',
            Resource: [
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] },
              { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}/*' },
            ],
          }),
          allow({ Action: 'kms:Decrypt', Resource: 'arn:aws:kms:ca-central-1:111122223333:key/*' }),
          allow({ Action: 's3:ListAllMyBuckets' }),
        ),
      ),
    ).toEqual([]);
  });

  test('a resource type the service names in capitals (codeconnections Connection) is found; the other prefix is not', () => {
    const connection = (service: string) =>
      `arn:aws:${service}:ca-central-1:111122223333:connection/0a1b2c3d-0000-0000-0000-000000000000`;
    const problems = validatePolicyDocument(
      doc(
        allow({ Action: 'codeconnections:UseConnection', Resource: connection('codeconnections') }),
        allow({ Action: 'codestar-connections:UseConnection', Resource: connection('codestar-connections') }),
        // IAM matches an action only to resources of its own service prefix.
        allow({ Action: 'codestar-connections:UseConnection', Resource: connection('codeconnections') }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['Statement[2].Resource']);
  });
});

describe('over templates', () => {
  test('each problem is a finding of category iam naming its resource and full property path', () => {
    const template = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: doc({
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            }),
            Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow({ Action: 's3:GetBucketEncryption' })) }],
          },
        },
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: JSON.stringify(
              doc(allow({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaServce': 'x' } } })),
            ),
          },
        },
      },
    };
    const findings = iamValidityFindings([{ stackName: 'S', region: 'ca-central-1', template }]);
    expect(findings.map((f) => [f.category, f.severity, f.logicalId, f.path])).toEqual([
      ['iam', 'error', 'Key', 'Properties.KeyPolicy.Statement[0].Condition.StringEquals.kms:ViaServce'],
      ['iam', 'error', 'Role', 'Properties.Policies[0].PolicyDocument.Statement[0].Action'],
    ]);
  });

  test('every policy document of the reference app (both stacks) is valid', () => {
    const templates = referenceAssembly().stacks.map((s) => ({
      stackName: s.stackName,
      region: s.environment.region,
      template: s.template,
    }));
    expect(templates.map((t) => t.region).sort()).toEqual(['ca-central-1', 'ca-west-1']);
    expect(templates.every((t) => Object.keys(t.template.Resources).length > 50)).toBe(true);
    expect(iamValidityFindings(templates).map((f) => `${f.stackName}/${f.logicalId} ${f.path}: ${f.message}`)).toEqual(
      [],
    );
  });
});
