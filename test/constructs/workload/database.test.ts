import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { ResidencyKey } from '../../../constructs/residency-key';
import { reportFromAssembly } from '../../../lib/report/assembly-report';
import { ResidentDatabase, ResidentDatabaseProps } from '../../../constructs/resident-database';
import { CfnTemplate, resourcesOfType } from '../../support/template-queries';
import {
  acknowledgementsUnder,
  backupCopyRegions,
  newWorkloadApp,
  regionBase,
  regionHosting,
  RegionBase,
  runbookOf,
  unacknowledgedFindingsOfThreePacks,
} from '../../support/workload-stack';

// One app for the file: a global database, provisioned primary in ca-central-1, Serverless v2 secondary in ca-west-1.
const app = newWorkloadApp();
const databaseIn = (base: RegionBase, copyRegion: string, extra: Partial<ResidentDatabaseProps>) => {
  const { network, backupPlan } = regionHosting(base, copyRegion);
  const clients = new ec2.SecurityGroup(base.stack, 'Clients', {
    vpc: network.vpc,
    description: 'application tasks',
    allowAllOutbound: false,
  });
  const logsKey = new ResidencyKey(base.stack, 'DbLogsKey', {
    alias: `${base.stack.node.id}-db-logs`,
    description: 'database logs',
  });
  return new ResidentDatabase(base.stack, 'Charts', {
    alerting: base.alerting,
    encryptionKey: base.dataKey.key,
    logsKey,
    backupPlan,
    vpc: network.vpc,
    allowedPeers: [clients],
    clusterIdentifier: 'charts',
    ...extra,
  });
};
const central = regionBase(app, 'Central', 'ca-central-1', ['rds', 'secretsmanager']);
const west = regionBase(app, 'West', 'ca-west-1', ['rds', 'secretsmanager']);
const primary = databaseIn(central, 'ca-west-1', {
  capacity: { kind: 'provisioned', instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) },
  globalDatabase: { identifier: 'charts-global', role: 'primary' },
});
const secondary = databaseIn(west, 'ca-central-1', {
  globalDatabase: { identifier: 'charts-global', role: 'secondary' },
});
const assembly = app.synth();
const templateOf = (base: RegionBase) => assembly.getStackByName(base.stack.stackName).template as CfnTemplate;
const clusterOf = (base: RegionBase, db: ResidentDatabase) =>
  templateOf(base).Resources[base.stack.getLogicalId(db.cluster.node.defaultChild as rds.CfnDBCluster)];
const pairs: [string, RegionBase, ResidentDatabase][] = [
  ['primary', central, primary],
  ['secondary', west, secondary],
];

describe('ResidentDatabase as a global database across the two Canadian regions', () => {
  test('passes AwsSolutions, HIPAA.Security and CaResidency; acknowledged: the monitoring log-stream wildcard, instance-level backup', () => {
    expect(unacknowledgedFindingsOfThreePacks(app)).toEqual([]);
    for (const db of [primary, secondary]) {
      const prefix = db.node.path;
      expect(acknowledgementsUnder(db).sort()).toEqual([
        `AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:logs:${Stack.of(db).region}:111122223333:log-group:RDSOSMetrics:log-stream:*] at ${prefix}/MonitoringPolicy`,
        `HIPAA.Security::HIPAA.Security-RDSInBackupPlan at ${prefix}/Cluster/Reader1/Resource`,
        `HIPAA.Security::HIPAA.Security-RDSInBackupPlan at ${prefix}/Cluster/Writer/Resource`,
      ]);
    }
  });

  test.each(pairs)(
    'the %s cluster is encrypted with the key of its own region, storage and Performance Insights',
    (_, base, db) => {
      const cluster = clusterOf(base, db);
      const keyArn = {
        'Fn::GetAtt': [base.stack.getLogicalId(base.dataKey.key.node.defaultChild as kms.CfnKey), 'Arn'],
      };
      expect(cluster.Properties?.StorageEncrypted).toBe(true);
      expect(cluster.Properties?.KmsKeyId).toEqual(keyArn);
      expect(cluster.Properties?.PerformanceInsightsKmsKeyId).toEqual(keyArn);
    },
  );

  test('the primary master password is managed in Secrets Manager with the customer-managed key; the secondary has none of its own', () => {
    const p = clusterOf(central, primary).Properties!;
    expect(p.ManageMasterUserPassword).toBe(true);
    expect(p.MasterUserSecret).toEqual({
      KmsKeyId: {
        'Fn::GetAtt': [central.stack.getLogicalId(central.dataKey.key.node.defaultChild as kms.CfnKey), 'Arn'],
      },
    });
    const s = clusterOf(west, secondary).Properties!;
    expect(s.MasterUsername).toBeUndefined();
    expect(s.GlobalClusterIdentifier).toBe('charts-global');
  });

  test.each(pairs)(
    'the %s cluster forces TLS 1.2+ in its parameter group and uses IAM authentication',
    (_, base, db) => {
      const cluster = clusterOf(base, db);
      const groupId = cluster.Properties?.DBClusterParameterGroupName.Ref;
      expect(templateOf(base).Resources[groupId].Properties?.Parameters).toEqual({
        'rds.force_ssl': '1',
        ssl_min_protocol_version: 'TLSv1.2',
      });
      expect(cluster.Properties?.EnableIAMDatabaseAuthentication).toBe(true);
    },
  );

  test.each(pairs)(
    'the %s cluster is retained, deletion-protected and keeps 14 days of automated backups',
    (_, base, db) => {
      const cluster = clusterOf(base, db);
      expect(cluster.DeletionPolicy).toBe('Retain');
      expect(cluster.Properties?.DeletionProtection).toBe(true);
      expect(cluster.Properties?.BackupRetentionPeriod).toBe(14);
    },
  );

  test.each(pairs)(
    'the %s cluster exports its logs to an encrypted, retained log group that exists first',
    (_, base, db) => {
      const template = templateOf(base);
      const logGroupId = base.stack.getLogicalId(db.logGroup.node.defaultChild as any);
      const logGroup = template.Resources[logGroupId];
      expect(logGroup.Properties?.LogGroupName).toBe('/aws/rds/cluster/charts/postgresql');
      expect(logGroup.Properties?.KmsKeyId).toBeDefined();
      expect(logGroup.Properties?.RetentionInDays).toBe(365);
      expect(logGroup.DeletionPolicy).toBe('Retain');
      expect(clusterOf(base, db).Properties?.EnableCloudwatchLogsExports).toEqual(['postgresql']);
      expect(
        (template.Resources[base.stack.getLogicalId(db.cluster.node.defaultChild as rds.CfnDBCluster)] as any)
          .DependsOn,
      ).toContain(logGroupId);
    },
  );

  test.each(pairs)(
    'the %s cluster sits in isolated subnets and admits only the named peer on a non-default port',
    (_, base, db) => {
      const template = templateOf(base);
      const ingress = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress').filter(
        ([, r]) => r.Properties?.FromPort === 5433,
      );
      expect(ingress).toHaveLength(1);
      expect(JSON.stringify(ingress[0][1].Properties?.SourceSecurityGroupId)).toContain('Clients');
      expect(clusterOf(base, db).Properties?.Port).toBe(5433);
      for (const [, instance] of resourcesOfType(template, 'AWS::RDS::DBInstance')) {
        expect(instance.Properties?.PubliclyAccessible).toBe(false);
        expect(instance.Properties?.MonitoringInterval).toBe(60);
      }
    },
  );

  test('each cluster is backed up by a plan copying to the other Canadian region', () => {
    expect(
      backupCopyRegions(
        templateOf(central),
        central.stack.getLogicalId(primary.cluster.node.defaultChild as rds.CfnDBCluster),
      ),
    ).toEqual([['ca-west-1']]);
    expect(
      backupCopyRegions(
        templateOf(west),
        west.stack.getLogicalId(secondary.cluster.node.defaultChild as rds.CfnDBCluster),
      ),
    ).toEqual([['ca-central-1']]);
  });

  test('every alarm reaches an alert topic and names a runbook that exists; the secondary watches replication lag', () => {
    expect(primary.alarms.map((a) => a.node.id).sort()).toEqual(['CpuHigh', 'MemoryLow']);
    expect(secondary.alarms.map((a) => a.node.id).sort()).toEqual(['CapacityHigh', 'CpuHigh', 'GlobalReplicationLag']);
    for (const [, base, db] of pairs) {
      for (const alarm of db.alarms) {
        expect(runbookOf(alarm)).toEqual({ path: expect.any(String), exists: true });
        expect(base.alerting.alarms).toContain(alarm);
      }
    }
  });
});

test('the residency report shows each cluster and its instances under the key of their region, backed up with a copy in the other region', () => {
  const report = reportFromAssembly(assembly.directory);
  const stores = report.dataStores.filter((d) => d.type.startsWith('AWS::RDS::'));
  expect(stores.map((d) => `${d.region} ${d.logicalId}`).sort()).toEqual([
    'ca-central-1 ChartsCluster35291081',
    'ca-central-1 ChartsClusterReader10183C5CA',
    'ca-central-1 ChartsClusterWriterA0038133',
    'ca-west-1 ChartsCluster35291081',
    'ca-west-1 ChartsClusterReader10183C5CA',
    'ca-west-1 ChartsClusterWriterA0038133',
  ]);
  for (const store of stores) {
    expect({ id: store.logicalId, status: store.atRest.status, keyRegion: store.atRest.key?.region }).toEqual({
      id: store.logicalId,
      status: 'customer-managed',
      keyRegion: store.region,
    });
    const copyRegions = store.backup.flatMap((b) => b.copies.map((c) => c.region));
    expect(copyRegions.length).toBeGreaterThan(0);
    for (const region of copyRegions)
      expect(region).toBe(store.region === 'ca-central-1' ? 'ca-west-1' : 'ca-central-1');
  }
});

describe('refusals', () => {
  const setup = (region = 'ca-central-1') => regionBase(new App(), 'R', region, ['rds']);
  test('a key from another region', () => {
    const base = setup();
    const other = new Stack(base.stack.node.root, 'W', { env: { account: '111122223333', region: 'ca-west-1' } });
    expect(() => databaseIn(base, 'ca-west-1', { encryptionKey: new kms.Key(other, 'K') })).toThrow(
      /R\/Charts: ResidentDatabase: encryptionKey is in ca-west-1/,
    );
  });

  test('a public subnet', () => {
    const base = setup();
    const vpc = new ec2.Vpc(base.stack, 'Public', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }],
    });
    expect(() => databaseIn(base, 'ca-west-1', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(
      /vpcSubnets selects R\/Public\/pubSubnet1 \(public\)/,
    );
  });

  test('fewer than 7 days of automated backups, and the default port, in one error', () => {
    expect(() => databaseIn(setup(), 'ca-west-1', { backupRetention: Duration.days(3), port: 5432 })).toThrow(
      /backupRetention is 3 days; keep 7 to 35 whole days; port is 5432/,
    );
  });

  test('a global secondary outside ca-west-1, and a primary outside ca-central-1', () => {
    expect(() => databaseIn(setup(), 'ca-west-1', { globalDatabase: { identifier: 'g', role: 'secondary' } })).toThrow(
      /globalDatabase.role is secondary, which must be in ca-west-1 \(the cluster is in ca-central-1\)/,
    );
    expect(() =>
      databaseIn(setup('ca-west-1'), 'ca-central-1', { globalDatabase: { identifier: 'g', role: 'primary' } }),
    ).toThrow(/role is primary, which must be in ca-central-1/);
  });

  test('an engine version not offered for a global database between the Canadian regions', () => {
    expect(() =>
      databaseIn(setup(), 'ca-west-1', {
        engineVersion: rds.AuroraPostgresEngineVersion.VER_12_15,
        globalDatabase: { identifier: 'g', role: 'primary' },
      }),
    ).toThrow(/engineVersion 12.15 is not offered for an Aurora global database between ca-central-1 and ca-west-1/);
    expect(() =>
      databaseIn(setup(), 'ca-west-1', {
        engineVersion: rds.AuroraPostgresEngineVersion.VER_13_9,
        globalDatabase: { identifier: 'g', role: 'primary' },
      }),
    ).toThrow(/engineVersion 13.9/);
  });
});
