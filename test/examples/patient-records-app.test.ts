import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import { buildPatientRecordsApp, EXAMPLE_CONTEXT } from '../../examples/patient-records/patient-records-app';
import { PATIENT_MODEL_SCHEMA } from '../../examples/patient-records/fhir/patient-handler';
import { CanadianResidencyChecks } from '../../lib/nag';
import { reportFromAssembly } from '../../lib/report/assembly-report';
import { API_GATEWAY_POLICIES } from '../../lib/policy/tls-security-policies';
import { runCli, tmpDir } from '../check/support';
import { cdkJsonContext } from '../support/cdk-app';
import { asArray, CfnResource, CfnTemplate, referencedLogicalId, resourcesOfType } from '../support/template-queries';

// The patient-records example synthesized once for this file (as `npm run synth:example` does: three packs), then
// judged from its templates: what a reviewer of the FHIR front door needs to see, and that no pack finds anything.

const ROOT = join(__dirname, '..', '..');
const outdir = tmpDir('ca-residency-example-');
const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-path-metadata': true } });
const { primary } = buildPatientRecordsApp(app);
const assembly = app.synth();
const templates = Object.fromEntries(assembly.stacks.map((s) => [s.stackName, s.template as CfnTemplate]));
const primaryTemplate = templates[primary.stackName];
const all = (type: string) =>
  Object.entries(templates).flatMap(([stack, t]) => resourcesOfType(t, type).map(([id, r]) => ({ stack, id, r })));
const inPrimary = (type: string) => resourcesOfType(primaryTemplate, type);
const resource = (id: string | undefined): CfnResource => {
  const r = id === undefined ? undefined : primaryTemplate.Resources[id];
  if (!r) throw new Error(`no resource ${id} in ${primary.stackName}`);
  return r;
};

/** Every logical id a value refers to (Ref / Fn::GetAtt anywhere inside it, e.g. in an Fn::Join). */
function referencesIn(value: unknown): string[] {
  const direct = referencedLogicalId(value);
  if (direct) return [direct];
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
  return [];
}

/** A log group of the primary stack encrypted with a KMS key created in that stack (a customer-managed key). */
function expectCmkLogGroup(logicalId: string | undefined): void {
  const group = resource(logicalId);
  expect(group.Type).toBe('AWS::Logs::LogGroup');
  const key = referencedLogicalId(group.Properties!.KmsKeyId);
  expect({ logicalId, keyType: key && primaryTemplate.Resources[key]?.Type }).toEqual({
    logicalId,
    keyType: 'AWS::KMS::Key',
  });
}

/** The FHIR API's REST API: the one with a /Patient resource. */
const patientResource = inPrimary('AWS::ApiGateway::Resource').find(([, r]) => r.Properties!.PathPart === 'Patient');
const restApiId = referencedLogicalId(patientResource?.[1].Properties!.RestApiId);
const restApi = resource(restApiId);
const [stageId, stage] = inPrimary('AWS::ApiGateway::Stage').find(
  ([, s]) => referencedLogicalId(s.Properties!.RestApiId) === restApiId,
)!;

describe('the FHIR front door of the synthesized example', () => {
  test('the example has REST APIs, each REGIONAL or PRIVATE, and no CloudFront distribution', () => {
    const apis = all('AWS::ApiGateway::RestApi');
    expect(apis.length).toBeGreaterThan(0);
    for (const { id, r } of apis) {
      const types = asArray(r.Properties!.EndpointConfiguration?.Types);
      expect({ id, types }).toEqual({ id, types: [expect.stringMatching(/^(REGIONAL|PRIVATE)$/)] });
    }
    expect(restApi.Properties!.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    expect(all('AWS::CloudFront::Distribution')).toEqual([]);
  });

  test('the default execute-api endpoint is disabled, and the API itself allows TLS 1.2+ only', () => {
    expect(restApi.Properties!.DisableExecuteApiEndpoint).toBe(true);
    expect(API_GATEWAY_POLICIES.minimumTls[restApi.Properties!.SecurityPolicy]).toBeGreaterThanOrEqual(1.2);
  });

  test('the custom domain is REGIONAL with a TLS 1.2+ security policy, a certificate of ca-central-1, mapped to the stage', () => {
    const domains = all('AWS::ApiGateway::DomainName');
    expect(domains.length).toBeGreaterThan(0);
    for (const { id, r } of domains) {
      const policy = r.Properties!.SecurityPolicy as string;
      expect({ id, policy, min: API_GATEWAY_POLICIES.minimumTls[policy] >= 1.2 }).toEqual({ id, policy, min: true });
      expect(r.Properties!.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    }
    const [domainId, domain] = inPrimary('AWS::ApiGateway::DomainName')[0];
    expect(domain.Properties!.DomainName).toBe('fhir.patient-records.example');
    // The placeholder domain gets a DNS-validated certificate of the stack's own region (no account needed at synth).
    const certificate = resource(referencedLogicalId(domain.Properties!.RegionalCertificateArn));
    expect(certificate.Type).toBe('AWS::CertificateManager::Certificate');
    expect(certificate.Properties).toMatchObject({
      DomainName: 'fhir.patient-records.example',
      ValidationMethod: 'DNS',
    });
    const mappings = inPrimary('AWS::ApiGateway::BasePathMapping').map(([, m]) => m.Properties!);
    expect(mappings).toEqual([
      expect.objectContaining({
        DomainName: { Ref: domainId },
        RestApiId: { Ref: restApiId },
        Stage: { Ref: stageId },
      }),
    ]);
  });

  test('a regional web ACL is associated with the stage, logging in ca-central-1 to a CMK-encrypted log group', () => {
    const association = inPrimary('AWS::WAFv2::WebACLAssociation').find(([, a]) =>
      referencesIn(a.Properties!.ResourceArn).includes(stageId),
    );
    expect(association).toBeDefined();
    const aclId = referencedLogicalId(association![1].Properties!.WebACLArn);
    const acl = resource(aclId);
    expect(acl.Type).toBe('AWS::WAFv2::WebACL');
    expect(acl.Properties!.Scope).toBe('REGIONAL');
    const logging = inPrimary('AWS::WAFv2::LoggingConfiguration').find(
      ([, l]) => referencedLogicalId(l.Properties!.ResourceArn) === aclId,
    );
    expect(logging).toBeDefined();
    const [destination] = logging![1].Properties!.LogDestinationConfigs as string[];
    const [, , service, region, , kind, name] = destination.split(':');
    expect({ service, region, kind }).toEqual({ service: 'logs', region: 'ca-central-1', kind: 'log-group' });
    const group = inPrimary('AWS::Logs::LogGroup').find(([, g]) => g.Properties!.LogGroupName === name);
    expect(group).toBeDefined();
    expectCmkLogGroup(group![0]);
  });

  test('access logs are JSON, in a CMK-encrypted log group; the execution log group is CMK-encrypted too', () => {
    const access = stage.Properties!.AccessLogSetting;
    expect(Object.keys(JSON.parse(access.Format as string))).toEqual(
      expect.arrayContaining(['requestId', 'resourcePath', 'status']),
    );
    expect(access.Format).not.toMatch(/\$context\.(path|requestOverride|responseOverride)|\$input/);
    const [accessGroup] = referencesIn(access.DestinationArn);
    expectCmkLogGroup(accessGroup);
    const execution = inPrimary('AWS::Logs::LogGroup').find(([, g]) =>
      JSON.stringify(g.Properties!.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    );
    expect(referencesIn(execution?.[1].Properties!.LogGroupName)).toEqual([restApiId]);
    expectCmkLogGroup(execution![0]);
  });

  test('data trace is off on every stage, deployment and method setting of the example', () => {
    const settings = [
      ...all('AWS::ApiGateway::Stage').flatMap(({ id, r }) =>
        asArray<Record<string, unknown>>(r.Properties!.MethodSettings).map((s) => ({ id, s })),
      ),
      ...all('AWS::ApiGateway::Deployment').flatMap(({ id, r }) => {
        const sd = r.Properties!.StageDescription as Record<string, unknown> | undefined;
        return sd
          ? [
              { id, s: sd },
              ...asArray(sd.MethodSettings as Record<string, unknown>[] | undefined).map((s) => ({ id, s })),
            ]
          : [];
      }),
    ];
    expect(settings.length).toBeGreaterThan(0);
    for (const { id, s } of settings) expect({ id, dataTrace: s.DataTraceEnabled }).toEqual({ id, dataTrace: false });
    expect(all('AWS::ApiGatewayV2::Stage')).toEqual([]);
  });

  test('every alarm of the example names a runbook file that exists', () => {
    const alarms = all('AWS::CloudWatch::Alarm');
    expect(alarms.filter((a) => a.stack === primary.stackName && a.id.startsWith('FhirApi')).length).toBe(4);
    for (const { stack, id, r } of alarms) {
      const runbook = /Runbook: (docs\/runbooks\/[a-z0-9-]+\.md)/.exec(String(r.Properties!.AlarmDescription))?.[1];
      expect({ stack, id, runbook, exists: runbook !== undefined && existsSync(join(ROOT, runbook)) }).toEqual({
        stack,
        id,
        runbook: expect.any(String),
        exists: true,
      });
    }
  });
});

describe('the FHIR routes and their function', () => {
  const methods = inPrimary('AWS::ApiGateway::Method').filter(
    ([, m]) => referencedLogicalId(m.Properties!.RestApiId) === restApiId,
  );
  const method = (verb: string) => methods.find(([, m]) => m.Properties!.HttpMethod === verb)![1].Properties!;
  const [functionId, fn] = inPrimary('AWS::Lambda::Function').find(([id]) => id.startsWith('FhirApiFunction'))!;

  test('GET /Patient/{id} and POST /Patient, IAM-authorized and validated, proxied to the function', () => {
    expect(methods.map(([, m]) => m.Properties!.HttpMethod).sort()).toEqual(['GET', 'POST']);
    const idResource = resource(referencedLogicalId(method('GET').ResourceId));
    expect(idResource.Properties!.PathPart).toBe('{id}');
    expect(referencedLogicalId(idResource.Properties!.ParentId)).toBe(patientResource![0]);
    expect(referencedLogicalId(method('POST').ResourceId)).toBe(patientResource![0]);
    for (const verb of ['GET', 'POST']) {
      const m = method(verb);
      expect(m.AuthorizationType).toBe('AWS_IAM');
      expect(m.Integration.Type).toBe('AWS_PROXY');
      expect(referencesIn(m.Integration.Uri)).toEqual([functionId]);
      const validator = resource(referencedLogicalId(m.RequestValidatorId));
      expect(validator.Properties).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
    }
  });

  test('POST bodies are validated at the gateway against the Patient model, whatever their content type', () => {
    const models = method('POST').RequestModels as Record<string, unknown>;
    expect(Object.keys(models)).toEqual(['$default']);
    const model = resource(referencedLogicalId(models.$default));
    const { $schema, ...schema } = model.Properties!.Schema;
    expect($schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema).toEqual(JSON.parse(JSON.stringify(PATIENT_MODEL_SCHEMA)));
    // A body the gateway refuses is answered as a FHIR OperationOutcome too.
    const [, response] = inPrimary('AWS::ApiGateway::GatewayResponse').find(
      ([, g]) => g.Properties!.ResponseType === 'BAD_REQUEST_BODY',
    )!;
    expect(JSON.parse(response.Properties!.ResponseTemplates['application/json']).resourceType).toBe(
      'OperationOutcome',
    );
  });

  test("the function runs in the isolated subnets of the baseline's hosting VPC", () => {
    type StackOutputRef = { 'Fn::GetStackOutput': { StackName: string; Region: string; OutputName: string } };
    const subnets = asArray<StackOutputRef>(fn.Properties!.VpcConfig.SubnetIds).map((s) => s['Fn::GetStackOutput']);
    expect(subnets).toHaveLength(3);
    // Cross-stack references: outputs of the baseline stack of the same region, each a Ref to one of its subnets.
    const baselineName = subnets[0].StackName;
    const baseline = assembly.getStackByName(baselineName);
    expect(baseline.environment.region).toBe('ca-central-1');
    const baselineTemplate = baseline.template as CfnTemplate & { Outputs: Record<string, { Value: unknown }> };
    const [vpcId] = resourcesOfType(baselineTemplate, 'AWS::EC2::VPC').map(([id]) => id);
    for (const s of subnets) {
      expect({ stack: s.StackName, region: s.Region }).toEqual({ stack: baselineName, region: 'ca-central-1' });
      const subnet = baselineTemplate.Resources[referencedLogicalId(baselineTemplate.Outputs[s.OutputName].Value)!];
      expect(subnet.Type).toBe('AWS::EC2::Subnet');
      expect(referencedLogicalId(subnet.Properties!.VpcId)).toBe(vpcId);
      expect(subnet.Properties!.Tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: 'Isolated' });
    }
  });

  test('its environment and log group are encrypted with the workload keys; the table name is all the environment holds', () => {
    expect(resource(referencedLogicalId(fn.Properties!.KmsKeyArn)).Type).toBe('AWS::KMS::Key');
    expect(Object.keys(fn.Properties!.Environment.Variables)).toEqual(['PATIENTS_TABLE']);
    expectCmkLogGroup(referencedLogicalId(fn.Properties!.LoggingConfig.LogGroup));
  });

  test('its bundle runs on its own (the SDK inside, no node_modules) and refuses to start without its table', () => {
    // The asset staged in the assembly: `asset.<hash>`, uploaded as `<hash>.zip`.
    const hash = String(fn.Properties!.Code.S3Key).replace(/\.zip$/, '');
    const entry = join(outdir, `asset.${hash}`, 'index.js');
    expect(existsSync(entry)).toBe(true);
    const load = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-e', `console.log(typeof require(${JSON.stringify(entry)}).handler)`], {
        cwd: outdir,
        env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ca-central-1', ...env },
        encoding: 'utf8',
      });
    expect(load({ PATIENTS_TABLE: 'patient-records-patients' }).stdout.trim()).toBe('function');
    const missing = load({});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('PATIENTS_TABLE is not set');
  });

  test('its role may only get and put items of the patients table (no scan, query, update or delete)', () => {
    const roleId = referencedLogicalId(fn.Properties!.Role);
    const policies = inPrimary('AWS::IAM::ManagedPolicy').filter(([, p]) =>
      asArray(p.Properties!.Roles).some((r) => referencedLogicalId(r) === roleId),
    );
    expect(resource(roleId).Properties!.Policies).toBeUndefined();
    expect(inPrimary('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p).includes(roleId!))).toEqual([]);
    const statements = policies.flatMap(([, p]) => p.Properties!.PolicyDocument.Statement as Record<string, any>[]);
    const dynamo = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect(asArray(dynamo[0].Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    const table = resource(referencesIn(dynamo[0].Resource)[0]);
    expect(table.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(table.Properties!.TableName).toBe('patient-records-patients');
    expect(fn.Properties!.Environment.Variables.PATIENTS_TABLE).toEqual({ Ref: referencesIn(dynamo[0].Resource)[0] });
  });
});

describe('the three packs and check', () => {
  test('CaResidency finds nothing to flag, exempt or acknowledge', () => {
    const result = new CanadianResidencyChecks().evaluateScope(app);
    expect(result.findings.map((f) => `${f.ruleId} ${f.stackName}/${f.logicalId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.exempted).toEqual([]);
    expect(result.acknowledged).toEqual([]);
  });

  test('AwsSolutions and HIPAA.Security leave no unacknowledged finding (the validation report of the synth)', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
    };
    const byPack = Object.fromEntries(report.pluginReports.map((p) => [p.pluginName, p]));
    for (const pack of ['AwsSolutions', 'HIPAA.Security']) {
      expect({ pack, conclusion: byPack[pack]?.conclusion, violations: byPack[pack]?.violations }).toEqual({
        pack,
        conclusion: 'success',
        violations: [],
      });
    }
  });

  test('ca-residency check exits 0 on the synthesized example', () => {
    const out = runCli(['check', outdir]);
    expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^0 finding\(s\) in \d+ resource\(s\) of 4 template\(s\)/m);
  });
});

describe("the example's residency report", () => {
  test('shows no finding and the data-exposure control met by the FHIR stage', () => {
    const report = reportFromAssembly(outdir, { evaluationDate: new Date('2026-12-06T00:00:00Z') });
    expect(report.summary.findings).toBe(0);
    expect(report.controls.find((c) => c.id === 'data-exposure')).toMatchObject({
      status: 'met',
      evidence:
        '1 of 1 API stage(s) with data trace off and no unencrypted cache; 0 data-exposure finding(s), 0 exempted',
    });
  });
});

describe('the example context', () => {
  test.each([
    [{ [EXAMPLE_CONTEXT.fhirDomainName]: 'FHIR.Example.org' }, /patientRecords:fhirDomainName is "FHIR.Example.org"/],
    [
      { [EXAMPLE_CONTEXT.fhirCertificateArn]: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' },
      /patientRecords:fhirCertificateArn is .*us-east-1.*ca-central-1/,
    ],
  ])('a bad value fails synth naming the context key (%j)', (context, message) => {
    expect(() => buildPatientRecordsApp(new App({ context: { ...cdkJsonContext(), ...context } }))).toThrow(message);
  });
});
