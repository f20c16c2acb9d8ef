import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as kinesisanalytics from 'aws-cdk-lib/aws-kinesisanalyticsv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { classifyType } from '../../lib/policy/encryption-catalogue';
import { CfnTemplate, evaluateTemplates, Finding, ResidencyEngine } from '../../lib/rules';
import { cmk, conditionsLeftToDeploy, evaluateApp, newApp, residentBucket, stack, tut } from './support';

/**
 * Types once stopped only as unclassified (issue 13, EC2 … OpsWorks of the spec-coverage backlog), now judged for
 * what they are: data stores by CaResidency-EncryptedAtRest, data paths by CaResidency-DataDestination. The
 * catalogue tables (EncryptedAtRestCatalogue, DataDestinationsCatalogue) cover every entry; these are the common
 * cases, each with a clean look-alike.
 */
const AT_REST = 'CaResidency-EncryptedAtRest';
const DESTINATION = 'CaResidency-DataDestination';
const UNCLASSIFIED = 'CaResidency-Unclassified';

const LOCAL: CfnTemplate['Resources'] = {
  Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
  LocalBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'records-ca-central-1' } },
  LocalFn: { Type: 'AWS::Lambda::Function' },
  LocalGroup: { Type: 'AWS::Logs::LogGroup' },
  GlueSecurity: { Type: 'AWS::Glue::SecurityConfiguration' },
};

function judge(
  type: string,
  properties: Record<string, unknown>,
  options: Parameters<typeof evaluateTemplates>[1] = {},
  extra: Partial<CfnTemplate> = {},
): Finding[] {
  const t = tut('Primary', 'ca-central-1', { ...LOCAL, Subject: { Type: type, Properties: properties } }, extra);
  return evaluateTemplates([t], options).filter((f) => f.logicalId === 'Subject');
}
const ids = (findings: Finding[], rule: string) => findings.filter((f) => f.ruleId === rule);
const paths = (findings: Finding[], rule: string) => ids(findings, rule).map((f) => f.path);

describe('data paths', () => {
  test('a Client VPN endpoint whose connection handler is a function in us-east-1 is a residency finding', () => {
    const f = judge('AWS::EC2::ClientVpnEndpoint', {
      ClientConnectOptions: { Enabled: true, LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:h' },
    });
    expect(paths(f, DESTINATION)).toEqual(['Properties.ClientConnectOptions.LambdaFunctionArn']);
    expect(ids(f, UNCLASSIFIED)).toEqual([]);
  });
  test('clean: a handler of the stack, connection logs to a log group named (always of its own region)', () => {
    const f = judge('AWS::EC2::ClientVpnEndpoint', {
      ClientConnectOptions: { Enabled: true, LambdaFunctionArn: { 'Fn::GetAtt': ['LocalFn', 'Arn'] } },
      ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: { Ref: 'LogGroupName' } },
    });
    expect(f).toEqual([]);
  });

  test('Lex: audio logs to a bucket outside the app and a replica in us-east-1 are findings; ca-west-1 is not', () => {
    const f = judge('AWS::Lex::Bot', {
      Replication: { ReplicaRegions: ['ca-west-1', 'us-east-1'] },
      TestBotAliasSettings: {
        ConversationLogSettings: {
          AudioLogSettings: [
            { Enabled: true, Destination: { S3Bucket: { S3BucketArn: 'arn:aws:s3:::someone-elses-audio' } } },
          ],
          TextLogSettings: [
            {
              Enabled: true,
              Destination: { CloudWatch: { CloudWatchLogGroupArn: { 'Fn::GetAtt': ['LocalGroup', 'Arn'] } } },
            },
          ],
        },
      },
    });
    expect(paths(f, DESTINATION).sort()).toEqual([
      'Properties.Replication.ReplicaRegions[1]',
      'Properties.TestBotAliasSettings.ConversationLogSettings.AudioLogSettings[0].Destination.S3Bucket.S3BucketArn',
    ]);
    // Lex V2 encrypts what it stores and offers no customer key for it: classified, not an at-rest finding.
    expect(ids(f, AT_REST)).toEqual([]);
    expect(ids(f, UNCLASSIFIED)).toEqual([]);
  });
  test('Lex: a bot using a foundation model of us-east-1 sends user utterances there', () => {
    const f = judge('AWS::Lex::Bot', {
      BotLocales: [
        {
          LocaleId: 'en_US',
          Intents: [
            {
              Name: 'Ask',
              QnAIntentConfiguration: {
                BedrockModelConfiguration: {
                  ModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2',
                },
              },
            },
          ],
        },
      ],
    });
    expect(paths(f, DESTINATION)).toEqual([
      'Properties.BotLocales[0].Intents[0].QnAIntentConfiguration.BedrockModelConfiguration.ModelArn',
    ]);
  });
  test('Lex: a model ARN naming a cross-Region inference profile sends utterances out of Canada; a Canadian model does not', () => {
    const bot = (modelArn: string) =>
      judge('AWS::Lex::Bot', {
        BotLocales: [
          {
            LocaleId: 'en_US',
            Intents: [{ Name: 'Ask', QnAIntentConfiguration: { BedrockModelConfiguration: { ModelArn: modelArn } } }],
          },
        ],
      });
    // The profile's ARN carries the caller's region, but the profile routes requests to other regions.
    expect(
      paths(
        bot('arn:aws:bedrock:ca-central-1:111111111111:inference-profile/us.anthropic.claude-3-haiku'),
        DESTINATION,
      ),
    ).toHaveLength(1);
    expect(paths(bot('arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-v2'), DESTINATION)).toEqual([]);
  });
  test('Lex alias: text logs to a log group of us-west-2 are a finding; a code hook of the stack is not', () => {
    const f = judge('AWS::Lex::BotAlias', {
      BotId: 'b',
      BotAliasName: 'live',
      BotAliasLocaleSettings: [
        {
          LocaleId: 'en_US',
          BotAliasLocaleSetting: {
            Enabled: true,
            CodeHookSpecification: {
              LambdaCodeHook: { CodeHookInterfaceVersion: '1.0', LambdaArn: { 'Fn::GetAtt': ['LocalFn', 'Arn'] } },
            },
          },
        },
      ],
      ConversationLogSettings: {
        TextLogSettings: [
          {
            Enabled: true,
            Destination: { CloudWatch: { CloudWatchLogGroupArn: 'arn:aws:logs:us-west-2:111111111111:log-group:g' } },
          },
        ],
      },
    });
    expect(paths(f, DESTINATION)).toEqual([
      'Properties.ConversationLogSettings.TextLogSettings[0].Destination.CloudWatch.CloudWatchLogGroupArn',
    ]);
    expect(ids(f, UNCLASSIFIED)).toEqual([]);
  });

  test('a scheduled Logs Insights query writing results to a bucket outside the app is a finding', () => {
    const f = judge('AWS::Logs::ScheduledQuery', {
      DestinationConfiguration: { S3Configuration: { DestinationIdentifier: 's3://someone-elses-bucket/results' } },
    });
    expect(paths(f, DESTINATION)).toEqual([
      'Properties.DestinationConfiguration.S3Configuration.DestinationIdentifier',
    ]);
  });
  test('clean: query results to a bucket of the app', () => {
    const f = judge('AWS::Logs::ScheduledQuery', {
      DestinationConfiguration: { S3Configuration: { DestinationIdentifier: 's3://records-ca-central-1/results' } },
    });
    expect(f).toEqual([]);
  });

  test('a Kendra data source sending documents to an enrichment function of eu-west-1 is a finding', () => {
    const f = judge('AWS::Kendra::DataSource', {
      CustomDocumentEnrichmentConfiguration: {
        PreExtractionHookConfiguration: {
          LambdaArn: 'arn:aws:lambda:eu-west-1:111111111111:function:enrich',
          S3Bucket: 'records-ca-central-1',
        },
      },
    });
    expect(paths(f, DESTINATION)).toEqual([
      'Properties.CustomDocumentEnrichmentConfiguration.PreExtractionHookConfiguration.LambdaArn',
    ]);
  });

  test('a MediaConnect output to an address outside AWS fails closed; declared, it passes and is recorded', () => {
    const props = { FlowArn: 'arn:aws:mediaconnect:ca-central-1:111111111111:flow:f', Destination: '203.0.113.10' };
    const bad = judge('AWS::MediaConnect::FlowOutput', props);
    expect(ids(bad, DESTINATION).map((x) => x.message)).toEqual([expect.stringMatching(/outside AWS/)]);
    const declaredDestinations = [
      {
        destination: '203.0.113.10',
        region: 'ca-central-1',
        reason: 'Playout server in the Montreal studio (runbook 12)',
      },
    ];
    const result = new ResidencyEngine({ declaredDestinations }).evaluate([
      tut('Primary', 'ca-central-1', { Subject: { Type: 'AWS::MediaConnect::FlowOutput', Properties: props } }),
    ]);
    expect(result.findings.filter((x) => x.logicalId === 'Subject')).toEqual([]);
    expect(result.declaredDestinations?.map((d) => [d.logicalId, d.path])).toEqual([
      ['Subject', 'Properties.Destination'],
    ]);
  });
  test('log centralization to us-east-1 is a finding; its source regions are where logs come from, not a finding', () => {
    const rule = (Region: string) => ({
      RuleName: 'central',
      Rule: {
        Source: { Regions: ['us-east-1', 'ca-west-1'] },
        Destination: {
          Region,
          Account: '111111111111',
          DestinationLogsConfiguration: {
            LogsEncryptionConfiguration: { EncryptionStrategy: 'CUSTOMER_MANAGED', KmsKeyArn: { Ref: 'Key' } },
          },
        },
      },
    });
    const bad = judge('AWS::ObservabilityAdmin::OrganizationCentralizationRule', rule('us-east-1'));
    expect(bad.map((f) => `${f.ruleId} ${f.path}`)).toEqual([`${DESTINATION} Properties.Rule.Destination.Region`]);
    expect(judge('AWS::ObservabilityAdmin::OrganizationCentralizationRule', rule('ca-central-1'))).toEqual([]);
  });
  test('an ad decision server outside AWS receives viewer session data: a finding', () => {
    const f = judge('AWS::MediaTailor::PlaybackConfiguration', {
      Name: 'p',
      VideoContentSourceUrl: 'https://origin.example.com',
      AdDecisionServerUrl: 'https://ads.example.com/vast?session=[session.id]',
    });
    expect(paths(f, DESTINATION)).toEqual(['Properties.AdDecisionServerUrl']);
  });
});

describe('data stores', () => {
  test('a Glue development endpoint without a security configuration is an at-rest finding', () => {
    expect(paths(judge('AWS::Glue::DevEndpoint', { RoleArn: 'r' }), AT_REST)).toEqual([
      'Properties.SecurityConfiguration',
    ]);
  });
  test('clean: a development endpoint under a security configuration of the stack', () => {
    expect(
      ids(judge('AWS::Glue::DevEndpoint', { RoleArn: 'r', SecurityConfiguration: { Ref: 'GlueSecurity' } }), AT_REST),
    ).toEqual([]);
  });
  test('a Glue ML transform whose user data encryption is DISABLED is a finding; SSE-KMS with a key is not', () => {
    const mode = (m: string) => ({
      TransformEncryption: { MLUserDataEncryption: { MLUserDataEncryptionMode: m, KmsKeyId: { Ref: 'Key' } } },
    });
    expect(paths(judge('AWS::Glue::MLTransform', mode('DISABLED')), AT_REST)).toEqual([
      'Properties.TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode',
    ]);
    expect(ids(judge('AWS::Glue::MLTransform', mode('SSE-KMS')), AT_REST)).toEqual([]);
  });
  test('a Glue catalog with data lake access stages data: without KmsKey it is a finding, with one it passes', () => {
    const catalog = (access: Record<string, unknown>) => ({
      Name: 'lake',
      CatalogProperties: { DataLakeAccessProperties: { DataLakeAccess: true, ...access } },
    });
    const settings = {
      Settings: {
        Type: 'AWS::Glue::DataCatalogEncryptionSettings',
        Properties: {
          CatalogId: '111111111111',
          DataCatalogEncryptionSettings: {
            EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: { Ref: 'Key' } },
          },
        },
      },
    };
    const run = (props: Record<string, unknown>) =>
      evaluateTemplates([
        tut('Primary', 'ca-central-1', {
          ...LOCAL,
          ...settings,
          Subject: { Type: 'AWS::Glue::Catalog', Properties: props },
        }),
      ]).filter((f) => f.logicalId === 'Subject' && f.ruleId === AT_REST);
    expect(run(catalog({})).map((f) => f.path)).toEqual([
      'Properties.CatalogProperties.DataLakeAccessProperties.KmsKey',
    ]);
    expect(run(catalog({ KmsKey: { 'Fn::GetAtt': ['Key', 'Arn'] } }))).toEqual([]);
    expect(run({ Name: 'plain' })).toEqual([]);
  });
  test('a Lightsail instance cannot use a customer key: the finding names the alternative', () => {
    expect(
      ids(judge('AWS::Lightsail::Instance', { InstanceName: 'i', BlueprintId: 'b', BundleId: 'micro' }), AT_REST).map(
        (f) => f.message,
      ),
    ).toEqual([expect.stringMatching(/cannot be encrypted at rest with a customer-managed key\. Use an EC2 instance/)]);
  });
  test('EMR Studio: workspaces backed up without a key of the client, to a bucket outside the app', () => {
    const f = judge('AWS::EMR::Studio', { DefaultS3Location: 's3://someone-elses-bucket/studio' });
    expect(paths(f, AT_REST)).toEqual(['Properties.EncryptionKeyArn']);
    expect(paths(f, DESTINATION)).toEqual(['Properties.DefaultS3Location']);
  });
  test('clean: EMR Studio with a key and a bucket of the stack', () => {
    const f = judge('AWS::EMR::Studio', {
      DefaultS3Location: 's3://records-ca-central-1/studio',
      EncryptionKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] },
    });
    expect([...ids(f, AT_REST), ...ids(f, DESTINATION)]).toEqual([]);
  });
  test('a Flink application on the AWS owned key is a finding naming KeyType; a customer key is not', () => {
    const enc = (KeyType: string, KeyId?: unknown) => ({
      RuntimeEnvironment: 'FLINK-1_20',
      ServiceExecutionRole: 'r',
      ApplicationConfiguration: { ApplicationEncryptionConfiguration: { KeyType, KeyId } },
    });
    expect(paths(judge('AWS::KinesisAnalyticsV2::Application', enc('AWS_OWNED_KEY')), AT_REST)).toEqual([
      'Properties.ApplicationConfiguration.ApplicationEncryptionConfiguration.KeyType',
    ]);
    expect(
      ids(judge('AWS::KinesisAnalyticsV2::Application', enc('CUSTOMER_MANAGED_KEY', { Ref: 'Key' })), AT_REST),
    ).toEqual([]);
  });
  test('an EC2 fleet override declaring an unencrypted volume is a finding; an override without volumes is not', () => {
    const fleet = (override: Record<string, unknown>) => ({
      TargetCapacitySpecification: { TotalTargetCapacity: 1 },
      LaunchTemplateConfigs: [
        { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '1' }, Overrides: [override] },
      ],
    });
    const bad = judge(
      'AWS::EC2::EC2Fleet',
      fleet({ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false } }] }),
    );
    expect(paths(bad, AT_REST)).toEqual([
      'Properties.LaunchTemplateConfigs[0].Overrides[0].BlockDeviceMappings[0].Ebs.Encrypted',
    ]);
    expect(ids(judge('AWS::EC2::EC2Fleet', fleet({ InstanceType: 'm7g.large' })), AT_REST)).toEqual([]);
  });
  test('fleet configurations that are not a literal list fail closed', () => {
    const f = judge('AWS::EC2::EC2Fleet', {
      TargetCapacitySpecification: { TotalTargetCapacity: 1 },
      LaunchTemplateConfigs: { Ref: 'FleetConfigs' },
    });
    expect(ids(f, AT_REST).map((x) => x.message)).toEqual([expect.stringMatching(/not a literal list/)]);
  });
  test('fleet configurations chosen by a condition: the branch with an unencrypted volume is the finding', () => {
    const unencrypted = {
      LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '1' },
      Overrides: [{ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false } }] }],
    };
    const f = judge(
      'AWS::EC2::EC2Fleet',
      {
        TargetCapacitySpecification: { TotalTargetCapacity: 1 },
        LaunchTemplateConfigs: { 'Fn::If': ['Big', [unencrypted], []] },
      },
      {},
      conditionsLeftToDeploy('Big'),
    );
    expect(ids(f, AT_REST).map((x) => [x.path, x.message.endsWith('(when condition Big is true)')])).toEqual([
      ['Properties.LaunchTemplateConfigs[0].Overrides[0].BlockDeviceMappings[0].Ebs.Encrypted', true],
    ]);
  });
  test('Spot Fleet launch specifications cannot choose a customer key; launch templates are judged on their own', () => {
    const specs = judge('AWS::EC2::SpotFleet', {
      SpotFleetRequestConfigData: {
        IamFleetRole: 'r',
        TargetCapacity: 1,
        LaunchSpecifications: [
          {
            ImageId: 'ami-1',
            InstanceType: 'm7g.large',
            BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true } }],
          },
        ],
      },
    });
    expect(ids(specs, AT_REST).map((x) => x.message)).toEqual([
      expect.stringMatching(/cannot select a customer-managed key/),
    ]);
    const templates = judge('AWS::EC2::SpotFleet', {
      SpotFleetRequestConfigData: {
        IamFleetRole: 'r',
        TargetCapacity: 1,
        LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '1' } }],
      },
    });
    expect(ids(templates, AT_REST)).toEqual([]);
  });
  test('OpsWorks layer volumes are a finding even when encrypted (aws/ebs only); a layer without volumes is not', () => {
    const layer = (extra: Record<string, unknown>) => ({
      StackId: 's',
      Name: 'n',
      Shortname: 'n',
      Type: 'custom',
      ...extra,
    });
    const encrypted = judge(
      'AWS::OpsWorks::Layer',
      layer({ VolumeConfigurations: [{ Encrypted: true, MountPoint: '/d', NumberOfDisks: 1, Size: 10 }] }),
    );
    expect(paths(encrypted, AT_REST)).toEqual(['Properties.VolumeConfigurations[0]']);
    expect(ids(judge('AWS::OpsWorks::Layer', layer({})), AT_REST)).toEqual([]);
  });
});

test('a Kafka Connect connector reaching its cluster in plaintext is an in-transit finding; TLS is not', () => {
  const connector = (EncryptionType: string) => ({
    ConnectorName: 'c',
    KafkaClusterEncryptionInTransit: { EncryptionType },
    KafkaCluster: { ApacheKafkaCluster: { BootstrapServers: 'b-1.c.kafka.ca-central-1.amazonaws.com:9098' } },
  });
  expect(
    paths(judge('AWS::KafkaConnect::Connector', connector('PLAINTEXT')), 'CaResidency-EncryptedInTransit'),
  ).toEqual(['Properties.KafkaClusterEncryptionInTransit.EncryptionType']);
  expect(judge('AWS::KafkaConnect::Connector', connector('TLS'))).toEqual([]);
});

describe('through CDK (L1 constructs, one app)', () => {
  const app = newApp();
  const s = stack(app, 'Primary');
  const key = cmk(s, 'StudioKey');
  const bucket = residentBucket(s, 'StudioBucket');
  new emr.CfnStudio(s, 'CleanStudio', {
    name: 'clean',
    authMode: 'IAM',
    defaultS3Location: bucket.s3UrlForObject('studio'),
    encryptionKeyArn: key.keyArn,
    engineSecurityGroupId: 'sg-1',
    workspaceSecurityGroupId: 'sg-2',
    serviceRole: 'arn:aws:iam::111111111111:role/studio',
    subnetIds: ['subnet-1'],
    vpcId: 'vpc-1',
  });
  new emr.CfnStudio(s, 'BareStudio', {
    name: 'bare',
    authMode: 'IAM',
    defaultS3Location: 's3://someone-elses-bucket/studio',
    engineSecurityGroupId: 'sg-1',
    workspaceSecurityGroupId: 'sg-2',
    serviceRole: 'arn:aws:iam::111111111111:role/studio',
    subnetIds: ['subnet-1'],
    vpcId: 'vpc-1',
  });
  const handler = lambda.Function.fromFunctionArn(s, 'UsHandler', 'arn:aws:lambda:us-east-1:111111111111:function:h');
  new ec2.CfnClientVpnEndpoint(s, 'Vpn', {
    clientCidrBlock: '10.100.0.0/16',
    serverCertificateArn: 'arn:aws:acm:ca-central-1:111111111111:certificate/c',
    authenticationOptions: [
      {
        type: 'certificate-authentication',
        mutualAuthentication: { clientRootCertificateChainArn: 'arn:aws:acm:ca-central-1:111111111111:certificate/r' },
      },
    ],
    connectionLogOptions: { enabled: false },
    clientConnectOptions: { enabled: true, lambdaFunctionArn: handler.functionArn },
  });
  new kinesisanalytics.CfnApplication(s, 'Flink', {
    runtimeEnvironment: 'FLINK-1_20',
    serviceExecutionRole: 'arn:aws:iam::111111111111:role/flink',
    applicationConfiguration: {
      applicationEncryptionConfiguration: { keyType: 'CUSTOMER_MANAGED_KEY', keyId: key.keyArn },
    },
  });
  const findings = evaluateApp(app).findings;
  const of = (id: string) => findings.filter((f) => f.logicalId.startsWith(id)).map((f) => `${f.ruleId} ${f.path}`);

  test('the studio with a key and a bucket of the app passes; the bare one fails at rest and as residency', () => {
    expect(of('CleanStudio')).toEqual([]);
    expect(of('BareStudio').sort()).toEqual([
      `${DESTINATION} Properties.DefaultS3Location`,
      `${AT_REST} Properties.EncryptionKeyArn`,
    ]);
  });
  test('the VPN endpoint sends connection requests to a handler in us-east-1', () => {
    expect(of('Vpn')).toEqual([`${DESTINATION} Properties.ClientConnectOptions.LambdaFunctionArn`]);
  });
  test('the Flink application with a customer key of the stack passes', () => {
    expect(of('Flink')).toEqual([]);
  });
});

test('none of these types is stopped as unclassified any more', () => {
  const types = [
    'AWS::EC2::ClientVpnEndpoint',
    'AWS::EMR::Studio',
    'AWS::KinesisAnalyticsV2::Application',
    'AWS::Lex::Bot',
    'AWS::Lex::BotAlias',
    'AWS::Logs::ScheduledQuery',
    'AWS::MediaConnect::FlowOutput',
    'AWS::OpsWorks::Stack',
  ];
  expect(types.filter((t) => classifyType(t).kind === 'unclassified')).toEqual([]);
});
