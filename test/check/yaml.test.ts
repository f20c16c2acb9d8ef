import { parseCfnYaml } from '../../lib/check';

describe('CloudFormation YAML short forms', () => {
  test('scalar forms, including the dotted !GetAtt', () => {
    const doc = parseCfnYaml(
      [
        'A: !Ref Bucket',
        'B: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"',
        'C: !GetAtt Db.Endpoint.Address',
        'D: !GetAZs ""',
        'E: !ImportValue shared-bucket',
        'F: !Base64 hello',
        'G: !Condition IsProd',
      ].join('\n'),
    );
    expect(doc).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' },
      C: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      D: { 'Fn::GetAZs': '' },
      E: { 'Fn::ImportValue': 'shared-bucket' },
      F: { 'Fn::Base64': 'hello' },
      G: { Condition: 'IsProd' },
    });
  });

  test('sequence and mapping forms, nested', () => {
    const doc = parseCfnYaml(
      [
        'A: !If [IsProd, !Ref Key, !Ref AWS::NoValue]',
        'B: !Join ["", [!Select [0, !Split [",", !Ref List]], !FindInMap [M, !Ref AWS::Region, x]]]',
        'C: !Equals [!Ref Env, prod]',
        'D: !And [!Not [!Condition A], !Or [!Condition B, !Condition C]]',
        'E: !Sub',
        '  - "${Name}-x"',
        '  - Name: !GetAtt [Bucket, Arn]',
        'F: !Cidr [!GetAtt Vpc.CidrBlock, 6, 8]',
        'G: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }',
      ].join('\n'),
    );
    expect(doc).toEqual({
      A: { 'Fn::If': ['IsProd', { Ref: 'Key' }, { Ref: 'AWS::NoValue' }] },
      B: {
        'Fn::Join': [
          '',
          [
            { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] },
            { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'x'] },
          ],
        ],
      },
      C: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      D: { 'Fn::And': [{ 'Fn::Not': [{ Condition: 'A' }] }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] },
      E: { 'Fn::Sub': ['${Name}-x', { Name: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }] },
      F: { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 8] },
      G: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    });
  });

  test('AWSTemplateFormatVersion stays a string (no YAML 1.1 timestamp)', () => {
    expect(parseCfnYaml('AWSTemplateFormatVersion: 2010-09-09\n')).toEqual({ AWSTemplateFormatVersion: '2010-09-09' });
  });

  test('invalid YAML throws one line naming the position', () => {
    expect(() => parseCfnYaml('A: [1, 2\nB: x\n')).toThrow(/line \d+, column \d+/);
    expect(() => parseCfnYaml('A: 1\nA: 2\n')).toThrow(/^[^\n]+$/);
  });
});
