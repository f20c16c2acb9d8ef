import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { CENTRAL, evaluateApp, findingsOf, newApp, stack } from './support';

const RULE = 'CaResidency-GlobalService';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);
const bucket = new s3.Bucket(s, 'Site');

new cloudfront.Distribution(s, 'L2Cdn', {
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
});
new cloudfront.CfnDistribution(s, 'L1Cdn', {
  distributionConfig: {
    enabled: true,
    defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
    origins: [{ id: 'o', domainName: 'example.ca' }],
  },
});
new ga.Accelerator(s, 'Accelerator');
new s3.CfnMultiRegionAccessPoint(s, 'Mrap', { regions: [{ bucket: 'a' }] });
new wafv2.CfnWebACL(s, 'EdgeWaf', {
  scope: 'CLOUDFRONT',
  defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: false, metricName: 'm', sampledRequestsEnabled: false },
});
new wafv2.CfnWebACL(s, 'RegionalWaf', {
  scope: 'REGIONAL',
  defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: false, metricName: 'm', sampledRequestsEnabled: false },
});

const edgeApi = new apigw.RestApi(s, 'EdgeApi');
edgeApi.root.addMethod('GET');
const regionalApi = new apigw.RestApi(s, 'RegionalApi', { endpointTypes: [apigw.EndpointType.REGIONAL] });
regionalApi.root.addMethod('GET');
const hatchApi = new apigw.RestApi(s, 'HatchApi', { endpointTypes: [apigw.EndpointType.REGIONAL] });
hatchApi.root.addMethod('GET');
(hatchApi.node.defaultChild as apigw.CfnRestApi).addPropertyOverride('EndpointConfiguration.Types', ['EDGE']);
new apigw.CfnRestApi(s, 'L1PrivateApi', { name: 'p', endpointConfiguration: { types: ['PRIVATE'] } });

// Global control planes holding no customer data: not findings.
new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

const result = evaluateApp(app);
const found = result.findings.filter((f) => f.ruleId === RULE);
const byId = (id: string) => found.filter((f) => f.logicalId.startsWith(id));

describe('CaResidency-GlobalService', () => {
  test('Noncompliance 1 (L2): a CloudFront distribution fails', () => {
    const [f] = byId('L2Cdn');
    expect(f.resourceType).toBe('AWS::CloudFront::Distribution');
    expect(f.message).toMatch(/edge locations/);
  });
  test('Noncompliance 2 (L1): a CfnDistribution fails', () => {
    expect(byId('L1Cdn')).toHaveLength(1);
  });
  test('Noncompliance 3: Global Accelerator, S3 Multi-Region Access Point, CloudFront-scoped WAF', () => {
    expect(byId('Accelerator')).toHaveLength(1);
    expect(byId('Mrap')).toHaveLength(1);
    expect(byId('EdgeWaf')[0].path).toBe('Properties.Scope');
  });
  test('Noncompliance 4 (L2 default): a REST API without endpoint types is edge-optimized and fails', () => {
    expect(byId('EdgeApi').filter((f) => f.resourceType === 'AWS::ApiGateway::RestApi')).toHaveLength(1);
  });
  test('Noncompliance 5 (escape hatch): overriding a regional API to EDGE is caught', () => {
    expect(byId('HatchApi')[0].path).toBe('Properties.EndpointConfiguration.Types[0]');
  });
  test('Compliance: regional and private APIs, regional WAF, IAM role', () => {
    for (const id of ['RegionalApi', 'L1PrivateApi', 'RegionalWaf', 'Role']) expect(byId(id)).toEqual([]);
  });
});

describe('global control planes', () => {
  test('IAM and Route 53 records are not residency findings', () => {
    const a = newApp();
    const st = stack(a, 'Dns', CENTRAL);
    const z = new route53.PublicHostedZone(st, 'Zone', { zoneName: 'example.ca' });
    new route53.ARecord(st, 'A', { zone: z, target: route53.RecordTarget.fromIpAddresses('10.0.0.1') });
    new iam.ManagedPolicy(st, 'P', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
    });
    expect(findingsOf(a, RULE)).toEqual([]);
    expect(evaluateApp(a).findings).toEqual([]);
  });
});
