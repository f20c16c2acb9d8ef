import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { validateConfig } from '../../lib/config/validate';
import { CanadianResidencyChecks } from '../../lib/nag';
import { alertSubscriberDeclarations } from '../../lib/stacks/alert-subscriber-declarations';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import { CDK_NAG_PACKS, remainingNagFindings } from '../support/acknowledgements';
import { newTestApp } from '../support/cdk-app';
import { asArray, resourcesOfType } from '../support/template-queries';

// The options a production account turns on: subscribers, a GuardDuty detector, object lock on the
// log archive; the hosting network off. One app for the file.
const config = validateConfig({
  ...DEFAULT_CONFIG,
  accountId: '123456789012',
  alerts: {
    critical: { emails: ['oncall@example.ca'], httpsEndpoints: ['https://pager.example.ca/hook'] },
    warning: { emails: ['platform@example.ca'], httpsEndpoints: [] },
  },
  monitoring: { ...DEFAULT_CONFIG.monitoring, guardDuty: 'create-detector', logRetentionDays: 731 },
  auditTrail: { ...DEFAULT_CONFIG.auditTrail, objectLock: { enabled: true, mode: 'compliance', retentionDays: 365 } },
  network: { ...DEFAULT_CONFIG.network, enabled: false },
});
const app = newTestApp();
const { primary, recovery } = buildResidencyStacks(app, config);
const assembly = app.synth();
const templates = [primary, recovery!].map(
  (s) => [s.stackName, assembly.getStackByName(s.stackName).template] as const,
);

describe.each(templates)('stack %s', (_name, template) => {
  test('subscribers from the config: email and https on critical, email on warning', () => {
    const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription').map(
      ([, s]) => `${s.Properties!.Protocol}:${s.Properties!.Endpoint}`,
    );
    expect(subscriptions.sort()).toEqual([
      'email:oncall@example.ca',
      'email:platform@example.ca',
      'https:https://pager.example.ca/hook',
    ]);
  });

  test('a GuardDuty detector is created on request and its high-severity findings alert the critical tier', () => {
    expect(resourcesOfType(template, 'AWS::GuardDuty::Detector')).toHaveLength(1);
    const rule = resourcesOfType(template, 'AWS::Events::Rule').find(([, r]) =>
      asArray(r.Properties!.EventPattern['detail-type']).includes('GuardDuty Finding'),
    );
    expect(rule![1].Properties!.EventPattern.detail.severity).toEqual([{ numeric: ['>=', 7] }]);
    expect(JSON.stringify(rule![1].Properties!.Targets)).toContain('Critical');
  });

  test('with the network off there is no VPC and no flow-log group', () => {
    expect(resourcesOfType(template, 'AWS::EC2::VPC')).toEqual([]);
    for (const [, group] of resourcesOfType(template, 'AWS::Logs::LogGroup'))
      expect(group.Properties!.RetentionInDays).toBe(731);
  });
});

test('the log archive is locked in compliance mode for the configured days', () => {
  const [, bucket] = resourcesOfType(templates[0][1], 'AWS::S3::Bucket').find(([, b]) =>
    String(b.Properties!.BucketName).includes('audit-logs'),
  )!;
  expect(bucket.Properties!.ObjectLockEnabled).toBe(true);
  expect(bucket.Properties!.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 365 });
});

test.each(CDK_NAG_PACKS)('%s leaves no unacknowledged finding with these options', (_name, makePack) => {
  expect(remainingNagFindings(makePack, app)).toEqual([]);
});

describe('alert subscribers leave AWS: the residency pack needs them declared, and the app declares the configured ones', () => {
  const residencyFindings = (declare: boolean) =>
    remainingNagFindings(
      () =>
        new CanadianResidencyChecks(undefined, {
          declaredDestinations: declare ? alertSubscriberDeclarations(config) : [],
        }),
      app,
    );

  test('undeclared, each e-mail and https subscription of both stacks is a data-destination finding', () => {
    const findings = residencyFindings(false);
    expect(findings).toHaveLength(6);
    for (const f of findings)
      expect(f).toMatch(
        /^CaResidency-DataDestination at (Primary|Recovery)\/Foundation\/Alerting\/(Critical|Warning)\//,
      );
    for (const endpoint of ['oncall@example.ca', 'platform@example.ca', 'pager.example.ca'])
      expect(findings.filter((f) => f.includes(endpoint))).toHaveLength(2);
  });

  test('declared from the config (as bin/app.ts does), no residency finding remains', () => {
    expect(residencyFindings(true)).toEqual([]);
  });

  test('each declaration names the config field it comes from', () => {
    expect(alertSubscriberDeclarations(config).map((d) => [d.destination, d.reason.split(':')[0]])).toEqual([
      ['oncall@example.ca', 'alert subscriber from config alerts.critical.emails'],
      ['https://pager.example.ca/hook', 'alert subscriber from config alerts.critical.httpsEndpoints'],
      ['platform@example.ca', 'alert subscriber from config alerts.warning.emails'],
    ]);
  });
});
