import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { CanadianResidencyChecks } from '../../lib/nag';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import { ResidencyNames } from '../../lib/config/naming';
import { ResidencyConfig } from '../../lib/config/schema';
import { buildResidencyStacks } from '../../lib/stacks/residency-app';
import {
  AUDITOR_NAMESPACE,
  NON_COMPLIANT_BUCKETS_METRIC,
  RESIDENCY_DRIFT_METRIC,
} from '../../lib/verify/auditor-metrics';
import { recordedAcknowledgements } from '../support/acknowledgements';
import { newTestApp } from '../support/cdk-app';
import { asArray, CfnTemplate, referencedLogicalId, resourcesOfType } from '../support/template-queries';

// One app for the whole file: bundling the handler is part of synthesis and the expensive part. The auditor is
// on by default; the config says so explicitly so this file keeps testing it if the default changes.
const config: ResidencyConfig = { ...DEFAULT_CONFIG, auditor: { ...DEFAULT_CONFIG.auditor, enabled: true } };
const app = newTestApp();
const { primary, recovery } = buildResidencyStacks(app, config);
// Synthesis must need neither Docker nor the network: both are made unusable while it runs. CDK's built-in
// CloudFormation validator is skipped to save time: `npx cdk synth` with the auditor on runs it (errors fail it).
const saved = {
  CDK_DOCKER: process.env.CDK_DOCKER,
  HTTPS_PROXY: process.env.HTTPS_PROXY,
  HTTP_PROXY: process.env.HTTP_PROXY,
  CDK_VALIDATION: process.env.CDK_VALIDATION,
};
Object.assign(process.env, {
  CDK_DOCKER: '/nonexistent/docker',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  CDK_VALIDATION: 'false',
});
const assembly = (() => {
  try {
    return app.synth();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
})();
const template: CfnTemplate = assembly.getStackByName(primary.stackName).template;
const names = new ResidencyNames(config);
const ROOT = join(__dirname, '..', '..');

const [[fnId, fn]] = resourcesOfType(template, 'AWS::Lambda::Function').filter(([, f]) =>
  String(f.Properties!.FunctionName ?? '').endsWith('-residency-auditor'),
);
const refId = (v: unknown): string | undefined =>
  referencedLogicalId(v) ?? (v as any)?.['Fn::Join']?.[1]?.map(referencedLogicalId).find(Boolean);

describe('the auditor bundle', () => {
  test('is produced at synth by local esbuild: an asset directory with index.js holding the handler and the SDK', () => {
    const s3Key = fn.Properties!.Code.S3Key as string;
    const assetDir = join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(assetDir, 'index.js'), 'utf8');
    // Booleans and short lists: a failure must not print the 700 kB bundle.
    expect([AUDITOR_NAMESPACE, 'GetBucketReplication', 'PutMetricData'].filter((s) => !bundle.includes(s))).toEqual([]);
    // The SDK is bundled (pinned versions), not required from the runtime; only the optional CRT signer
    // (SigV4a, loaded in a try/catch for multi-region access points) stays outside.
    expect([...new Set(bundle.match(/require\("@aws-sdk\/[^"]+"\)/g) ?? [])]).toEqual([
      'require("@aws-sdk/signature-v4-crt")',
    ]);
  });

  test('runs on the newest Node.js runtime, with a customer-managed key on its environment and log group', () => {
    expect(fn.Properties!.Runtime).toBe('nodejs24.x');
    const keys = new Set(resourcesOfType(template, 'AWS::KMS::Key').map(([id]) => id));
    expect(keys.has(refId(fn.Properties!.KmsKeyArn)!)).toBe(true);
    const [, group] = resourcesOfType(template, 'AWS::Logs::LogGroup').find(
      ([id]) => id === refId(fn.Properties!.LoggingConfig.LogGroup),
    )!;
    expect(keys.has(refId(group.Properties!.KmsKeyId)!)).toBe(true);
    expect(group.Properties!.RetentionInDays).toBe(365);
    // A reservation fails the deploy in a new account (concurrency quota 10).
    expect(fn.Properties!.ReservedConcurrentExecutions).toBeUndefined();
    expect(refId(fn.Properties!.DeadLetterConfig.TargetArn)).toBeDefined();
    expect(fn.Properties!.Environment.Variables).toMatchObject({
      ALLOWED_REGIONS: 'ca-central-1,ca-west-1',
      EXPECT_REPLICATION: names.bucketName('data', 'ca-central-1'),
    });
  });

  test('its role has no inline policy; the managed policy only reads bucket configuration', () => {
    expect(resourcesOfType(template, 'AWS::IAM::Policy')).toEqual([]);
    const roleId = refId(fn.Properties!.Role)!;
    const [, policy] = resourcesOfType(template, 'AWS::IAM::ManagedPolicy').find(([, p]) =>
      asArray(p.Properties!.Roles).some((r) => refId(r) === roleId),
    )!;
    const actions = asArray<any>(policy.Properties!.PolicyDocument.Statement).flatMap((s) => asArray<string>(s.Action));
    expect(
      actions.filter((a) => a.startsWith('s3:')).every((a) => a === 's3:ListAllMyBuckets' || a.startsWith('s3:Get')),
    ).toBe(true);
    expect(actions).not.toContain('s3:GetObject');
    expect(actions.some((a) => a.includes('*'))).toBe(false);
  });
});

describe('the schedule and the alarms', () => {
  test('a daily EventBridge Scheduler schedule in ca-central-1 invokes the function, with retries and a dead-letter queue', () => {
    expect(primary.region).toBe('ca-central-1');
    const [[, schedule]] = resourcesOfType(template, 'AWS::Scheduler::Schedule');
    const p = schedule.Properties!;
    expect(p.ScheduleExpression).toBe(config.auditor.schedule);
    expect(p.ScheduleExpressionTimezone).toBe('UTC');
    expect(refId(p.Target.Arn)).toBe(fnId);
    expect(p.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(refId(p.Target.DeadLetterConfig.Arn)).toBe(refId(fn.Properties!.DeadLetterConfig.TargetArn));
    const [, queue] = resourcesOfType(template, 'AWS::SQS::Queue').find(
      ([id]) => id === refId(p.Target.DeadLetterConfig.Arn),
    )!;
    expect(refId(queue.Properties!.KmsMasterKeyId)).toBeDefined();
  });

  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
    String(a.Properties!.AlarmDescription).includes('docs/runbooks/residency-drift.md'),
  );
  const critical = resourcesOfType(template, 'AWS::SNS::Topic').find(([, t]) =>
    String(t.Properties!.TopicName).endsWith('-critical'),
  )![0];

  test('the alarms watch exactly the metrics the handler publishes, plus the function errors and the dead-letter queue', () => {
    const watched = alarms.map(([, a]) => `${a.Properties!.Namespace}/${a.Properties!.MetricName}`).sort();
    expect(watched).toEqual(
      [
        `${AUDITOR_NAMESPACE}/${NON_COMPLIANT_BUCKETS_METRIC}`,
        `${AUDITOR_NAMESPACE}/${RESIDENCY_DRIFT_METRIC}`,
        'AWS/Lambda/Errors',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
      ].sort(),
    );
    const nonCompliant = alarms.find(([, a]) => a.Properties!.MetricName === NON_COMPLIANT_BUCKETS_METRIC)![1]
      .Properties!;
    expect(nonCompliant).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Period: 86400,
      TreatMissingData: 'notBreaching',
    });
    const errors = alarms.find(([, a]) => a.Properties!.MetricName === 'Errors')![1].Properties!;
    expect(refId(asArray<any>(errors.Dimensions)[0].Value)).toBe(fnId);
  });

  test('each alarm sends alarm and OK notifications to the critical topic and names a runbook that exists', () => {
    expect(existsSync(join(ROOT, 'docs', 'runbooks', 'residency-drift.md'))).toBe(true);
    for (const [id, a] of alarms) {
      expect({
        id,
        alarm: asArray(a.Properties!.AlarmActions).map(refId),
        ok: asArray(a.Properties!.OKActions).map(refId),
      }).toEqual({ id, alarm: [critical], ok: [critical] });
    }
  });

  test('the recovery stack has no auditor (one audit per account, from ca-central-1)', () => {
    const recoveryTemplate = assembly.getStackByName(recovery!.stackName).template as CfnTemplate;
    expect(resourcesOfType(recoveryTemplate, 'AWS::Scheduler::Schedule')).toEqual([]);
    expect(
      resourcesOfType(recoveryTemplate, 'AWS::Lambda::Function').filter(([, f]) =>
        String(f.Properties!.FunctionName ?? '').includes('auditor'),
      ),
    ).toEqual([]);
  });
});

describe('cdk-nag packs with the auditor on', () => {
  test('CaResidency flags nothing and needs no acknowledgement (the schedule carries no payload to encrypt)', () => {
    const result = new CanadianResidencyChecks().evaluateScope(app);
    expect(result.findings.map((f) => `${f.ruleId} ${f.stackName}/${f.logicalId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.acknowledged.map((a) => `${a.finding.ruleId} ${a.finding.resourceType}`)).toEqual([]);
  });

  // AwsSolutions and HIPAA Security over the same (default) app are asserted in reference-app.test.ts.

  test('the auditor acknowledgements are on its own resources, namespaced, with real reasons', () => {
    const acks = recordedAcknowledgements(app).filter((a) => a.path.includes('/Auditor/'));
    expect(acks.map((a) => `${a.path.replace(/^.*\/Auditor\//, '')} ${a.id}`).sort()).toEqual([
      'Function HIPAA.Security::HIPAA.Security-LambdaConcurrency',
      'Function HIPAA.Security::HIPAA.Security-LambdaInsideVPC',
      'Policy AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'Policy AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:s3:::*]',
    ]);
    for (const a of acks) expect(a.reason.length).toBeGreaterThanOrEqual(60);
  });
});
