import { existsSync } from 'fs';
import { join } from 'path';
import { CIS_SECURITY_CONTROLS } from '../../constructs/security-alarms';
import { DEFAULT_CONFIG } from '../../lib/config/defaults';
import {
  AUDITOR_NAMESPACE,
  BUCKETS_CHECKED_METRIC,
  NON_COMPLIANT_BUCKETS_METRIC,
  RESIDENCY_DRIFT_METRIC,
} from '../../lib/verify/auditor-metrics';
import { ResidencyNames } from '../../lib/config/naming';
import { referenceAssembly } from '../support/reference-assembly';
import { asArray, CfnTemplate, referencedLogicalId, resourcesOfType } from '../support/template-queries';

// The run's shared synthesis of the reference app: this file only reads it.
const assembly = referenceAssembly();
const names = new ResidencyNames(DEFAULT_CONFIG);
const primaryName = names.stackName('primary');
const recoveryName = names.stackName('recovery');
const primaryTemplate: CfnTemplate = assembly.getStackByName(primaryName).template;
const recoveryTemplate: CfnTemplate = assembly.getStackByName(recoveryName).template;
const eachTemplate = [
  [primaryName, 'ca-central-1', primaryTemplate],
  [recoveryName, 'ca-west-1', recoveryTemplate],
] as const;
const ROOT = join(__dirname, '..', '..');
const RUNBOOK = /Runbook: (docs\/runbooks\/[a-z0-9-]+\.md)/;

/** Logical id of a `Ref` / `Fn::GetAtt`, or of the first one inside a `Fn::Join`. */
function refId(value: unknown): string | undefined {
  const direct = referencedLogicalId(value);
  if (direct) return direct;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  return join ? join[1].map(referencedLogicalId).find((id) => id !== undefined) : undefined;
}

describe.each(eachTemplate)('stack %s (%s)', (_name, region, template) => {
  const keys = new Map(resourcesOfType(template, 'AWS::KMS::Key'));
  const topics = new Map(resourcesOfType(template, 'AWS::SNS::Topic'));
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm');
  const rules = resourcesOfType(template, 'AWS::Events::Rule');

  test('alerts go to a critical and a warning topic, each encrypted with a customer-managed key of this stack', () => {
    expect([...topics.values()].map((t) => t.Properties!.TopicName).sort()).toEqual([
      expect.stringMatching(/-critical$/),
      expect.stringMatching(/-warning$/),
    ]);
    for (const topic of topics.values()) expect(keys.has(refId(topic.Properties!.KmsMasterKeyId)!)).toBe(true);
  });

  test('every topic policy denies publishing without TLS', () => {
    const policies = resourcesOfType(template, 'AWS::SNS::TopicPolicy');
    for (const topicId of topics.keys()) {
      const policy = policies.find(([, p]) => asArray(p.Properties!.Topics).some((t) => refId(t) === topicId));
      expect(policy).toBeDefined();
      const statements = asArray<any>(policy![1].Properties!.PolicyDocument.Statement);
      expect(
        statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
      ).toBe(true);
    }
  });

  test('the alerts key lets CloudWatch and EventBridge of this account only encrypt messages', () => {
    const alertsKeyId = refId([...topics.values()][0].Properties!.KmsMasterKeyId)!;
    const statements = asArray<any>(keys.get(alertsKeyId)!.Properties!.KeyPolicy.Statement);
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      const grants = statements.filter((s) => s.Principal?.Service === service);
      expect(grants).toHaveLength(1);
      expect(grants[0].Condition.StringEquals['aws:SourceAccount']).toBe(DEFAULT_CONFIG.accountId);
      expect(asArray(grants[0].Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    }
  });

  test('no key policy grants kms:*', () => {
    for (const key of keys.values()) {
      for (const statement of key.Properties!.KeyPolicy.Statement)
        expect(asArray(statement.Action)).not.toContain('kms:*');
    }
  });

  test('every alarm has both alarm and OK actions, all to an encrypted topic of this stack', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) {
      const alarmActions = asArray(alarm.Properties!.AlarmActions).map(refId);
      const okActions = asArray(alarm.Properties!.OKActions).map(refId);
      expect({ id, alarm: alarmActions.length > 0, ok: okActions.length > 0 }).toEqual({ id, alarm: true, ok: true });
      for (const topicId of [...alarmActions, ...okActions]) {
        expect(topics.get(topicId!)?.Properties!.KmsMasterKeyId).toBeDefined();
      }
    }
  });

  test('every alarm sets treatMissingData explicitly', () => {
    for (const [, alarm] of alarms)
      expect(['notBreaching', 'breaching', 'ignore', 'missing']).toContain(alarm.Properties!.TreatMissingData);
  });

  test('every metric alarm watches a metric that a filter of this stack or an AWS service publishes for a resource of this stack', () => {
    const filters = resourcesOfType(template, 'AWS::Logs::MetricFilter').flatMap(([, f]) =>
      asArray<any>(f.Properties!.MetricTransformations).map((m) => `${m.MetricNamespace}/${m.MetricName}`),
    );
    const replicationRules = resourcesOfType(template, 'AWS::S3::Bucket').flatMap(([, b]) =>
      asArray<any>(b.Properties!.ReplicationConfiguration?.Rules).map((r) => ({
        source: b.Properties!.BucketName,
        ruleId: r.Id,
        destination: r.Destination.Bucket,
      })),
    );
    for (const [id, alarm] of alarms) {
      const p = alarm.Properties!;
      if (p.Namespace === 'AWS/Events') {
        expect(p.MetricName).toBe('FailedInvocations');
        const ruleName = asArray<any>(p.Dimensions).find((d) => d.Name === 'RuleName').Value;
        expect(rules.map(([, r]) => r.Properties!.Name)).toContain(ruleName);
      } else if (p.Namespace === 'AWS/S3') {
        expect(['OperationsFailedReplication', 'ReplicationLatency']).toContain(p.MetricName);
        const dims = Object.fromEntries(asArray<any>(p.Dimensions).map((d) => [d.Name, d.Value]));
        const rule = replicationRules.find((r) => r.source === dims.SourceBucket && r.ruleId === dims.RuleId);
        expect({ id, rule: rule !== undefined }).toEqual({ id, rule: true });
        expect(JSON.stringify(rule!.destination)).toContain(dims.DestinationBucket);
      } else if (p.Namespace === 'AWS/Lambda' || p.Namespace === 'AWS/SQS') {
        // A service metric of a function or queue of this stack, named by its dimension.
        const dims = asArray<any>(p.Dimensions);
        expect(dims).toHaveLength(1);
        const target = referencedLogicalId(dims[0].Value);
        const expectedType = p.Namespace === 'AWS/Lambda' ? 'AWS::Lambda::Function' : 'AWS::SQS::Queue';
        expect({ id, type: target && template.Resources[target]?.Type }).toEqual({ id, type: expectedType });
      } else if (p.Namespace === AUDITOR_NAMESPACE) {
        // Published by the auditor function of this stack (its handler shares these names with the construct).
        expect([NON_COMPLIANT_BUCKETS_METRIC, RESIDENCY_DRIFT_METRIC, BUCKETS_CHECKED_METRIC]).toContain(p.MetricName);
        const publisher = resourcesOfType(template, 'AWS::IAM::ManagedPolicy').some(([, policy]) =>
          asArray<any>(policy.Properties!.PolicyDocument.Statement).some(
            (st) =>
              asArray(st.Action).includes('cloudwatch:PutMetricData') &&
              st.Condition?.StringEquals?.['cloudwatch:namespace'] === AUDITOR_NAMESPACE,
          ),
        );
        expect({ id, publisher }).toEqual({ id, publisher: true });
      } else {
        expect({ id, metric: filters.includes(`${p.Namespace}/${p.MetricName}`) }).toEqual({ id, metric: true });
      }
    }
  });

  test('every alarm and rule description names a runbook file that exists', () => {
    const described = [
      ...alarms.map(([id, a]) => [id, a.Properties!.AlarmDescription]),
      ...rules.map(([id, r]) => [id, r.Properties!.Description]),
    ];
    expect(described.length).toBeGreaterThan(0);
    for (const [id, description] of described) {
      const match = RUNBOOK.exec(String(description));
      expect({ id, runbook: match?.[1] }).toEqual({ id, runbook: expect.any(String) });
      expect({ id, exists: existsSync(join(ROOT, match![1])) }).toEqual({ id, exists: true });
    }
  });

  test('every EventBridge rule has a target, each a topic of this stack', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const [id, rule] of rules) {
      const targets = asArray<any>(rule.Properties!.Targets);
      expect({ id, targets: targets.length }).toEqual({ id, targets: 1 });
      for (const target of targets) expect(topics.has(refId(target.Arn)!)).toBe(true);
    }
  });

  test('the data-protection rules watch backup, copy and restore failures and KMS keys being disabled or deleted', () => {
    const patterns = rules.map(([, r]) => r.Properties!.EventPattern);
    const find = (detailType: string) => patterns.find((p) => asArray(p['detail-type']).includes(detailType));
    expect(find('Backup Job State Change').detail.state.sort()).toEqual(['ABORTED', 'EXPIRED', 'FAILED']);
    expect(find('Copy Job State Change').detail.state).toEqual(['FAILED']);
    expect(find('Restore Job State Change').detail.status).toEqual(['FAILED']);
    expect(find('AWS API Call via CloudTrail').detail.eventName.sort()).toEqual(['DisableKey', 'ScheduleKeyDeletion']);
    // No detector by default: GuardDuty is off unless the config says a detector exists or asks for one.
    expect(find('GuardDuty Finding')).toBeUndefined();
    expect(resourcesOfType(template, 'AWS::GuardDuty::Detector')).toEqual([]);
  });

  test('every log group is encrypted with a customer-managed key of this stack and has a retention', () => {
    const groups = resourcesOfType(template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) {
      expect(keys.has(refId(group.Properties!.KmsKeyId)!)).toBe(true);
      expect(group.Properties!.RetentionInDays).toBe(DEFAULT_CONFIG.monitoring.logRetentionDays);
    }
  });

  test('a dashboard shows the state of every alarm of the region', () => {
    const dashboards = resourcesOfType(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0][1].Properties!.DashboardBody);
    for (const [id] of alarms) expect(body).toContain(id);
    expect(body).toContain('NumberOfBackupJobsFailed');
  });

  test('the VPC has only isolated subnets across three zones, no internet gateway, and flow logs of all traffic', () => {
    const [[vpcId, vpc]] = resourcesOfType(template, 'AWS::EC2::VPC');
    expect(vpc.Properties!.CidrBlock).toBe(
      region === 'ca-central-1' ? DEFAULT_CONFIG.network.primaryCidr : DEFAULT_CONFIG.network.recoveryCidr,
    );
    const subnets = resourcesOfType(template, 'AWS::EC2::Subnet');
    // Zones resolve at deploy time to the region's first three (Fn::GetAZs), never a hardcoded name.
    expect(subnets.map(([, s]) => s.Properties!.AvailabilityZone)).toEqual(
      [0, 1, 2].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })),
    );
    for (const [, subnet] of subnets) expect(subnet.Properties!.MapPublicIpOnLaunch).toBe(false);
    expect(resourcesOfType(template, 'AWS::EC2::InternetGateway')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway')).toEqual([]);
    const flowLogs = resourcesOfType(template, 'AWS::EC2::FlowLog').filter(
      ([, f]) => refId(f.Properties!.ResourceId) === vpcId,
    );
    expect(flowLogs).toHaveLength(1);
    expect(flowLogs[0][1].Properties!.TrafficType).toBe('ALL');
    const groupIds = resourcesOfType(template, 'AWS::Logs::LogGroup').map(([id]) => id);
    expect(groupIds).toContain(refId(flowLogs[0][1].Properties!.LogGroupName));
  });

  test('the VPC reaches S3 and DynamoDB through gateway endpoints and the configured services through interface endpoints', () => {
    const endpoints = resourcesOfType(template, 'AWS::EC2::VPCEndpoint');
    const serviceOf = (e: any) =>
      JSON.stringify(e.Properties.ServiceName).replace(/.*\.([a-z0-9.-]+)"\]\]\}$|.*\.([a-z0-9-]+)"$/, '$1$2');
    const gateway = endpoints
      .filter(([, e]) => e.Properties!.VpcEndpointType === 'Gateway')
      .map(([, e]) => serviceOf(e))
      .sort();
    const iface = endpoints.filter(([, e]) => e.Properties!.VpcEndpointType === 'Interface');
    expect(gateway).toEqual(['dynamodb', 's3']);
    expect(iface).toHaveLength(DEFAULT_CONFIG.network.interfaceEndpoints.length);
    for (const [, e] of iface) expect(e.Properties!.PrivateDnsEnabled).toBe(true);
    // Endpoint security group: HTTPS from the VPC only.
    for (const [, sg] of resourcesOfType(template, 'AWS::EC2::SecurityGroup')) {
      for (const rule of asArray<any>(sg.Properties!.SecurityGroupIngress)) {
        expect([rule.FromPort, rule.ToPort, rule.CidrIp]).toEqual([443, 443, vpcCidr(region)]);
      }
    }
  });

  test('the default security group is stripped of its rules', () => {
    expect(resourcesOfType(template, 'Custom::VpcRestrictDefaultSG')).toHaveLength(1);
  });
});

function vpcCidr(region: string): string {
  return region === 'ca-central-1' ? DEFAULT_CONFIG.network.primaryCidr : DEFAULT_CONFIG.network.recoveryCidr;
}

describe('audit trail (primary region only: the trail covers every region)', () => {
  const trails = resourcesOfType(primaryTemplate, 'AWS::CloudTrail::Trail');
  const keys = new Set(resourcesOfType(primaryTemplate, 'AWS::KMS::Key').map(([id]) => id));

  test('exactly one trail in the app, multi-region, validating its log files, encrypted with a customer-managed key', () => {
    expect(resourcesOfType(recoveryTemplate, 'AWS::CloudTrail::Trail')).toEqual([]);
    expect(trails).toHaveLength(1);
    const [, trail] = trails[0];
    expect(trail.Properties!.IsMultiRegionTrail).toBe(true);
    expect(trail.Properties!.IncludeGlobalServiceEvents).toBe(true);
    expect(trail.Properties!.EnableLogFileValidation).toBe(true);
    expect(keys.has(refId(trail.Properties!.KMSKeyId)!)).toBe(true);
  });

  test('delivers to the Canadian log-archive bucket, which expires trail files after the configured retention', () => {
    const [, trail] = trails[0];
    const [, bucket] = resourcesOfType(primaryTemplate, 'AWS::S3::Bucket').find(
      ([id]) => id === refId(trail.Properties!.S3BucketName),
    )!;
    expect(bucket.Properties!.BucketName).toBe(names.bucketName('audit-logs', 'ca-central-1'));
    const rules = asArray<any>(bucket.Properties!.LifecycleConfiguration.Rules);
    expect(rules.find((r) => r.Id === 'expire-trail-files').ExpirationInDays).toBe(
      DEFAULT_CONFIG.auditTrail.archiveRetentionDays,
    );
    expect(bucket.Properties!.ObjectLockEnabled).toBeUndefined(); // off by default
  });

  test('only this trail may write to the log archive', () => {
    const [, trail] = trails[0];
    const archiveId = refId(trail.Properties!.S3BucketName);
    const [, policy] = resourcesOfType(primaryTemplate, 'AWS::S3::BucketPolicy').find(
      ([, p]) => refId(p.Properties!.Bucket) === archiveId,
    )!;
    const deny = asArray<any>(policy.Properties!.PolicyDocument.Statement).find((s) => s.Sid === 'OnlyThisTrailWrites');
    expect(deny.Effect).toBe('Deny');
    expect(deny.Condition.StringNotEquals['aws:SourceArn']).toBe(
      `arn:aws:cloudtrail:ca-central-1:${DEFAULT_CONFIG.accountId}:trail/${trail.Properties!.TrailName}`,
    );
  });

  test('records data events of the data bucket', () => {
    const [, trail] = trails[0];
    const dataBucketId = resourcesOfType(primaryTemplate, 'AWS::S3::Bucket').find(
      ([, b]) => b.Properties!.ReplicationConfiguration,
    )![0];
    const selectors = asArray<any>(trail.Properties!.EventSelectors);
    expect(selectors.flatMap((s) => s.DataResources.map((d: any) => refId(d.Values[0])))).toContain(dataBucketId);
  });

  test('the logs key lets CloudTrail encrypt only for this account and this trail', () => {
    const [, trail] = trails[0];
    const [, key] = resourcesOfType(primaryTemplate, 'AWS::KMS::Key').find(
      ([id]) => id === refId(trail.Properties!.KMSKeyId),
    )!;
    const grants = asArray<any>(key.Properties!.KeyPolicy.Statement).filter(
      (s) => s.Principal?.Service === 'cloudtrail.amazonaws.com',
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) {
      expect(grant.Condition.StringEquals['aws:SourceAccount']).toBe(DEFAULT_CONFIG.accountId);
      expect(grant.Condition.StringLike['aws:SourceArn']).toBe(
        `arn:aws:cloudtrail:ca-central-1:${DEFAULT_CONFIG.accountId}:trail/${trail.Properties!.TrailName}`,
      );
    }
    expect(new Set(grants.map((g) => g.Sid)).size).toBe(grants.length);
  });

  test('sends to the log group that carries the CIS metric filters', () => {
    const [, trail] = trails[0];
    const groupId = refId(trail.Properties!.CloudWatchLogsLogGroupArn);
    const filters = resourcesOfType(primaryTemplate, 'AWS::Logs::MetricFilter');
    expect(filters).toHaveLength(CIS_SECURITY_CONTROLS.length);
    for (const [, filter] of filters) expect(refId(filter.Properties!.LogGroupName)).toBe(groupId);
  });

  test('each CIS control has one filter producing exactly the metric its one alarm watches', () => {
    const filters = resourcesOfType(primaryTemplate, 'AWS::Logs::MetricFilter');
    const cisNamespaces = new Set(
      filters.flatMap(([, f]) => asArray<any>(f.Properties!.MetricTransformations).map((m) => m.MetricNamespace)),
    );
    const alarms = resourcesOfType(primaryTemplate, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      cisNamespaces.has(a.Properties!.Namespace),
    );
    expect(alarms).toHaveLength(CIS_SECURITY_CONTROLS.length);
    for (const control of CIS_SECURITY_CONTROLS) {
      const filter = filters.filter(([, f]) => f.Properties!.FilterPattern === control.pattern);
      expect({ control: control.id, filters: filter.length }).toEqual({ control: control.id, filters: 1 });
      const [transformation] = filter[0][1].Properties!.MetricTransformations;
      expect(transformation.MetricValue).toBe('1');
      const watching = alarms.filter(
        ([, a]) =>
          a.Properties!.MetricName === transformation.MetricName &&
          a.Properties!.Namespace === transformation.MetricNamespace,
      );
      expect({ control: control.id, alarms: watching.length }).toEqual({ control: control.id, alarms: 1 });
      expect(watching[0][1].Properties!.Threshold).toBe(control.threshold ?? 1);
      expect(watching[0][1].Properties!.Statistic).toBe('Sum');
    }
  });

  test('the recovery region has no security filters (its events reach the primary trail) but its own data-protection rules', () => {
    expect(resourcesOfType(recoveryTemplate, 'AWS::Logs::MetricFilter')).toEqual([]);
    expect(resourcesOfType(recoveryTemplate, 'AWS::Events::Rule').length).toBeGreaterThanOrEqual(4);
  });
});

describe('replication alarms (where S3 publishes them: the source bucket region)', () => {
  const alarms = resourcesOfType(primaryTemplate, 'AWS::CloudWatch::Alarm').filter(
    ([, a]) => a.Properties!.Namespace === 'AWS/S3',
  );

  test('failed operations and latency above the RTC threshold are watched for the data bucket and audit archive rules', () => {
    expect(alarms.map(([, a]) => a.Properties!.MetricName).sort()).toEqual([
      'OperationsFailedReplication',
      'OperationsFailedReplication',
      'ReplicationLatency',
      'ReplicationLatency',
    ]);
    const latency = alarms.filter(([, a]) => a.Properties!.MetricName === 'ReplicationLatency').map(([, a]) => a);
    for (const a of latency)
      expect(a.Properties!.Threshold).toBe(DEFAULT_CONFIG.monitoring.replicationLatencyAlarmSeconds);
    const dims = latency.map((a) =>
      Object.fromEntries(asArray<any>(a.Properties!.Dimensions).map((d) => [d.Name, d.Value])),
    );
    expect(dims).toEqual([
      {
        SourceBucket: names.bucketName('data', 'ca-central-1'),
        DestinationBucket: names.bucketName('replica', 'ca-west-1'),
        RuleId: 'replicate-to-ca-west-1',
      },
      {
        SourceBucket: names.bucketName('audit-logs', 'ca-central-1'),
        DestinationBucket: names.bucketName('audit-logs-copy', 'ca-west-1'),
        RuleId: 'replicate-to-ca-west-1',
      },
    ]);
  });

  test('the recovery region has no replication alarm: nothing replicates from it', () => {
    expect(
      resourcesOfType(recoveryTemplate, 'AWS::CloudWatch::Alarm').filter(
        ([, a]) => a.Properties!.Namespace === 'AWS/S3',
      ),
    ).toEqual([]);
  });
});
