import { atRestFacts } from '../../lib/report/at-rest';
import { buildAppIndex } from '../../lib/rules';
import { tut } from '../rules/support';

/** The report's at-rest column reads the catalogue's conditions like the rule does (issue 13). */
function facts(type: string, properties: Record<string, unknown>, issue?: { path: string }) {
  const scope = buildAppIndex([tut('Primary', 'ca-central-1', { S: { Type: type, Properties: properties } })])
    .scopes[0];
  return atRestFacts(scope.resources.S, scope, issue ? { ...issue, state: 'open' } : undefined);
}

describe('report at-rest column', () => {
  test('a type that stores data only in one configuration says it stores nothing itself in the others', () => {
    expect(facts('AWS::Bedrock::KnowledgeBase', { KnowledgeBaseConfiguration: { Type: 'VECTOR' } })).toEqual({
      status: 'service-managed',
      detail: expect.stringMatching(/stores nothing at rest itself .*KnowledgeBaseConfiguration\.Type is not MANAGED/),
    });
    // In that configuration, a finding is reported as such.
    const issue = {
      path: 'Properties.KnowledgeBaseConfiguration.ManagedKnowledgeBaseConfiguration.ServerSideEncryptionConfiguration.KmsKeyArn',
    };
    expect(
      facts('AWS::Bedrock::KnowledgeBase', { KnowledgeBaseConfiguration: { Type: 'MANAGED' } }, issue).status,
    ).toBe('not-proven');
  });
  test("a key inherited from another resource is named, not reported as the service's default", () => {
    expect(facts('AWS::CustomerProfiles::ObjectType', {}).detail).toMatch(/domain's default key \(judged there\)/);
  });
});
