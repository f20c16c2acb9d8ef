import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CanadianResidencyChecks,
  CanadianResidencyChecksProps,
  POLICY_METADATA_KEY,
  RecordedPolicy,
} from '../../lib/nag';
import { CENTRAL, cmk, residentBucket, US_EAST, WEST } from '../rules/support';

const EXPIRES = '2099-12-31';
const LONG_REASON = 'Public brochure site: no personal information, approved by the privacy office';

/** An app with the pack registered the way users register cdk-nag packs. */
function appWithPack(options: CanadianResidencyChecksProps = {}): App {
  const app = new App({ builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app, options));
  return app;
}

function cdnStack(app: App): Stack {
  const s = new Stack(app, 'Web', { env: CENTRAL });
  const b = residentBucket(s, 'Site');
  new cloudfront.Distribution(s, 'Cdn', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(b),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
    domainNames: ['www.example.ca'],
    // CloudFront only takes certificates from us-east-1.
    certificate: acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  });
  return s;
}

function buildStack(app: App): Stack {
  const s = new Stack(app, 'Tools', { env: WEST });
  new codebuild.Project(s, 'Build', {
    source: codebuild.Source.gitHub({ owner: 'o', repo: 'r' }),
    encryptionKey: cmk(s, 'BuildKey'),
  });
  return s;
}

/** Synthesize; return the thrown message (if any) and validation-report.json. */
function synth(app: App): { error?: string; report: any; outdir: string } {
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const file = path.join(app.outdir, 'validation-report.json');
  return {
    error,
    report: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : undefined,
    outdir: app.outdir,
  };
}

function ourReport(report: any): any {
  return report?.pluginReports?.find((p: any) => p.pluginName === 'CaResidency');
}

function templateOf(outdir: string, stackName: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, `${stackName}.template.json`), 'utf-8'));
}

describe('CanadianResidencyChecks registered with Validations.of(app).addPlugins', () => {
  test('an env-agnostic stack fails synth', () => {
    const app = appWithPack();
    new s3.Bucket(new Stack(app, 'Anywhere'), 'B');
    const { error, report } = synth(app);
    expect(error).toMatch(/CaResidency-StackRegion/);
    expect(ourReport(report).conclusion).toBe('failure');
  });

  test('a bucket replicating to a bucket in a us-east-1 stack of the same app fails synth', () => {
    const app = appWithPack();
    const us = new Stack(app, 'Virginia', { env: US_EAST });
    new s3.Bucket(us, 'Dest', { bucketName: 'demo-dest-us', versioned: true });
    const ca = new Stack(app, 'Primary', { env: CENTRAL });
    new s3.Bucket(ca, 'Src', {
      versioned: true,
      replicationRules: [{ destination: s3.Bucket.fromBucketName(ca, 'D', 'demo-dest-us'), priority: 1 }],
    });
    const { error, report } = synth(app);
    expect(error).toMatch(/CaResidency-S3ReplicationDestination/);
    const v = ourReport(report).violations.find((x: any) => x.ruleName === 'CaResidency-S3ReplicationDestination');
    expect(v.severity).toBe('fatal');
    // Judged from the synthesized template file, with its logical id and property path.
    expect(v.violatingConstructs[0].constructPath).toBe('Primary/Src/Resource');
    expect(v.violatingConstructs[0].cloudFormationResource.templatePath).toBe('Primary.template.json');
    expect(v.violatingConstructs[0].cloudFormationResource.propertyPaths).toEqual([
      'Properties.ReplicationConfiguration.Rules[0].Destination.Bucket',
    ]);
  });

  test('an escape-hatch override on a compliant construct is caught at synth', () => {
    const app = appWithPack();
    const s = new Stack(app, 'Primary', { env: CENTRAL });
    const b = new s3.Bucket(s, 'Logs');
    (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('NotificationConfiguration.TopicConfigurations', [
      { Event: 's3:ObjectCreated:*', Topic: 'arn:aws:sns:us-east-1:111111111111:t' },
    ]);
    const { error } = synth(app);
    expect(error).toMatch(/arn:aws:sns:us-east-1:111111111111:t/);
  });

  test('acknowledging a residency finding (bare or namespaced, good reason) does not change the outcome', () => {
    const app = appWithPack();
    const s = cdnStack(app);
    Validations.of(s).acknowledge({ id: 'CaResidency::CaResidency-GlobalService', reason: LONG_REASON });
    Validations.of(s).acknowledge({ id: 'CaResidency-GlobalService', reason: LONG_REASON });
    const { error, report } = synth(app);
    expect(error).toMatch(/CaResidency-GlobalService/);
    const ours = ourReport(report);
    expect(ours.violations.map((v: any) => v.ruleName)).toContain('CaResidency-GlobalService');
    expect(ours.suppressedViolations ?? []).toEqual([]);
  });

  test('a valid exemption lets synth pass and is recorded in validation-report.json and in the template', () => {
    const exemption = {
      ruleId: 'CaResidency-GlobalService',
      resource: 'Web/Cdn',
      reason: LONG_REASON,
      expires: EXPIRES,
    };
    const app = appWithPack({ exemptions: [exemption] });
    cdnStack(app);
    const { error, report, outdir } = synth(app);
    expect(error).toBeUndefined();
    const ours = ourReport(report);
    expect(ours.conclusion).toBe('success');
    const v = ours.violations.find((x: any) => x.ruleName === 'CaResidency-GlobalService');
    expect(v.severity).toBe('info');
    expect(v.ruleMetadata).toEqual(
      expect.objectContaining({ exemptionReason: LONG_REASON, exemptionExpires: EXPIRES }),
    );
    expect(JSON.parse(ours.metadata.exemptionsApplied)).toHaveLength(1);
    const policy: RecordedPolicy = templateOf(outdir, 'Web').Metadata[POLICY_METADATA_KEY];
    expect(policy.exemptions).toEqual([exemption]);
    expect(policy.allowedRegions).toEqual(['ca-central-1', 'ca-west-1']);
  });

  test('the same exemption past its expiry date fails synth again', () => {
    const exemption = {
      ruleId: 'CaResidency-GlobalService',
      resource: 'Web/Cdn',
      reason: LONG_REASON,
      expires: '2026-06-30',
    };
    const app = appWithPack({ exemptions: [exemption], evaluationDate: new Date('2026-07-01T00:00:00Z') });
    cdnStack(app);
    const { error } = synth(app);
    expect(error).toMatch(/CaResidency-ExemptionInvalid/);
    expect(error).toMatch(/CaResidency-GlobalService/);
  });

  test('a namespaced acknowledgement with a real reason silences a non-residency finding; CDK records it with its reason', () => {
    const app = appWithPack();
    const s = buildStack(app);
    const reason = 'Build project moves to ca-central-1 in the next release (ticket OPS-42)';
    Validations.of(s).acknowledge({ id: 'CaResidency::CaResidency-RegionAvailability', reason });
    const { error, report, outdir } = synth(app);
    expect(error).toBeUndefined();
    const suppressed = ourReport(report).suppressedViolations;
    expect(suppressed.map((v: any) => [v.ruleName, v.reason])).toEqual([['CaResidency-RegionAvailability', reason]]);
    const policy: RecordedPolicy = templateOf(outdir, 'Tools').Metadata[POLICY_METADATA_KEY];
    expect(policy.acknowledgements).toEqual([
      expect.objectContaining({ id: 'CaResidency::CaResidency-RegionAvailability', reason, constructPath: 'Tools' }),
    ]);
  });

  test('an acknowledgement of a CaResidency rule with a reason under 20 characters fails synth', () => {
    const app = appWithPack();
    const s = buildStack(app);
    Validations.of(s).acknowledge({ id: 'CaResidency::CaResidency-RegionAvailability', reason: 'fine' });
    const { error } = synth(app);
    expect(error).toMatch(/CaResidency-AcknowledgementReason/);
  });

  test('a compliant app synthesizes with no CaResidency report at all', () => {
    const app = appWithPack();
    residentBucket(new Stack(app, 'Primary', { env: CENTRAL }), 'B');
    const { error, report } = synth(app);
    expect(error).toBeUndefined();
    expect(ourReport(report)).toBeUndefined();
  });
});

describe('validateScope', () => {
  test('limits the report to the scope while using the whole app for lookups', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    cdnStack(app);
    const tools = buildStack(app);
    const pack = new CanadianResidencyChecks(app);
    const all = pack.validateScope(app);
    expect(all.success).toBe(false);
    expect(all.violations.map((v) => v.ruleName).sort()).toEqual([
      'CaResidency-GlobalService',
      'CaResidency-RegionAvailability',
    ]);
    const toolsOnly = pack.validateScope(tools);
    expect(toolsOnly.violations.map((v) => v.ruleName)).toEqual(['CaResidency-RegionAvailability']);
  });
});

describe('stages', () => {
  test('stacks inside a Stage are judged from their synthesized templates too', () => {
    const app = appWithPack();
    const stage = new Stage(app, 'Prod', { env: CENTRAL });
    const s = new Stack(stage, 'Data');
    new s3.Bucket(s, 'Plain');
    const { error, report } = synth(app);
    expect(error).toMatch(/CaResidency-EncryptedAtRest/);
    const v = ourReport(report).violations.find((x: any) => x.ruleName === 'CaResidency-EncryptedAtRest');
    expect(v.violatingConstructs[0].constructPath).toBe('Prod/Data/Plain/Resource');
    expect(v.violatingConstructs[0].cloudFormationResource.templatePath).toMatch(/ProdData.*\.template\.json$/);
  });
});
