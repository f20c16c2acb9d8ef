import { buildAppIndex, literalOf, render, resolveString, TemplateUnderTest } from '../../lib/rules';
import { tut } from './support';

function scopeOf(templates: TemplateUnderTest[], i = 0) {
  return buildAppIndex(templates).scopes[i];
}

describe('resolveString', () => {
  const t = tut(
    'Primary',
    'ca-central-1',
    { Bucket: { Type: 'AWS::S3::Bucket' } },
    {
      Parameters: { P: { Type: 'String' } },
      Mappings: { M: { 'ca-central-1': { Name: 'montreal' } } },
    },
  );
  const exporter = tut(
    'Exporter',
    'ca-west-1',
    {},
    { Outputs: { O: { Value: 'arn:aws:sns:ca-west-1:1:t', Export: { Name: 'TopicArn' } } } },
  );
  const scope = scopeOf([t, exporter]);

  test('pseudo parameters resolve to the stack values', () => {
    expect(
      literalOf(
        resolveString(
          { 'Fn::Sub': 'arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}:x.${AWS::URLSuffix}' },
          scope,
        ),
      ),
    ).toBe('arn:aws:s3:ca-central-1:111111111111:x.amazonaws.com');
  });
  test('Fn::Join and Fn::Sub with variables', () => {
    expect(literalOf(resolveString({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] }, scope))).toBe(
      'a-ca-central-1',
    );
    expect(literalOf(resolveString({ 'Fn::Sub': ['${X}-y', { X: 'x' }] }, scope))).toBe('x-y');
    expect(literalOf(resolveString({ 'Fn::Sub': '${!Literal}' }, scope))).toBe('${Literal}');
  });
  test('parameters stay unresolved with a reason', () => {
    expect(render(resolveString({ Ref: 'P' }, scope)!)).toMatch(/parameter 'P'/);
  });
  test('resource references are attributes of this stack', () => {
    expect(render(resolveString({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, scope)!)).toBe('<Fn::GetAtt Bucket.Arn>');
  });
  test('Fn::If with equal branches resolves, with different branches does not', () => {
    expect(literalOf(resolveString({ 'Fn::If': ['C', 'a', 'a'] }, scope))).toBe('a');
    expect(render(resolveString({ 'Fn::If': ['C', 'a', 'b'] }, scope)!)).toMatch(/condition 'C'/);
  });
  test('Fn::FindInMap reads own entries of the mappings only, never a prototype', () => {
    for (const keys of [
      ['__proto__', 'constructor', 'name'],
      ['constructor', 'prototype', 'constructor'],
      ['M', 'constructor', 'name'],
      ['M', 'ca-central-1', 'toString'],
    ]) {
      const r = resolveString({ 'Fn::FindInMap': keys }, scope);
      expect(literalOf(r)).toBeUndefined();
      expect(render(r!)).toMatch(/has no value/);
    }
    // The look-alike that exists is still found.
    expect(literalOf(resolveString({ 'Fn::FindInMap': ['M', 'ca-central-1', 'Name'] }, scope))).toBe('montreal');
  });

  test('Fn::FindInMap, Fn::Select over Fn::Split', () => {
    expect(literalOf(resolveString({ 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Name'] }, scope))).toBe(
      'montreal',
    );
    expect(literalOf(resolveString({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] }, scope))).toBe('b');
  });
  test('Fn::GetStackOutput names an output of the stack, never a prototype member', () => {
    const r = resolveString({ 'Fn::GetStackOutput': { StackName: 'Exporter', OutputName: 'constructor' } }, scope);
    expect(render(r!)).toMatch(/is not an output of a stack of this app/);
  });
  test('Fn::ImportValue resolves through the exporting stack of the app', () => {
    expect(literalOf(resolveString({ 'Fn::ImportValue': 'TopicArn' }, scope))).toBe('arn:aws:sns:ca-west-1:1:t');
    expect(render(resolveString({ 'Fn::ImportValue': 'Nope' }, scope)!)).toMatch(/exported by no stack/);
  });
  test('an unknown account stays symbolic', () => {
    const s = scopeOf([{ stackName: 'A', region: 'ca-central-1', template: { Resources: {} } }]);
    expect(literalOf(resolveString({ 'Fn::Sub': 'b-${AWS::AccountId}' }, s))).toBe('b-${AWS::AccountId}');
  });
});
