import * as fs from 'fs';
import * as path from 'path';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { CanadianResidencyChecks } from '../../lib/nag';
import { CENTRAL, residentBucket, stack } from '../rules/support';
import { runCli, tmpApp, tmpDir } from './support';

// The ways an API front door exposes patient data, each reported by the engine in its own category through both
// front ends: the cdk-nag pack (validateScope) and `ca-residency check` over the synthesized assembly.

const app = tmpApp();
const s = stack(app, 'Front', CENTRAL);
const cert = acm.Certificate.fromCertificateArn(
  s,
  'Cert',
  'arn:aws:acm:ca-central-1:111111111111:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
);

function restApi(id: string, props: apigw.RestApiProps): void {
  new apigw.RestApi(s, id, { disableExecuteApiEndpoint: true, ...props }).root.addMethod('GET');
}
restApi('EdgeApi', { endpointTypes: [apigw.EndpointType.EDGE] });
restApi('RegionalApi', { endpointTypes: [apigw.EndpointType.REGIONAL] });
restApi('TraceApi', { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { dataTraceEnabled: true } });
restApi('QuietApi', { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions: { dataTraceEnabled: false } });
new apigw.DomainName(s, 'OldTlsDomain', {
  domainName: 'old.example.ca',
  certificate: cert,
  endpointType: apigw.EndpointType.REGIONAL,
  securityPolicy: apigw.SecurityPolicy.TLS_1_0,
});
new apigw.DomainName(s, 'Tls12Domain', {
  domainName: 'api.example.ca',
  certificate: cert,
  endpointType: apigw.EndpointType.REGIONAL,
  securityPolicy: apigw.SecurityPolicy.TLS_1_2,
});
new apigw.DomainName(s, 'EdgeDomain', {
  domainName: 'edge.example.ca',
  certificate: acm.Certificate.fromCertificateArn(
    s,
    'EdgeCert',
    'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  ),
  endpointType: apigw.EndpointType.EDGE,
  securityPolicy: apigw.SecurityPolicy.TLS_1_2,
});
new cloudfront.Distribution(s, 'Cdn', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(residentBucket(s, 'Site')) },
});
app.synth();

/** `ruleId category logicalId` of what each front end reports. */
const pack = new CanadianResidencyChecks(app)
  .validateScope(app)
  .violations.map((v) => `${v.ruleName} ${v.ruleMetadata?.category} ${v.ruleMetadata?.logicalId}`)
  .sort();
const cli = runCli(['check', app.outdir, '--format', 'json']);
const checked = (JSON.parse(cli.stdout).findings as any[])
  .map((f) => `${f.ruleId} ${f.category} ${f.logicalId}`)
  .sort();

const about = (keys: string[], prefix: string) => [
  ...new Set(keys.filter((k) => k.split(' ')[2].startsWith(prefix)).map((k) => k.split(' ').slice(0, 2).join(' '))),
];

describe('API front door findings, in the pack and in check', () => {
  test('both front ends report the same findings, and check exits 1', () => {
    expect(cli.code).toBe(1);
    expect(checked).toEqual(pack);
  });

  test.each([
    ['an EDGE API', 'EdgeApi', 'CaResidency-GlobalService residency'],
    ['a CloudFront distribution', 'Cdn', 'CaResidency-GlobalService residency'],
    ['an EDGE custom domain', 'EdgeDomain', 'CaResidency-GlobalService residency'],
    ['data-trace logging on a stage', 'TraceApiDeploymentStage', 'CaResidency-DataExposure data-exposure'],
    ['a TLS 1.0 custom domain', 'OldTlsDomain', 'CaResidency-EncryptedInTransit encryption-in-transit'],
  ])('%s is a finding in its category', (_what, prefix, expected) => {
    expect(about(pack, prefix)).toContain(expected);
    expect(about(checked, prefix)).toContain(expected);
  });

  test.each([
    ['a REGIONAL API with its default endpoint disabled', 'RegionalApi'],
    ['a stage with data trace off', 'QuietApi'],
    ['a TLS_1_2 custom domain', 'Tls12Domain'],
  ])('%s is not flagged', (_what, prefix) => {
    expect(about(pack, prefix)).toEqual([]);
    expect(about(checked, prefix)).toEqual([]);
  });
});

describe('an exempted CloudFront distribution (public content without personal information)', () => {
  const exemption = {
    ruleId: 'CaResidency-GlobalService',
    resource: 'Front/Cdn',
    reason: 'Public brochure site without personal information, privacy office ticket PRIV-204',
    expires: '2099-12-31',
  };
  const exemptedKeys = (findings: { ruleId: string; logicalId: string }[]) =>
    findings.filter((f) => f.logicalId.startsWith('Cdn')).map((f) => f.ruleId);

  test('is exempted, not a finding, in the pack and in check; the EDGE API stays a finding', () => {
    const result = new CanadianResidencyChecks(undefined, { exemptions: [exemption] }).evaluateScope(app);
    expect(exemptedKeys(result.exempted.map((e) => e.finding))).toEqual(['CaResidency-GlobalService']);
    expect(exemptedKeys(result.findings).filter((id) => id === 'CaResidency-GlobalService')).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.logicalId}`)).toContainEqual(
      expect.stringMatching(/^CaResidency-GlobalService EdgeApi/),
    );

    const file = path.join(tmpDir(), 'exemptions.json');
    fs.writeFileSync(file, JSON.stringify([exemption]));
    const out = JSON.parse(runCli(['check', app.outdir, '--exemptions', file, '--format', 'json']).stdout);
    expect(exemptedKeys(out.findings).filter((id: string) => id === 'CaResidency-GlobalService')).toEqual([]);
    // The text format lists what an exemption let through.
    expect(runCli(['check', app.outdir, '--exemptions', file]).stdout).toMatch(
      /EXEMPT\s+CaResidency-GlobalService\s+Front\/Cdn/,
    );
  });
});
