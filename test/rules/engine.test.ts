import { evaluateTemplates, ResidencyEngine, RULE_IDS } from '../../lib/rules';
import { tut } from './support';

const cdn = {
  Type: 'AWS::GlobalAccelerator::Accelerator',
  Properties: {},
  Metadata: { 'aws:cdk:path': 'Primary/Cdn/Resource' },
};
const build = {
  Type: 'AWS::CodeBuild::Project',
  Properties: { EncryptionKey: 'alias/ci-artifacts' },
  Metadata: { 'aws:cdk:path': 'Recovery/Build/Resource' },
};
const primary = tut('Primary', 'ca-central-1', {
  Cdn: cdn,
  CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'x' } },
});
const recovery = tut('Recovery', 'ca-west-1', { Build: build, Role: { Type: 'AWS::IAM::Role' } });
const virginia = tut('Virginia', 'us-east-1', { Role: { Type: 'AWS::IAM::Role' } });

describe('engine', () => {
  test('findings carry rule, category, severity, stack, region, resource, path and construct path from aws:cdk:path', () => {
    const [f] = evaluateTemplates([primary]);
    expect(f).toEqual(
      expect.objectContaining({
        ruleId: 'CaResidency-GlobalService',
        category: 'residency',
        severity: 'fatal',
        stackName: 'Primary',
        region: 'ca-central-1',
        logicalId: 'Cdn',
        resourceType: 'AWS::GlobalAccelerator::Accelerator',
        path: 'Type',
        constructPath: 'Primary/Cdn/Resource',
      }),
    );
  });
  test('AWS::CDK::Metadata is skipped and counted out', () => {
    const r = new ResidencyEngine().evaluate([primary]);
    expect(r.findings.map((f) => f.logicalId)).toEqual(['Cdn']);
    expect(r.summary).toEqual({ templates: 1, resources: 1, findings: 1, byCategory: { residency: 1 } });
  });
  test('order is stable whatever the input order', () => {
    const a = evaluateTemplates([primary, recovery, virginia]);
    const b = evaluateTemplates([virginia, recovery, primary]);
    expect(b).toEqual(a);
    expect(a.map((f) => `${f.stackName}/${f.logicalId}`)).toEqual([
      'Primary/Cdn',
      'Recovery/Build',
      'Virginia/Virginia',
    ]);
  });
  test('rule ids are unique and prefixed CaResidency-', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const id of RULE_IDS) expect(id).toMatch(/^CaResidency-[A-Za-z0-9]+$/);
  });
});

describe('exemptions', () => {
  const exemption = {
    ruleId: 'CaResidency-GlobalService',
    resource: 'Primary/Cdn',
    reason: 'Public marketing site, no personal information, reviewed by privacy office',
    expires: '2027-03-31',
  };
  const today = new Date('2027-01-15T12:00:00Z');

  test('a valid exemption (construct path ancestor) lets the finding through and is reported as exempted', () => {
    const r = new ResidencyEngine({ exemptions: [exemption], evaluationDate: today }).evaluate([primary]);
    expect(r.findings).toEqual([]);
    expect(r.exempted.map((x) => [x.finding.logicalId, x.exemption.expires])).toEqual([['Cdn', '2027-03-31']]);
  });
  test('an exemption by logical id works too, and applies on its expiry day', () => {
    const r = new ResidencyEngine({
      exemptions: [{ ...exemption, resource: 'Cdn' }],
      evaluationDate: new Date('2027-03-31T23:00:00Z'),
    }).evaluate([primary]);
    expect(r.findings).toEqual([]);
  });
  test('the same exemption past its expiry date fails again, with a finding about the exemption', () => {
    const r = new ResidencyEngine({
      exemptions: [exemption],
      evaluationDate: new Date('2027-04-01T00:00:00Z'),
    }).evaluate([primary]);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual([
      'CaResidency-ExemptionInvalid',
      'CaResidency-GlobalService',
    ]);
    expect(r.findings.find((f) => f.ruleId === 'CaResidency-ExemptionInvalid')?.message).toMatch(
      /expired on 2027-03-31/,
    );
  });
  test('an exemption naming a resource that exists nowhere is a finding (a typo must not pass for a handled finding)', () => {
    const typo = { ...exemption, resource: 'Primary/Cnd' };
    const r = new ResidencyEngine({ exemptions: [typo], evaluationDate: today }).evaluate([primary, recovery]);
    expect(r.findings.map((f) => [f.ruleId, f.logicalId]).sort()).toEqual([
      ['CaResidency-ExemptionInvalid', 'Primary/Cnd'],
      ['CaResidency-GlobalService', 'Cdn'],
      ['CaResidency-RegionAvailability', 'Build'],
    ]);
    expect(r.findings.find((f) => f.ruleId === 'CaResidency-ExemptionInvalid')?.message).toMatch(
      /Exemption 0 \(CaResidency-GlobalService on Primary\/Cnd\) names no resource or stack/,
    );
  });
  test('an exemption naming an existing resource, a stack or a construct path above it is not flagged, even with nothing to exempt', () => {
    for (const resource of ['Role', 'Recovery', 'Recovery/Build', 'Primary/Cdn/Resource']) {
      const r = new ResidencyEngine({ exemptions: [{ ...exemption, resource }], evaluationDate: today }).evaluate([
        primary,
        recovery,
      ]);
      expect(r.findings.filter((f) => f.ruleId === 'CaResidency-ExemptionInvalid')).toEqual([]);
    }
  });
  test('malformed exemptions are findings naming each problem, and are not applied', () => {
    const r = new ResidencyEngine({
      exemptions: [
        { ...exemption, reason: 'because' },
        { ...exemption, expires: '31/03/2027' },
        { ...exemption, ruleId: 'CaResidency-Nope' },
        { ...exemption, resource: '' },
      ],
      evaluationDate: today,
    }).evaluate([primary]);
    const messages = r.findings.filter((f) => f.ruleId === 'CaResidency-ExemptionInvalid').map((f) => f.message);
    expect(messages).toHaveLength(4);
    expect(messages.join('\n')).toMatch(/reason "because" is shorter than 20/);
    expect(messages.join('\n')).toMatch(/expires "31\/03\/2027" is not an ISO date/);
    expect(messages.join('\n')).toMatch(/ruleId "CaResidency-Nope"/);
    expect(r.findings.some((f) => f.ruleId === 'CaResidency-GlobalService')).toBe(true);
  });
});

describe('acknowledgements', () => {
  const reason = 'CodeBuild replaced by a ca-central-1 pipeline before go-live';
  test('a namespaced acknowledgement with a real reason covers a non-fatal finding', () => {
    const r = new ResidencyEngine().evaluate(
      [recovery],
      [{ id: 'CaResidency::CaResidency-RegionAvailability', reason, constructPath: 'Recovery/Build' }],
    );
    expect(r.findings).toEqual([]);
    expect(r.acknowledged).toHaveLength(1);
  });
  test('a bare acknowledgement is not honoured (it would leave no audit record)', () => {
    const r = new ResidencyEngine().evaluate(
      [recovery],
      [{ id: 'Annotation::CaResidency-RegionAvailability', reason, constructPath: 'Recovery/Build' }],
    );
    expect(r.findings.map((f) => f.ruleId)).toEqual(['CaResidency-RegionAvailability']);
  });
  test('residency findings cannot be acknowledged in either form', () => {
    const acks = ['CaResidency::CaResidency-GlobalService', 'Annotation::CaResidency-GlobalService'].map((id) => ({
      id,
      reason,
      constructPath: '',
    }));
    expect(new ResidencyEngine().evaluate([primary], acks).findings.map((f) => f.ruleId)).toEqual([
      'CaResidency-GlobalService',
    ]);
  });
  test('an acknowledgement of a CaResidency rule with a short reason is itself a finding', () => {
    const r = new ResidencyEngine().evaluate(
      [recovery],
      [
        {
          id: 'CaResidency::CaResidency-RegionAvailability',
          reason: 'ok',
          constructPath: 'Recovery/Build',
          stackName: 'Recovery',
        },
      ],
    );
    expect(r.findings.map((f) => f.ruleId)).toEqual(['CaResidency-AcknowledgementReason']);
    expect(r.findings[0].message).toMatch(/reason "ok"/);
  });
});
