import { CfnParameter } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { CENTRAL, evaluateApp, newApp, stack } from './support';

const RULE = 'CaResidency-DataExposure';
const app = newApp();
const s = stack(app, 'Primary', CENTRAL);

/** A regional REST API with one method and the given stage options. */
function api(id: string, deployOptions: apigw.StageOptions): apigw.RestApi {
  const a = new apigw.RestApi(s, id, { endpointTypes: [apigw.EndpointType.REGIONAL], deployOptions });
  a.root.addMethod('GET');
  return a;
}

api('TraceOn', { dataTraceEnabled: true });
api('TraceOff', { dataTraceEnabled: false, loggingLevel: apigw.MethodLoggingLevel.INFO });
api('CacheOpen', { cachingEnabled: true, cacheDataEncrypted: false });
api('CacheDefault', { cachingEnabled: true });
api('CacheSealed', { cachingEnabled: true, cacheDataEncrypted: true });
const hatch = api('Hatch', { dataTraceEnabled: false });
(hatch.deploymentStage.node.defaultChild as apigw.CfnStage).addPropertyOverride(
  'MethodSettings.0.DataTraceEnabled',
  true,
);
const traceParam = new CfnParameter(s, 'TraceParam', { type: 'String', default: 'false' });
const param = api('ParamTrace', {});
(param.deploymentStage.node.defaultChild as apigw.CfnStage).addPropertyOverride('MethodSettings', [
  { ResourcePath: '/*', HttpMethod: '*', DataTraceEnabled: traceParam.valueAsString },
]);
const bareCluster = api('BareCluster', {});
(bareCluster.deploymentStage.node.defaultChild as apigw.CfnStage).addPropertyOverride('CacheClusterEnabled', true);

// L1 deployments whose stage description creates the stage.
const l1 = new apigw.CfnRestApi(s, 'L1Api', { name: 'l1', endpointConfiguration: { types: ['REGIONAL'] } });
new apigw.CfnDeployment(s, 'DeployTrace', {
  restApiId: l1.ref,
  stageName: 'a',
  stageDescription: { dataTraceEnabled: true },
});
new apigw.CfnDeployment(s, 'DeployMethodTrace', {
  restApiId: l1.ref,
  stageName: 'b',
  stageDescription: { methodSettings: [{ resourcePath: '/~1Patient', httpMethod: 'POST', dataTraceEnabled: true }] },
});
new apigw.CfnDeployment(s, 'DeployCache', {
  restApiId: l1.ref,
  stageName: 'c',
  stageDescription: { cacheClusterEnabled: true, cachingEnabled: true },
});
new apigw.CfnDeployment(s, 'DeployClean', {
  restApiId: l1.ref,
  stageName: 'd',
  stageDescription: {
    dataTraceEnabled: false,
    cacheClusterEnabled: true,
    cachingEnabled: true,
    cacheDataEncrypted: true,
    loggingLevel: 'INFO',
  },
});
new apigw.CfnDeployment(s, 'DeployPlain', { restApiId: l1.ref, stageName: 'e' });

// WebSocket stages log per route.
const ws = new apigwv2.CfnApi(s, 'Ws', {
  name: 'ws',
  protocolType: 'WEBSOCKET',
  routeSelectionExpression: '$request.body.action',
});
new apigwv2.CfnStage(s, 'WsTrace', { apiId: ws.ref, stageName: 'a', defaultRouteSettings: { dataTraceEnabled: true } });
new apigwv2.CfnStage(s, 'WsRouteTrace', {
  apiId: ws.ref,
  stageName: 'b',
  routeSettings: { $default: { DataTraceEnabled: true } },
});
new apigwv2.CfnStage(s, 'WsQuiet', {
  apiId: ws.ref,
  stageName: 'c',
  defaultRouteSettings: { dataTraceEnabled: false, loggingLevel: 'INFO' },
});

const found = evaluateApp(app).findings.filter((f) => f.ruleId === RULE);
const of = (prefix: string) => found.filter((f) => f.logicalId.startsWith(prefix)).map((f) => f.path);

describe(RULE, () => {
  test('every finding is in the data-exposure category with severity error', () => {
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => `${f.category}/${f.severity}`))).toEqual(new Set(['data-exposure/error']));
  });
  test('Noncompliance 1 (L2): a stage with data trace on', () => {
    expect(of('TraceOnDeploymentStage')).toEqual(['Properties.MethodSettings[0].DataTraceEnabled']);
    expect(found.find((f) => f.logicalId.startsWith('TraceOn'))!.message).toMatch(
      /request and response bodies.*dataTraceEnabled: false/,
    );
  });
  test('Noncompliance 2 (escape hatch): data trace turned on by an override is caught', () => {
    expect(of('HatchDeploymentStage')).toEqual(['Properties.MethodSettings[0].DataTraceEnabled']);
  });
  test('Noncompliance 3 (fail closed): data trace from a parameter is a finding', () => {
    const [f] = found.filter((x) => x.logicalId.startsWith('ParamTraceDeploymentStage'));
    expect(f.message).toMatch(/not resolvable at synth time.*TraceParam/);
  });
  test('Noncompliance 4: a stage cache without encryption, explicit or by default', () => {
    expect(of('CacheOpenDeploymentStage')).toEqual(['Properties.MethodSettings[0].CacheDataEncrypted']);
    expect(of('CacheDefaultDeploymentStage')).toEqual(['Properties.MethodSettings[0].CacheDataEncrypted']);
  });
  test('Noncompliance 5: a cache cluster with no encryption declared anywhere', () => {
    expect(of('BareClusterDeploymentStage')).toEqual(['Properties.CacheClusterEnabled']);
  });
  test('Noncompliance 6 (L1 deployment): stage description data trace, method data trace, unencrypted cache', () => {
    expect(of('DeployTrace')).toEqual(['Properties.StageDescription.DataTraceEnabled']);
    expect(of('DeployMethodTrace')).toEqual(['Properties.StageDescription.MethodSettings[0].DataTraceEnabled']);
    expect(of('DeployCache')).toEqual(['Properties.StageDescription.CacheDataEncrypted']);
  });
  test('Noncompliance 7 (WebSocket): default and per-route data trace', () => {
    expect(of('WsTrace')).toEqual(['Properties.DefaultRouteSettings.DataTraceEnabled']);
    expect(of('WsRouteTrace')).toEqual(['Properties.RouteSettings.$default.DataTraceEnabled']);
  });
  test('Compliance: data trace off with INFO logs, encrypted caches, stages without settings', () => {
    for (const clean of ['TraceOff', 'CacheSealed', 'DeployClean', 'DeployPlain', 'WsQuiet', 'L1Api'])
      expect([clean, of(clean)]).toEqual([clean, []]);
  });
});
