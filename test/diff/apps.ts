import * as fs from 'fs';
import { App, RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ga from 'aws-cdk-lib/aws-globalaccelerator';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CanadianResidencyChecks } from '../../lib/nag';
import { tmpApp } from '../check/support';
import { CENTRAL, cmk, residentBucket, WEST } from '../rules/support';

/** What one version of the small app has; each test case changes one thing. */
export interface RecordsApp {
  /** Physical name of the records bucket (a change replaces the bucket). */
  readonly bucketName?: string;
  /** ARN of a key outside the app for the records bucket; default: the stack's own key. */
  readonly keyArn?: string;
  /** Name of the bucket the records replicate to; default the one of the Replica stack (ca-west-1). */
  readonly replicaName?: string;
  /** The sessions table and its removal policy, or none. */
  readonly table?: 'destroy' | 'retain' | 'none';
  /** A Global Accelerator (a CaResidency-GlobalService finding), exempted or not. */
  readonly accelerator?: 'none' | 'open' | 'exempted';
  /** Value of a `team` tag on the records bucket. */
  readonly teamTag?: string;
  /** The Replica stack (ca-west-1); default present. */
  readonly replicaStack?: boolean;
  /** A scratch bucket with S3-managed keys (an encryption-at-rest finding), acknowledged or not. */
  readonly scratch?: 'none' | 'open' | 'acknowledged';
}

export const REPLICA_NAME = 'records-replica-111111111111-ca-west-1';
export const EXEMPTION_REASON = 'Load test only, synthetic data, torn down after the test';
export const ACKNOWLEDGEMENT_REASON =
  'Scratch files are public test vectors; SSE-S3 accepted by the security lead, RISK-7';

/**
 * Synthesize the app into a temporary cloud assembly: a Data stack (ca-central-1) with a records bucket replicating
 * to the Replica stack's bucket (ca-west-1), a table, optionally an accelerator. CDK's WebAssembly validator is off
 * (our pack runs); a finding of the pack makes synth throw under jest after the assembly is written, as `cdk synth`.
 */
export function synthRecordsApp(v: RecordsApp = {}): string {
  const app: App = tmpApp();
  const exemptions =
    v.accelerator === 'exempted'
      ? [
          {
            ruleId: 'CaResidency-GlobalService',
            resource: 'Data/Accelerator',
            reason: EXEMPTION_REASON,
            expires: '2099-01-01',
          },
        ]
      : [];
  Validations.of(app).addPlugins(new CanadianResidencyChecks(app, { exemptions }));
  if (v.replicaStack ?? true) {
    const replica = new Stack(app, 'Replica', { env: WEST });
    residentBucket(replica, 'Replica', { bucketName: REPLICA_NAME, versioned: true });
  }
  const data = new Stack(app, 'Data', { env: CENTRAL });
  const key = v.keyArn ? kms.Key.fromKeyArn(data, 'ImportedKey', v.keyArn) : cmk(data, 'Key');
  const records = residentBucket(data, 'Records', {
    bucketName: v.bucketName ?? 'records-111111111111-ca-central-1',
    encryptionKey: key,
    versioned: true,
    replicationRules: [
      { destination: s3.Bucket.fromBucketName(data, 'Destination', v.replicaName ?? REPLICA_NAME), priority: 1 },
    ],
  });
  if (v.teamTag) Tags.of(records).add('team', v.teamTag);
  if ((v.table ?? 'destroy') !== 'none') {
    new dynamodb.Table(data, 'Sessions', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: cmk(data, 'SessionsKey'),
      removalPolicy: v.table === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
  if ((v.accelerator ?? 'none') !== 'none') new ga.Accelerator(data, 'Accelerator');
  if ((v.scratch ?? 'none') !== 'none') {
    const scratch = new s3.Bucket(data, 'Scratch', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
    });
    if (v.scratch === 'acknowledged')
      Validations.of(scratch).acknowledge({
        id: 'CaResidency::CaResidency-EncryptedAtRest',
        reason: ACKNOWLEDGEMENT_REASON,
      });
  }
  // CDK prints the validation report (exempted findings included) on stderr; the tests read the assembly instead.
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } catch (e) {
    if (!/CaResidency/.test(String(e))) throw e;
  } finally {
    printed.mockRestore();
  }
  if (!fs.existsSync(`${app.outdir}/manifest.json`)) throw new Error('synth wrote no assembly');
  return app.outdir;
}
