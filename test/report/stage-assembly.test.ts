import * as fs from 'fs';
import { Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { reportFromAssembly } from '../../lib/report';
import { tmpApp } from '../check/support';

test('stacks of nested Stage assemblies are in the report, with their data stores and construct paths', () => {
  const app = tmpApp();
  const stage = new Stage(app, 'Prod');
  const stack = new Stack(stage, 'Records', { env: { account: '111122223333', region: 'ca-west-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  new s3.Bucket(stack, 'Bucket', { encryptionKey: key, enforceSSL: true, minimumTLSVersion: 1.2 });
  const dir = app.synth().directory;
  try {
    const report = reportFromAssembly(dir, { evaluationDate: new Date('2026-01-15T00:00:00Z') });
    expect(report.stacks.map((s) => [s.stackName, s.region, s.templateFile])).toEqual([
      ['Prod-Records', 'ca-west-1', expect.stringMatching(/^assembly-Prod\/ProdRecords[0-9A-F]*\.template\.json$/)],
    ]);
    expect(report.dataStores).toHaveLength(1);
    expect(report.dataStores[0]).toMatchObject({
      constructPath: 'Prod/Records/Bucket/Resource',
      atRest: { status: 'customer-managed', key: { stackName: 'Prod-Records', region: 'ca-west-1' } },
      inTransit: { status: 'enforced' },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
