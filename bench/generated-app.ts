import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** CloudFormation's limit is 500 resources per stack; stay under it with room for CDK metadata. */
const RESOURCES_PER_STACK = 480;
const REGIONS = ['ca-central-1', 'ca-west-1'];

/**
 * One workload of the realistic mix: a key, a bucket, a table, a queue, a topic, a log group, a
 * function and an alarm, all encrypted with the workload's key. About 13 CloudFormation resources.
 */
function addWorkload(scope: Construct, id: string): void {
  const unit = new Construct(scope, id);
  const key = new kms.Key(unit, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  new s3.Bucket(unit, 'Bucket', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  new dynamodb.Table(unit, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });
  new sqs.Queue(unit, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
  new sns.Topic(unit, 'Topic', { masterKey: key, enforceSSL: true });
  const logGroup = new logs.LogGroup(unit, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const fn = new lambda.Function(unit, 'Function', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    logGroup,
    timeout: Duration.seconds(10),
  });
  new cloudwatch.Alarm(unit, 'Errors', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
}

/** Approximate resources per workload, used only to size the app; the benchmark reports the real count. */
const RESOURCES_PER_WORKLOAD = 12;

/**
 * An app of about `resources` CloudFormation resources across as many stacks as CloudFormation needs,
 * alternating between the two Canadian regions.
 */
export function buildGeneratedApp(
  resources: number,
  app = new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true } }),
): App {
  const workloads = Math.max(1, Math.round(resources / RESOURCES_PER_WORKLOAD));
  const perStack = Math.floor(RESOURCES_PER_STACK / RESOURCES_PER_WORKLOAD);
  const stackCount = Math.max(2, Math.ceil(workloads / perStack));
  const stacks = Array.from(
    { length: stackCount },
    (_, i) =>
      new Stack(app, `Generated${i}`, { env: { account: '111122223333', region: REGIONS[i % REGIONS.length] } }),
  );
  for (let w = 0; w < workloads; w++) addWorkload(stacks[w % stackCount], `Workload${w}`);
  return app;
}

/** The smallest app synthesized the same way as the reference app: one bucket. */
export function buildOneBucketApp(app: App): App {
  const stack = new Stack(app, 'OneBucket', { env: { account: '000000000000', region: 'ca-central-1' } });
  new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true });
  return app;
}
