import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { AUDITOR_NAMESPACE, NON_COMPLIANT_BUCKETS_METRIC, RESIDENCY_DRIFT_METRIC } from '../../lib/verify';
import { audit } from '../../lib/verify/auditor-handler';
import { compliantBucket, FakeAccount } from './fake-account';

const account = () =>
  new FakeAccount({
    'good-bucket': compliantBucket('good-bucket'),
    'old-us-bucket': compliantBucket('old-us-bucket', ''),
    unversioned: compliantBucket('unversioned', 'ca-west-1', { versioning: undefined }),
  });

test('the auditor publishes NonCompliantBuckets and ResidencyDrift in its namespace', async () => {
  const cw = new CloudWatchClient({ region: 'ca-central-1' });
  const cwMock = mockClient(cw);
  cwMock.on(PutMetricDataCommand).resolves({});
  const at = new Date('2026-11-28T05:00:00Z');
  const summary = await audit(
    { EXPECT_REPLICATION: 'good-bucket', ALLOWED_REGIONS: 'ca-central-1,ca-west-1' },
    account().clients(),
    cw,
    () => at,
  );
  expect(summary).toMatchObject({ bucketsChecked: 3, nonCompliantBuckets: 3, residencyDrift: 1 });
  expect(summary.failing.map((f) => f.ruleId).sort()).toEqual([
    'CaResidency-Verify-BucketRegion',
    'CaResidency-Verify-ReplicationConfigured',
    'CaResidency-Verify-Versioning',
  ]);
  const input = cwMock.commandCalls(PutMetricDataCommand)[0].args[0].input;
  expect(input.Namespace).toBe(AUDITOR_NAMESPACE);
  expect(input.MetricData!.map((d) => [d.MetricName, d.Value])).toEqual([
    [NON_COMPLIANT_BUCKETS_METRIC, 3],
    [RESIDENCY_DRIFT_METRIC, 1],
    ['BucketsChecked', 3],
  ]);
});
