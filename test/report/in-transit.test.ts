import { inTransitFacts } from '../../lib/report/in-transit';
import { buildAppIndex } from '../../lib/rules';
import { tut } from '../rules/support';

/** The report's in-transit column reads the in-transit catalogue and the policy model (issue 12). */
function facts(resources: Parameters<typeof tut>[2], id: string) {
  const scope = buildAppIndex([tut('Primary', 'ca-central-1', resources)]).scopes[0];
  return inTransitFacts(id, scope.resources[id], scope, undefined);
}

describe('report in-transit column', () => {
  test('Neptune, DocumentDB and ElastiCache are judged by their catalogued control, not reported as HTTPS-only endpoints', () => {
    expect(facts({ Db: { Type: 'AWS::Neptune::DBCluster', Properties: {} } }, 'Db')).toEqual({
      status: 'enforced',
      detail: expect.stringMatching(/neptune_enforce_ssl/),
    });
    expect(facts({ Db: { Type: 'AWS::DocDB::DBCluster', Properties: {} } }, 'Db').detail).toMatch(/tls enabled/);
    expect(facts({ C: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: {} } }, 'C').detail).toMatch(
      /transit encryption/,
    );
  });
  test('a bucket policy that mentions aws:SecureTransport for one action only is not "enforced"', () => {
    const policy = (action: string) => ({
      B: { Type: 'AWS::S3::Bucket', Properties: {} },
      P: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'B' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: action,
                Resource: [
                  { 'Fn::GetAtt': ['B', 'Arn'] },
                  { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] },
                ],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
    });
    expect(facts(policy('s3:GetObject'), 'B')).toEqual({
      status: 'not-enforced',
      detail: 'no BucketPolicy denying requests without TLS',
    });
    expect(facts(policy('s3:*'), 'B')).toEqual({
      status: 'enforced',
      detail: 'BucketPolicy denies requests without TLS',
    });
  });
  test('types outside the catalogue are reached only through HTTPS API endpoints', () => {
    expect(facts({ T: { Type: 'AWS::DynamoDB::Table', Properties: {} } }, 'T').status).toBe('service-default');
  });
});
