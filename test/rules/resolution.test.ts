import { evaluateTemplates, Finding } from '../../lib/rules';
import { tut } from './support';

/** Findings of one rule over a single plain template (no CDK), account unknown as in a hand-written template. */
function judge(
  resources: Parameters<typeof tut>[2],
  parameters: Record<string, unknown> = {},
  ruleId?: string,
): Finding[] {
  const findings = evaluateTemplates([tut('Plain', 'ca-central-1', resources, { Parameters: parameters }, undefined)]);
  return ruleId ? findings.filter((f) => f.ruleId === ruleId) : findings;
}

const copyTo = (arn: unknown) => ({
  Plan: {
    Type: 'AWS::Backup::BackupPlan',
    Properties: {
      BackupPlan: {
        BackupPlanName: 'p',
        BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', CopyActions: [{ DestinationBackupVaultArn: arn }] }],
      },
    },
  },
});
const BACKUP = 'CaResidency-BackupCopyDestination';

describe('pseudo parameters keep an otherwise literal ARN readable', () => {
  test('Fn::Sub with ${AWS::Partition} and ${AWS::AccountId}: a copy to ca-west-1 is resident', () => {
    expect(
      judge(
        copyTo({ 'Fn::Sub': 'arn:${AWS::Partition}:backup:ca-west-1:${AWS::AccountId}:backup-vault:x' }),
        {},
        BACKUP,
      ),
    ).toEqual([]);
  });
  test('the Fn::Join equivalent is resident too', () => {
    const join = {
      'Fn::Join': [
        ':',
        ['arn', { Ref: 'AWS::Partition' }, 'backup', 'ca-west-1', { Ref: 'AWS::AccountId' }, 'backup-vault', 'x'],
      ],
    };
    expect(judge(copyTo(join), {}, BACKUP)).toEqual([]);
  });
  test('the same form naming us-west-2 is still a finding', () => {
    const [f] = judge(
      copyTo({ 'Fn::Sub': 'arn:${AWS::Partition}:backup:us-west-2:${AWS::AccountId}:backup-vault:x' }),
      {},
      BACKUP,
    );
    expect(f.message).toMatch(/region 'us-west-2', outside Canada/);
  });
});

describe('parameters narrowed by their constraints', () => {
  const regionParam = (values: string[]) => ({ DrRegion: { Type: 'String', AllowedValues: values } });
  const copyToParamRegion = copyTo({
    'Fn::Sub': 'arn:${AWS::Partition}:backup:${DrRegion}:${AWS::AccountId}:backup-vault:x',
  });
  const table = (region: unknown) => ({
    Table: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [{ Region: region }] } },
  });

  test('AllowedValues that are all allowed regions resolve as Canadian', () => {
    expect(judge(copyToParamRegion, regionParam(['ca-central-1', 'ca-west-1']), BACKUP)).toEqual([]);
    expect(
      judge(
        table({ Ref: 'DrRegion' }),
        regionParam(['ca-central-1', 'ca-west-1']),
        'CaResidency-DynamoDBReplicaRegion',
      ),
    ).toEqual([]);
  });
  test('one foreign allowed value is enough for a finding naming it', () => {
    const [f] = judge(copyToParamRegion, regionParam(['ca-west-1', 'us-east-1']), BACKUP);
    expect(f.message).toMatch(/us-east-1/);
    expect(
      judge(table({ Ref: 'DrRegion' }), regionParam(['ca-west-1', 'us-east-1']), 'CaResidency-DynamoDBReplicaRegion'),
    ).toHaveLength(1);
  });
  test('a region parameter without AllowedValues fails closed', () => {
    const [f] = judge(
      table({ Ref: 'DrRegion' }),
      { DrRegion: { Type: 'String', Default: 'ca-west-1' } },
      'CaResidency-DynamoDBReplicaRegion',
    );
    expect(f.message).toMatch(/parameter 'DrRegion'/);
  });
  test('an SSM-backed parameter is not narrowed by AllowedValues', () => {
    const ssm = {
      DrRegion: { Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['ca-west-1', 'ca-central-1'] },
    };
    expect(judge(table({ Ref: 'DrRegion' }), ssm, 'CaResidency-DynamoDBReplicaRegion')).toHaveLength(1);
  });

  const key = (window: unknown) => ({
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, PendingWindowInDays: window } },
  });
  test('MinValue 7 bounds a PendingWindowInDays parameter: fine', () => {
    expect(
      judge(
        key({ Ref: 'Window' }),
        { Window: { Type: 'Number', MinValue: 7, MaxValue: 30 } },
        'CaResidency-KeyManagement',
      ),
    ).toEqual([]);
  });
  test('no MinValue, or one below 7, is a finding', () => {
    expect(
      judge(key({ Ref: 'Window' }), { Window: { Type: 'Number', MaxValue: 30 } }, 'CaResidency-KeyManagement'),
    ).toHaveLength(1);
    expect(
      judge(key({ Ref: 'Window' }), { Window: { Type: 'Number', MinValue: '3' } }, 'CaResidency-KeyManagement'),
    ).toHaveLength(1);
  });

  const volume = (encrypted: unknown) => ({
    Volume: {
      Type: 'AWS::EC2::Volume',
      Properties: { Size: 8, AvailabilityZone: 'ca-central-1a', Encrypted: encrypted, KmsKeyId: 'alias/data' },
    },
  });
  test('an encryption switch whose AllowedValues are all "on" is on', () => {
    expect(
      judge(
        volume({ Ref: 'Enc' }),
        { Enc: { Type: 'String', AllowedValues: ['true'] } },
        'CaResidency-EncryptedAtRest',
      ),
    ).toEqual([]);
    expect(
      judge(
        volume({ Ref: 'Enc' }),
        { Enc: { Type: 'String', AllowedValues: ['true', 'false'] } },
        'CaResidency-EncryptedAtRest',
      ),
    ).toHaveLength(1);
  });
});

describe('dynamic references and imports cannot be proven', () => {
  test('a key read from SSM at deploy time fails closed', () => {
    const queue = {
      Queue: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: '{{resolve:ssm:/platform/queue-key}}' } },
    };
    const [f] = judge(queue, {}, 'CaResidency-EncryptedAtRest');
    expect(f.message).toMatch(/dynamic reference '\{\{resolve:ssm:\/platform\/queue-key\}\}'/);
  });
  test('a dynamic reference assembled by Fn::Sub or Fn::Join is read at deploy time too, not a literal', () => {
    const keyFrom = (value: unknown) =>
      judge(
        { Queue: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: value } } },
        {},
        'CaResidency-EncryptedAtRest',
      );
    expect(keyFrom({ 'Fn::Sub': '{{resolve:ssm:/platform/${AWS::Region}/queue-key}}' })[0]?.message).toMatch(
      /dynamic reference '\{\{resolve:ssm:\/platform\/ca-central-1\/queue-key\}\}'/,
    );
    expect(
      keyFrom({ 'Fn::Join': ['', ['{{resolve:ssm:/platform/', { Ref: 'AWS::Region' }, '/queue-key}}']] }),
    ).toHaveLength(1);
    // Around a value not known now (a parameter), the reference cannot be read at all.
    expect(keyFrom({ 'Fn::Sub': '{{resolve:ssm:/platform/${Stage}/queue-key}}' })).toHaveLength(1);
  });
  test('a copy destination from Secrets Manager or from an import no stack of the app exports fails closed', () => {
    expect(judge(copyTo('{{resolve:secretsmanager:dr-vault}}'), {}, BACKUP)).toHaveLength(1);
    expect(judge(copyTo({ 'Fn::ImportValue': 'DrVaultArn' }), {}, BACKUP)[0].message).toMatch(/exported by no stack/);
  });
  test('a password from Secrets Manager is not a place: no finding', () => {
    const secret = {
      Db: {
        Type: 'AWS::RDS::DBCluster',
        Properties: {
          Engine: 'aurora-postgresql',
          MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}',
          StorageEncrypted: true,
          KmsKeyId: 'alias/db',
        },
      },
    };
    expect(judge(secret, {}).filter((f) => f.category === 'residency')).toEqual([]);
  });
});

describe('references in the region walk', () => {
  const RESIDENT = 'CaResidency-ResidentRegion';
  const target = { Type: 'AWS::SQS::Queue', Properties: {} };
  const user = (ref: unknown) => ({ Type: 'Custom::Forwarder', Properties: { ServiceToken: 'x', TargetArn: ref } });

  test('a Ref or Fn::GetAtt of a resource of the stack under an ARN key names nothing foreign', () => {
    expect(judge({ Target: target, Fwd: user({ Ref: 'Target' }) }, {}, RESIDENT)).toEqual([]);
    expect(judge({ Target: target, Fwd: user({ 'Fn::GetAtt': ['Target', 'Arn'] }) }, {}, RESIDENT)).toEqual([]);
    expect(judge({ Target: target, Fwd: user({ 'Fn::GetAtt': 'Target.Arn' }) }, {}, RESIDENT)).toEqual([]);
  });

  test('a parameter of the same name wins over the resource in Ref: its ARN cannot be resolved, a finding', () => {
    const findings = judge({ Target: target, Fwd: user({ Ref: 'Target' }) }, { Target: { Type: 'String' } }, RESIDENT);
    expect(findings.map((f) => [f.logicalId, f.path])).toEqual([['Fwd', 'Properties.TargetArn']]);
    expect(findings[0].message).toMatch(/ARN whose region cannot be resolved/);
  });

  test('a reference to nothing in the stack is still a finding', () => {
    const findings = judge({ Fwd: user({ 'Fn::GetAtt': ['Missing', 'Arn'] }) }, {}, RESIDENT);
    expect(findings.map((f) => f.path)).toEqual(['Properties.TargetArn']);
  });
});
