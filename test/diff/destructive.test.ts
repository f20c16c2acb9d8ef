import { destructiveChanges } from '../../lib/diff';

/** Templates from resources: `{ id: [type, properties, other attributes] }`. */
type Spec = Record<string, [string, Record<string, unknown>, Record<string, unknown>?]>;
const template = (spec: Spec) => ({
  Resources: Object.fromEntries(
    Object.entries(spec).map(([id, [Type, Properties, extra]]) => [id, { Type, Properties, ...extra }]),
  ),
});
const PolicyDocument = { Version: '2012-10-17', Statement: [] };
const judge = (base: Spec, head: Spec | undefined, stateless: string[] = []) =>
  destructiveChanges(template(base), head && template(head), stateless).map(
    (d) => `${d.logicalId} ${d.impact} ${d.holdsData ? 'data' : 'no-data'}`,
  );

test('replacement, possible replacement and deletion come from the CloudFormation specification', () => {
  expect(
    judge({ B: ['AWS::S3::Bucket', { BucketName: 'a' }] }, { B: ['AWS::S3::Bucket', { BucketName: 'b' }] }),
  ).toEqual(['B replace data']);
  expect(
    judge(
      { D: ['AWS::RDS::DBInstance', { Engine: 'mysql' }] },
      { D: ['AWS::RDS::DBInstance', { Engine: 'postgres' }] },
    ),
  ).toEqual(['D may-replace data']);
  expect(judge({ T: ['AWS::DynamoDB::Table', {}] }, {})).toEqual(['T destroy data']);
  // Changing the type under the same logical id is a new resource.
  expect(judge({ Q: ['AWS::SQS::Queue', {}] }, { Q: ['AWS::SNS::Topic', {}] })).toEqual(['Q replace data']);
});

test('clean look-alikes are not destructive: in-place updates, retained removals, metadata, additions', () => {
  expect(
    judge(
      { B: ['AWS::S3::Bucket', { Tags: [{ Key: 'k', Value: '1' }] }] },
      { B: ['AWS::S3::Bucket', { Tags: [{ Key: 'k', Value: '2' }] }] },
    ),
  ).toEqual([]);
  expect(judge({ B: ['AWS::S3::Bucket', {}, { DeletionPolicy: 'Retain' }] }, {})).toEqual([]);
  expect(judge({ B: ['AWS::S3::Bucket', {}, { DeletionPolicy: 'RetainExceptOnCreate' }] }, {})).toEqual([]);
  expect(judge({ M: ['AWS::CDK::Metadata', { Analytics: 'a' }] }, {})).toEqual([]);
  expect(judge({}, { B: ['AWS::S3::Bucket', { BucketName: 'new' }] })).toEqual([]);
});

test('holdsData follows the at-rest catalogue: stateless types hold none, unclassified ones are assumed to, the pack option wins', () => {
  expect(
    judge(
      { P: ['AWS::S3::BucketPolicy', { Bucket: 'a', PolicyDocument }] },
      { P: ['AWS::S3::BucketPolicy', { Bucket: 'b', PolicyDocument }] },
    ),
  ).toEqual(['P replace no-data']);
  expect(judge({ G: ['AWS::KMS::Alias', { AliasName: 'alias/a', TargetKeyId: 'k' }] }, {})).toEqual([
    'G destroy no-data',
  ]);
  expect(judge({ X: ['AWS::Acme::Thing', {}] }, {})).toEqual(['X destroy data']);
  expect(judge({ X: ['AWS::Acme::Thing', {}] }, {}, ['AWS::Acme::Thing'])).toEqual(['X destroy no-data']);
});

test('a customer-managed key counts as holding data: destroying or replacing it makes what it encrypts unreadable', () => {
  expect(judge({ K: ['AWS::KMS::Key', {}] }, {})).toEqual(['K destroy data']);
  expect(judge({ R: ['AWS::KMS::ReplicaKey', { PrimaryKeyArn: 'a', KeyPolicy: {} }] }, {})).toEqual(['R destroy data']);
  // A retained key is orphaned, not deleted: nothing becomes unreadable.
  expect(judge({ K: ['AWS::KMS::Key', {}, { DeletionPolicy: 'Retain' }] }, {})).toEqual([]);
  // Rotation or a description change is an in-place update.
  expect(
    judge(
      { K: ['AWS::KMS::Key', { EnableKeyRotation: false }] },
      { K: ['AWS::KMS::Key', { EnableKeyRotation: true }] },
    ),
  ).toEqual([]);
});

test('a change the specification cannot judge (unknown type or property) may replace a resource holding data: fail closed', () => {
  expect(judge({ S: ['Acme::Records::Store', { Size: 1 }] }, { S: ['Acme::Records::Store', { Size: 2 }] })).toEqual([
    'S may-replace data',
  ]);
  expect(
    judge({ B: ['AWS::S3::Bucket', { FutureProperty: 'a' }] }, { B: ['AWS::S3::Bucket', { FutureProperty: 'b' }] }),
  ).toEqual(['B may-replace data']);
  // Not for what holds no data, nor for changes outside Properties.
  expect(judge({ C: ['Custom::Thing', { X: 1 }] }, { C: ['Custom::Thing', { X: 2 }] })).toEqual([]);
  expect(
    judge(
      { S: ['Acme::Records::Store', {}, { Metadata: { a: 1 } }] },
      { S: ['Acme::Records::Store', {}, { Metadata: { a: 2 } }] },
    ),
  ).toEqual([]);
});

test('a removed stack: each resource goes as its deletion policy says', () => {
  expect(
    judge(
      {
        B: ['AWS::S3::Bucket', {}, { DeletionPolicy: 'Retain' }],
        T: ['AWS::DynamoDB::Table', {}],
        P: ['AWS::S3::BucketPolicy', { Bucket: 'a', PolicyDocument }],
      },
      undefined,
    ),
  ).toEqual(['P destroy no-data', 'T destroy data']);
});

describe('logical ids and keys named after Object.prototype members', () => {
  // Built with JSON.parse, as templates are read: `__proto__` is then an own key, not the prototype.
  const named = (id: string, bucketName: string, extra = '') =>
    JSON.parse(
      `{"Resources": {${JSON.stringify(id)}: {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "${bucketName}"${extra}}},` +
        `"Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": ${JSON.stringify(id)}}, "PolicyDocument": {"Statement": []}}},` +
        `"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ${JSON.stringify(`${id}.Arn`)}}}, "DependsOn": ${JSON.stringify(id)}}}}`,
    ) as Parameters<typeof destructiveChanges>[0];
  const changes = (base: Parameters<typeof destructiveChanges>[0], head?: Parameters<typeof destructiveChanges>[0]) =>
    destructiveChanges(base, head).map((d) => `${d.logicalId} ${d.impact}`);

  test.each(['__proto__', 'hasOwnProperty', 'constructor', 'toString', '\u0000Bucket'])(
    'a bucket named %j: removal destroys it, a new name replaces it and what references it, a tag does neither',
    (id) => {
      const base = named(id, 'a');
      expect(changes(base, { Resources: {} })).toEqual(
        [`${id} destroy`, 'Policy destroy', 'Queue destroy'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      expect(changes(base, named(id, 'b'))).toEqual(
        [`${id} replace`, 'Policy replace', 'Queue replace'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      expect(changes(base, named(id, 'a', ', "Tags": [{"Key": "k", "Value": "v"}]'))).toEqual([]);
    },
  );

  test('a name and the same name behind the escape are two resources: removing one reports that one only', () => {
    const both = (ids: string[]) =>
      JSON.parse(
        JSON.stringify({
          Resources: Object.fromEntries(ids.map((id) => [id, { Type: 'AWS::S3::Bucket', Properties: {} }])),
        }),
      ) as Parameters<typeof destructiveChanges>[0];
    expect(changes(both(['toString', '\u0000toString']), both(['toString']))).toEqual(['\u0000toString destroy']);
    expect(changes(both(['toString', '\u0000toString']), both(['\u0000toString']))).toEqual(['toString destroy']);
  });
});
