import { App, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ResidentFileSystem } from '../../../constructs/resident-file-system';
import { ResidentTable } from '../../../constructs/resident-table';
import { CfnTemplate, resourcesOfType } from '../../support/template-queries';
import {
  acknowledgementsUnder,
  backupCopyRegions,
  newWorkloadApp,
  regionBase,
  regionHosting,
  runbookOf,
  unacknowledgedFindingsOfThreePacks,
} from '../../support/workload-stack';

// One app for the file: a table replicated to ca-west-1 and a file system, in the primary region.
const app = newWorkloadApp();
const base = regionBase(app, 'Records', 'ca-central-1', ['dynamodb', 'elasticfilesystem']);
const { network, backupPlan } = regionHosting(base, 'ca-west-1');
const clients = new ec2.SecurityGroup(base.stack, 'Clients', {
  vpc: network.vpc,
  description: 'application tasks',
  allowAllOutbound: false,
});
const table = new ResidentTable(base.stack, 'Encounters', {
  alerting: base.alerting,
  encryptionKey: base.dataKey.key,
  backupPlan,
  tableName: 'encounters',
  partitionKey: { name: 'patientId', type: dynamodb.AttributeType.STRING },
  sortKey: { name: 'encounterId', type: dynamodb.AttributeType.STRING },
  replicas: [{ region: 'ca-west-1', keyAlias: 'alias/records-data' }],
  contributorInsights: true,
});
const files = new ResidentFileSystem(base.stack, 'Scans', {
  alerting: base.alerting,
  encryptionKey: base.dataKey.key,
  backupPlan,
  vpc: network.vpc,
  allowedPeers: [clients],
  fileSystemName: 'scans',
  accessPoints: [{ id: 'Radiology', path: '/radiology', posixUser: { uid: '1001', gid: '1001' } }],
});
const template = app.synth().getStackByName(base.stack.stackName).template as CfnTemplate;
const keyArn = { 'Fn::GetAtt': [base.stack.getLogicalId(base.dataKey.key.node.defaultChild as kms.CfnKey), 'Arn'] };
const tableId = base.stack.getLogicalId(table.table.node.defaultChild as dynamodb.CfnGlobalTable);
const fsId = base.stack.getLogicalId(files.fileSystem.node.defaultChild as efs.CfnFileSystem);
const globalTable = template.Resources[tableId];
const fileSystem = template.Resources[fsId];

describe('ResidentTable and ResidentFileSystem, built with their defaults', () => {
  test('pass AwsSolutions, HIPAA.Security and CaResidency with no finding and no acknowledgement', () => {
    expect(unacknowledgedFindingsOfThreePacks(app)).toEqual([]);
    expect([table, files].flatMap(acknowledgementsUnder)).toEqual([]);
  });

  test('the table is encrypted with the ca-central-1 key, and its ca-west-1 replica with a ca-west-1 key', () => {
    expect(globalTable.Properties?.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const replicas = globalTable.Properties?.Replicas as any[];
    expect(replicas.map((r) => r.Region).sort()).toEqual(['ca-central-1', 'ca-west-1']);
    const central = replicas.find((r) => r.Region === 'ca-central-1');
    const west = replicas.find((r) => r.Region === 'ca-west-1');
    expect(central.SSESpecification.KMSMasterKeyId).toEqual(keyArn);
    expect(JSON.stringify(west.SSESpecification.KMSMasterKeyId)).toContain(
      ':kms:ca-west-1:111122223333:alias/records-data',
    );
  });

  test('every replica has point-in-time recovery (35 days), deletion protection and contributor insights; the table is retained', () => {
    expect(globalTable.DeletionPolicy).toBe('Retain');
    for (const replica of globalTable.Properties?.Replicas as any[]) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: 35,
      });
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(replica.ContributorInsightsSpecification).toEqual({ Enabled: true });
    }
  });

  test('the file system is encrypted with the key of its region and retained', () => {
    expect(fileSystem.Properties?.Encrypted).toBe(true);
    expect(fileSystem.Properties?.KmsKeyId).toEqual(keyArn);
    expect(fileSystem.DeletionPolicy).toBe('Retain');
    expect(fileSystem.Properties?.BackupPolicy).toEqual({ Status: 'DISABLED' });
  });

  test('the file-system policy denies requests without TLS and grants mounts only to IAM-authorized clients of the account', () => {
    const statements = fileSystem.Properties?.FileSystemPolicy.Statement as any[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const allow of allows) expect(JSON.stringify(allow.Principal)).not.toMatch(/"\*"/);
  });

  test('mount targets sit in isolated subnets and admit NFS only from the named peer', () => {
    const isolated = network.vpc.isolatedSubnets.map((s) => base.stack.resolve(s.subnetId));
    for (const [, target] of resourcesOfType(template, 'AWS::EFS::MountTarget'))
      expect(isolated).toContainEqual(target.Properties?.SubnetId);
    const ingress = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress').filter(
      ([, r]) => r.Properties?.FromPort === 2049,
    );
    expect(ingress).toHaveLength(1);
    expect(ingress[0][1].Properties?.SourceSecurityGroupId).toEqual(base.stack.resolve(clients.securityGroupId));
  });

  test('the access point pins its directory and POSIX identity', () => {
    const [[, ap]] = resourcesOfType(template, 'AWS::EFS::AccessPoint');
    expect(ap.Properties?.PosixUser).toEqual({ Uid: '1001', Gid: '1001' });
    expect(ap.Properties?.RootDirectory.Path).toBe('/radiology');
  });

  test('both are backed up by a plan whose every rule copies to ca-west-1', () => {
    for (const id of [tableId, fsId]) expect(backupCopyRegions(template, id)).toEqual([['ca-west-1']]);
  });

  test('every alarm reaches an alert topic and names a runbook that exists', () => {
    const alarms = [...table.alarms, ...files.alarms];
    expect(alarms.map((a) => a.node.id).sort()).toEqual([
      'IoLimit',
      'ReplicationLatencycawest1',
      'SystemErrors',
      'Throttled',
    ]);
    for (const alarm of alarms) {
      expect(runbookOf(alarm)).toEqual({ path: expect.any(String), exists: true });
      expect(base.alerting.alarms).toContain(alarm);
    }
  });
});

describe('refusals', () => {
  const setup = () => {
    const a = new App();
    const west = new Stack(a, 'W', { env: { account: '111122223333', region: 'ca-west-1' } });
    const b = regionBase(a, 'C', 'ca-central-1', ['dynamodb']);
    return { ...b, ...regionHosting(b, 'ca-west-1'), west };
  };
  const tableIn = (s: ReturnType<typeof setup>, extra: Partial<ConstructorParameters<typeof ResidentTable>[2]>) =>
    new ResidentTable(s.stack, 'T', {
      alerting: s.alerting,
      encryptionKey: s.dataKey.key,
      backupPlan: s.backupPlan,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      ...extra,
    });

  test('a table replica outside Canada', () => {
    expect(() => tableIn(setup(), { replicas: [{ region: 'us-west-2', keyAlias: 'alias/x' }] })).toThrow(
      /C\/T: ResidentTable: replicas contains us-west-2, which is outside Canada/,
    );
  });

  test('a table with a key from another region', () => {
    const s = setup();
    expect(() => tableIn(s, { encryptionKey: new kms.Key(s.west, 'K') })).toThrow(
      /ResidentTable: encryptionKey is in ca-west-1, the ResidentTable is in ca-central-1/,
    );
  });

  test('a point-in-time recovery window DynamoDB does not offer', () => {
    expect(() => tableIn(setup(), { pointInTimeRecoveryPeriod: Duration.days(36) })).toThrow(
      /pointInTimeRecoveryPeriod is 36 days/,
    );
  });

  test('a file system in a public subnet', () => {
    const s = setup();
    const vpc = new ec2.Vpc(s.stack, 'Public', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'pub', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    expect(
      () =>
        new ResidentFileSystem(s.stack, 'F', {
          alerting: s.alerting,
          encryptionKey: s.dataKey.key,
          backupPlan: s.backupPlan,
          vpc,
          vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        }),
    ).toThrow(/C\/F: ResidentFileSystem: vpcSubnets selects C\/Public\/pubSubnet1 \(public\)/);
  });

  test('a file system with a key from another region', () => {
    const s = setup();
    expect(
      () =>
        new ResidentFileSystem(s.stack, 'F', {
          alerting: s.alerting,
          encryptionKey: new kms.Key(s.west, 'K'),
          backupPlan: s.backupPlan,
          vpc: s.network.vpc,
        }),
    ).toThrow(/ResidentFileSystem: encryptionKey is in ca-west-1/);
  });
});
