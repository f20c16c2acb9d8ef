/**
 * Types that the specification-driven coverage once left as merely "unclassified" (issue 13; Pinpoint to
 * WorkspacesInstances), now judged with findings a user can act on: each with a bad case and a clean look-alike.
 * Plain templates, no synthesis.
 */
import { DATA_PATHS } from '../../lib/policy/data-paths';
import { CfnResourceJson, Finding, evaluateTemplates, ResidencyEngine } from '../../lib/rules';
import { loadSpecIndex } from '../support/cfn-spec';
import { tut } from './support';

const spec = loadSpecIndex();

const AT_REST = 'CaResidency-EncryptedAtRest';
const DESTINATION = 'CaResidency-DataDestination';
const KEY = { 'Fn::GetAtt': ['Key', 'Arn'] };

/** Findings on `Subject` (a resource of `type` with `props`) in ca-central-1, next to a key and a bucket. */
function judge(type: string, props: Record<string, unknown>, extra: Record<string, CfnResourceJson> = {}): Finding[] {
  const t = tut('Primary', 'ca-central-1', {
    Subject: { Type: type, Properties: props },
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Bucket: { Type: 'AWS::S3::Bucket' },
    ...extra,
  });
  return evaluateTemplates([t]).filter((f) => f.logicalId === 'Subject');
}
const rulePaths = (findings: Finding[], rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => f.path);
const rules = (findings: Finding[]) => [...new Set(findings.map((f) => f.ruleId))];

describe('SageMaker', () => {
  const processing = (volumeKey: unknown, output: unknown) => ({
    AppSpecification: { ImageUri: '111111111111.dkr.ecr.ca-central-1.amazonaws.com/proc:1' },
    RoleArn: 'arn:aws:iam::111111111111:role/r',
    ProcessingResources: {
      ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: volumeKey },
    },
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'out', S3Output: { S3Uri: output, LocalPath: '/opt/out' } }] },
  });

  test('Noncompliance: a processing job without a volume key writing to a bucket outside the app', () => {
    const f = judge('AWS::SageMaker::ProcessingJob', processing(undefined, 's3://someone-elses-bucket/out'));
    expect(rulePaths(f, AT_REST)).toEqual(['Properties.ProcessingResources.ClusterConfig.VolumeKmsKeyId']);
    expect(rulePaths(f, DESTINATION)).toEqual(['Properties.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri']);
    expect(rules(f)).not.toContain('CaResidency-Unclassified');
  });
  test('Compliance: a processing job with a customer key writing to a bucket of the stack', () => {
    const f = judge('AWS::SageMaker::ProcessingJob', processing(KEY, { 'Fn::Sub': 's3://${Bucket}/out' }));
    expect(rulePaths(f, AT_REST)).toEqual([]);
    expect(rulePaths(f, DESTINATION)).toEqual([]);
  });

  const group = (configs: unknown[]) => ({
    InstanceGroups: [
      {
        InstanceGroupName: 'workers',
        InstanceType: 'ml.g5.xlarge',
        InstanceCount: 2,
        ExecutionRole: 'arn:aws:iam::111111111111:role/r',
        InstanceStorageConfigs: configs,
      },
    ],
  });
  test('Noncompliance: a HyperPod cluster whose root volume keeps the AWS owned key and whose data volume has no key', () => {
    const f = judge('AWS::SageMaker::Cluster', group([{ EbsVolumeConfig: { VolumeSizeInGB: 500 } }]));
    expect(rulePaths(f, AT_REST)).toEqual([
      'Properties.InstanceGroups[0].InstanceStorageConfigs',
      'Properties.InstanceGroups[0].InstanceStorageConfigs[0].EbsVolumeConfig.VolumeKmsKeyId',
    ]);
    expect(f.find((x) => x.path === 'Properties.InstanceGroups[0].InstanceStorageConfigs')?.message).toMatch(
      /RootVolume: true/,
    );
  });
  test('Compliance: root and data volumes both with a customer key', () => {
    const f = judge(
      'AWS::SageMaker::Cluster',
      group([
        { EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: KEY } },
        { EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: KEY } },
      ]),
    );
    expect(rulePaths(f, AT_REST)).toEqual([]);
  });

  test('a monitoring schedule with an inline job definition needs a volume key; one naming a job definition does not', () => {
    const inline = judge('AWS::SageMaker::MonitoringSchedule', {
      MonitoringScheduleName: 's',
      MonitoringScheduleConfig: {
        MonitoringJobDefinition: {
          MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 20 } },
          MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: { 'Fn::Sub': 's3://${Bucket}/r' } } }] },
        },
      },
    });
    expect(rulePaths(inline, AT_REST)).toEqual([
      'Properties.MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.VolumeKmsKeyId',
    ]);
    expect(rulePaths(inline, DESTINATION)).toEqual([]);
    const named = judge('AWS::SageMaker::MonitoringSchedule', {
      MonitoringScheduleName: 's',
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'quality', MonitoringType: 'DataQuality' },
    });
    expect(named).toEqual([]);
  });

  test('a notebook Git repository outside AWS is a finding; a CodeCommit repository in Canada is not', () => {
    const github = judge('AWS::SageMaker::CodeRepository', {
      GitConfig: { RepositoryUrl: 'https://github.com/a/b.git' },
    });
    expect(rulePaths(github, DESTINATION)).toEqual(['Properties.GitConfig.RepositoryUrl']);
    const codecommit = judge('AWS::SageMaker::CodeRepository', {
      GitConfig: { RepositoryUrl: 'https://git-codecommit.ca-central-1.amazonaws.com/v1/repos/notebooks' },
    });
    expect(codecommit).toEqual([]);
  });

  test('Noncompliance: a model package without its own key; Compliance: with a customer key', () => {
    expect(rulePaths(judge('AWS::SageMaker::ModelPackage', {}), AT_REST)).toEqual([
      'Properties.SecurityConfig.KmsKeyId',
    ]);
    expect(judge('AWS::SageMaker::ModelPackage', { SecurityConfig: { KmsKeyId: KEY } })).toEqual([]);
  });

  test('reviewed types (pipeline, project, inference component) are not stopped as unclassified', () => {
    for (const type of ['AWS::SageMaker::Pipeline', 'AWS::SageMaker::Project', 'AWS::SageMaker::InferenceComponent'])
      expect([type, judge(type, {})]).toEqual([type, []]);
  });
});

describe('Transfer Family', () => {
  const server = (logs: unknown[]) => ({
    Protocols: ['SFTP'],
    SecurityPolicyName: 'TransferSecurityPolicy-2024-01',
    StructuredLogDestinations: logs,
  });
  const group = { Group: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: KEY } } };
  test('Noncompliance: a server logging transfers to a log group in another region', () => {
    const f = judge('AWS::Transfer::Server', server(['arn:aws:logs:us-east-1:111111111111:log-group:transfers']));
    expect(rulePaths(f, DESTINATION)).toEqual(['Properties.StructuredLogDestinations[0]']);
  });
  test('Compliance: a server logging to a log group of the stack', () => {
    const f = judge('AWS::Transfer::Server', server([{ 'Fn::GetAtt': ['Group', 'Arn'] }]), group);
    expect(rules(f)).toEqual([]);
  });

  test('a connector to a partner outside AWS is a finding unless the partner is declared', () => {
    const props = { Url: 'sftp://sftp.partner.example.ca', AccessRole: 'arn:aws:iam::111111111111:role/r' };
    expect(rulePaths(judge('AWS::Transfer::Connector', props), DESTINATION)).toEqual(['Properties.Url']);
    const declared = new ResidencyEngine({
      declaredDestinations: [
        {
          destination: 'sftp.partner.example.ca',
          region: 'ca-central-1',
          reason: 'Partner SFTP in Toronto (contract 12)',
        },
      ],
    }).evaluate([tut('Primary', 'ca-central-1', { Subject: { Type: 'AWS::Transfer::Connector', Properties: props } })]);
    expect(declared.findings.filter((f) => f.ruleId === DESTINATION)).toEqual([]);
  });

  test('a workflow copying uploads to a bucket outside the app is a finding; to a bucket of the stack it is not', () => {
    const copyTo = (bucket: unknown) => ({
      Steps: [
        {
          Type: 'COPY',
          CopyStepDetails: { DestinationFileLocation: { S3FileLocation: { Bucket: bucket, Key: 'in/' } } },
        },
      ],
    });
    expect(rulePaths(judge('AWS::Transfer::Workflow', copyTo('partner-archive')), DESTINATION)).toEqual([
      'Properties.Steps[0].CopyStepDetails.DestinationFileLocation.S3FileLocation.Bucket',
    ]);
    expect(judge('AWS::Transfer::Workflow', copyTo({ Ref: 'Bucket' }))).toEqual([]);
  });
});

describe('S3 Tables, S3 Vectors, S3 Files', () => {
  test('a table is encrypted with its table bucket (judged there): no finding of its own', () => {
    expect(
      judge('AWS::S3Tables::Table', {
        TableBucketARN: 'arn:aws:s3tables:ca-central-1:111111111111:bucket/b',
        Namespace: 'n',
        TableName: 't',
        OpenTableFormat: 'ICEBERG',
      }),
    ).toEqual([]);
  });
  test('a vector index that inherits its bucket encryption passes; one overriding it with SSE-S3 fails', () => {
    const base = { VectorBucketName: 'vectors', DataType: 'float32', Dimension: 256, DistanceMetric: 'cosine' };
    expect(judge('AWS::S3Vectors::Index', base)).toEqual([]);
    expect(
      rulePaths(judge('AWS::S3Vectors::Index', { ...base, EncryptionConfiguration: { SseType: 'AES256' } }), AT_REST),
    ).toEqual(['Properties.EncryptionConfiguration.SseType']);
  });
  test('an S3 Files file system needs a customer key', () => {
    const props = { Bucket: 'arn:aws:s3:::b', RoleArn: 'arn:aws:iam::111111111111:role/r' };
    expect(rulePaths(judge('AWS::S3Files::FileSystem', props), AT_REST)).toEqual(['Properties.KmsKeyId']);
    expect(judge('AWS::S3Files::FileSystem', { ...props, KmsKeyId: KEY })).toEqual([]);
  });
});

describe('analytics, security and messaging destinations', () => {
  const rds = (host: string) => ({
    AwsAccountId: '111111111111',
    DataSourceId: 'd',
    Name: 'd',
    Type: 'POSTGRESQL',
    DataSourceParameters: { PostgreSqlParameters: { Host: host, Port: 5432, Database: 'clinic' } },
  });
  test('a QuickSight data source reading a database in another region is a finding; in Canada it is not', () => {
    expect(
      rulePaths(judge('AWS::QuickSight::DataSource', rds('db.abc123.us-east-1.rds.amazonaws.com')), DESTINATION),
    ).toEqual(['Properties.DataSourceParameters.PostgreSqlParameters.Host']);
    expect(judge('AWS::QuickSight::DataSource', rds('db.abc123.ca-central-1.rds.amazonaws.com'))).toEqual([]);
  });

  test('a QuickSight data source that turns SSL off is an in-transit finding; one that keeps the default is not', () => {
    const host = 'db.abc123.ca-central-1.rds.amazonaws.com';
    expect(
      rulePaths(
        judge('AWS::QuickSight::DataSource', { ...rds(host), SslProperties: { DisableSsl: true } }),
        'CaResidency-EncryptedInTransit',
      ),
    ).toEqual(['Properties.SslProperties.DisableSsl']);
    expect(judge('AWS::QuickSight::DataSource', { ...rds(host), SslProperties: { DisableSsl: false } })).toEqual([]);
  });

  test('a Security Lake subscriber notified at a third-party endpoint is a finding', () => {
    const f = judge('AWS::SecurityLake::SubscriberNotification', {
      SubscriberArn: 'arn:aws:securitylake:ca-central-1:111111111111:subscriber/s',
      NotificationConfiguration: { HttpsNotificationConfiguration: { Endpoint: 'https://siem.example.com/hook' } },
    });
    expect(rulePaths(f, DESTINATION)).toEqual([
      'Properties.NotificationConfiguration.HttpsNotificationConfiguration.Endpoint',
    ]);
  });
  test('a Security Hub connector to Jira Cloud sends findings outside AWS', () => {
    const f = judge('AWS::SecurityHub::ConnectorV2', { Name: 'jira', Provider: { JiraCloud: { ProjectKey: 'SEC' } } });
    expect(rulePaths(f, DESTINATION)).toEqual(['Properties.Provider.JiraCloud.ProjectKey']);
  });

  const rule = (action: Record<string, unknown>) => ({ Rules: [{ Name: 'r', Actions: [action] }] });
  test('a Mail Manager rule redirecting mail to an outside address is a finding; archiving to a bucket of the stack is not', () => {
    expect(
      rulePaths(
        judge('AWS::SES::MailManagerRuleSet', rule({ ReplaceRecipient: { ReplaceWith: ['records@example.com'] } })),
        DESTINATION,
      ),
    ).toEqual(['Properties.Rules[0].Actions[0].ReplaceRecipient.ReplaceWith[0]']);
    expect(
      judge(
        'AWS::SES::MailManagerRuleSet',
        rule({ WriteToS3: { S3Bucket: { Ref: 'Bucket' }, RoleArn: 'arn:aws:iam::111111111111:role/r' } }),
      ),
    ).toEqual([]);
  });

  test('an SMS configuration set sending events to a topic in another region is a finding', () => {
    const f = judge('AWS::SMSVOICE::ConfigurationSet', {
      EventDestinations: [
        {
          EventDestinationName: 'e',
          Enabled: true,
          MatchingEventTypes: ['ALL'],
          SnsDestination: { TopicArn: 'arn:aws:sns:us-west-2:111111111111:sms-events' },
        },
      ],
    });
    expect(rulePaths(f, DESTINATION)).toEqual(['Properties.EventDestinations[0].SnsDestination.TopicArn']);
  });
});

describe('QuickSight analyses and dashboards', () => {
  const urlAction = (url: string) => ({
    Definition: {
      Sheets: [
        {
          SheetId: 's',
          Visuals: [
            {
              TableVisual: {
                VisualId: 'v',
                Actions: [
                  {
                    CustomActionId: 'a',
                    Name: 'open record',
                    Trigger: 'DATA_POINT_MENU',
                    ActionOperations: [{ URLOperation: { URLTemplate: url, URLTarget: 'NEW_TAB' } }],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  });
  test('a URL action carrying clicked values to a site outside AWS is a finding', () => {
    const f = judge('AWS::QuickSight::Dashboard', urlAction('https://crm.example.com/patients?id=<<$patientId>>'));
    expect(rulePaths(f, DESTINATION)).toEqual([
      'Properties.Definition.Sheets[0].Visuals[0].TableVisual.Actions[0].ActionOperations[0].URLOperation.URLTemplate',
    ]);
  });
  test('a URL action to an API of the Canadian region is not', () => {
    const internal = 'https://abc123.execute-api.ca-central-1.amazonaws.com/prod/records?id=<<$patientId>>';
    expect(judge('AWS::QuickSight::Analysis', urlAction(internal))).toEqual([]);
  });
  test('every visual kind with custom actions in the specification is catalogued', () => {
    const kinds = (spec.paths.get('AWS::QuickSight::Dashboard') ?? [])
      .map((path) => /^Definition\.Sheets\[\]\.Visuals\[\]\.(\w+)\.Actions$/.exec(path)?.[1])
      .filter((k): k is string => k !== undefined);
    expect(kinds.length).toBeGreaterThan(20);
    const catalogued = DATA_PATHS['AWS::QuickSight::Dashboard'].map((dp) => dp.path);
    for (const kind of kinds)
      expect(catalogued).toContain(
        `Definition.Sheets[].Visuals[].${kind}.Actions[].ActionOperations[].URLOperation.URLTemplate`,
      );
  });
});

describe('WorkSpaces instances and Alexa', () => {
  test('a WorkSpaces instance must declare an encrypted root volume with a customer key', () => {
    expect(rulePaths(judge('AWS::WorkspacesInstances::WorkspaceInstance', { ManagedInstance: {} }), AT_REST)).toEqual([
      'Properties.ManagedInstance.BlockDeviceMappings',
    ]);
    const encrypted = {
      ManagedInstance: { BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { Encrypted: true, KmsKeyId: KEY } }] },
    };
    expect(judge('AWS::WorkspacesInstances::WorkspaceInstance', encrypted)).toEqual([]);
  });
  test('an Alexa skill sends voice interactions to the Alexa service, outside AWS regions', () => {
    const f = judge('Alexa::ASK::Skill', { VendorId: 'M1ABCDEF', SkillPackage: { S3Bucket: 'b', S3Key: 'k' } });
    expect(f.map((x) => [x.ruleId, x.path])).toEqual([[DESTINATION, 'Properties.VendorId']]);
  });
});
