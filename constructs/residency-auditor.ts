import { existsSync } from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  AUDITOR_ENV,
  AUDITOR_NAMESPACE,
  NON_COMPLIANT_BUCKETS_METRIC,
  RESIDENCY_DRIFT_METRIC,
} from '../lib/verify/auditor-metrics';
import { isCanadianRegion } from '../lib/policy/regions';
import { PUBLISH_METRICS_CALL, verifyActions } from '../lib/verify/verify-permissions';
import { acknowledgeFinding } from './acknowledge-finding';
import { InvalidPropError } from './invalid-prop-error';
import { allowCloudWatchLogs } from './log-group-encryption';
import { AlarmFactory } from './alarm-factory';
import { ResidencyAlerting, runbookPath } from './residency-alerting';
import { ResidencyKey } from './residency-key';

/** The runbook every auditor alarm names. */
export const AUDITOR_RUNBOOK = 'residency-drift';

export interface ResidencyAuditorProps {
  /** Alarms go to this region's critical topic (alarm and OK actions). */
  readonly alerting: ResidencyAlerting;
  /** Prefix of the function, schedule, role and alarm names, e.g. `cacr-prod`. */
  readonly namePrefix: string;
  /** Alias of the customer-managed key created for the auditor (environment, logs, dead-letter queue). */
  readonly keyAlias: string;
  /** Regions buckets may be in (Canadian only). @default ca-central-1 and ca-west-1 */
  readonly allowedRegions?: string[];
  /** Buckets that must replicate (e.g. the primary data bucket). @default - none */
  readonly expectReplication?: string[];
  /** Buckets that must have object lock enabled. @default - none */
  readonly expectObjectLock?: string[];
  /**
   * When the audit runs, as an EventBridge Scheduler expression in UTC.
   * @default 'cron(30 6 * * ? *)' — daily at 06:30 UTC, after the nightly backup window
   */
  readonly schedule?: string;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

/** The handler's source next to this file's package layout: TypeScript in the repository, JavaScript once compiled. */
function handlerEntry(): string {
  const base = path.join(__dirname, '..', 'lib', 'verify', 'auditor-handler');
  for (const ext of ['.ts', '.js']) if (existsSync(base + ext)) return base + ext;
  throw new Error(`ResidencyAuditor: handler source not found at ${base}.ts or .js`);
}

/** The newest Node.js runtime this aws-cdk-lib knows (what AwsSolutions-L1 compares against). */
function latestNodeRuntime(): lambda.Runtime {
  const versions = lambda.Runtime.ALL.filter(
    (r) => r.family === lambda.RuntimeFamily.NODEJS && !r.isVariable && /^nodejs\d+\.x$/.test(r.name),
  );
  return versions.sort((a, b) => parseInt(b.name.slice(6), 10) - parseInt(a.name.slice(6), 10))[0];
}

/**
 * A daily, scheduled run of `ca-residency verify` over every bucket of the account. A Lambda function bundled
 * at synth with esbuild from lib/verify publishes `NonCompliantBuckets` and `ResidencyDrift`; an alarm on each
 * (and on the function's errors and undelivered invocations) pages the critical topic. Encrypted with its own
 * customer-managed key; permissions are read-only and in customer-managed policies.
 */
export class ResidencyAuditor extends Construct {
  readonly function: NodejsFunction;
  readonly key: ResidencyKey;
  readonly deadLetterQueue: sqs.Queue;
  readonly logGroup: logs.LogGroup;
  readonly schedule: scheduler.CfnSchedule;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ResidencyAuditorProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const allowedRegions = props.allowedRegions ?? ['ca-central-1', 'ca-west-1'];
    const foreign = allowedRegions.filter((r) => !isCanadianRegion(r));
    if (allowedRegions.length === 0 || foreign.length > 0) {
      throw new InvalidPropError(
        this,
        `allowedRegions must list Canadian regions only (got ${JSON.stringify(allowedRegions)})`,
      );
    }
    const functionName = `${props.namePrefix}-residency-auditor`;

    this.key = new ResidencyKey(this, 'Key', {
      alias: props.keyAlias,
      description: `Encrypts the residency auditor's environment, logs and dead-letter queue in ${stack.region}`,
      usableVia: ['lambda', 'sqs'],
    });
    allowCloudWatchLogs(this.key);

    // One queue for both kinds of lost invocation: the schedule could not invoke, or the function failed every retry.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      encryptionKey: this.key.key,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Residency auditor: reads bucket configuration, publishes its metrics',
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description:
        'Residency auditor: read-only S3 configuration and KMS key metadata, its own logs, metrics and dead-letter queue',
      roles: [role],
      statements: [
        // The verify calls' actions come from one table (lib/verify/verify-permissions), which a test checks
        // against the calls the handler really makes.
        new iam.PolicyStatement({ sid: 'ListBuckets', actions: verifyActions('none'), resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'ReadBucketConfiguration',
          actions: verifyActions('bucket'),
          resources: [`arn:${stack.partition}:s3:::*`],
        }),
        new iam.PolicyStatement({ sid: 'DescribeBucketKeys', actions: verifyActions('key'), resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'PublishAuditorMetrics',
          actions: [PUBLISH_METRICS_CALL.action],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': AUDITOR_NAMESPACE } },
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
        ...this.deadLetterStatements(),
      ],
    });

    acknowledgeFinding(
      policy,
      'AwsSolutions',
      'AwsSolutions-IAM5[Resource::*]',
      's3:ListAllMyBuckets and cloudwatch:PutMetricData have no resource type (PutMetricData is pinned to the auditor namespace by condition); kms:DescribeKey must read the default key of any bucket, whatever its region or account.',
    );
    acknowledgeFinding(
      policy,
      'AwsSolutions',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::*]',
      'The auditor reads the configuration (never the objects) of every bucket of the account, including buckets created outside CDK: that is its purpose.',
    );

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: 'Daily residency audit of every S3 bucket of the account (ca-residency verify)',
      entry: handlerEntry(),
      handler: 'handler',
      runtime: latestNodeRuntime(),
      // Grants CDK would add (environment key, DLQ) are in the managed policy above: no inline policy.
      role: role.withoutPolicyUpdates(),
      memorySize: 512,
      timeout: Duration.minutes(15),
      // No reserved concurrency: in a new account (quota 10) Lambda refuses any reservation, and deploy fails.
      // Runs do not overlap anyway: one scheduled invocation a day, retried only after an attempt has ended,
      // and a duplicate run is harmless (read-only calls, gauge metrics read with the Maximum statistic).
      retryAttempts: 2,
      deadLetterQueue: this.deadLetterQueue,
      environmentEncryption: this.key.key,
      environment: {
        [AUDITOR_ENV.allowedRegions]: allowedRegions.join(','),
        [AUDITOR_ENV.homeRegion]: stack.region,
        [AUDITOR_ENV.expectReplication]: (props.expectReplication ?? []).join(','),
        [AUDITOR_ENV.expectObjectLock]: (props.expectObjectLock ?? []).join(','),
      },
      logGroup: this.logGroup,
      bundling: {
        // Local esbuild (a pinned dev dependency): synth needs neither Docker nor the network.
        forceDockerBundling: false,
        // The SDK is bundled, not taken from the runtime: the versions tested here are the ones that run.
        externalModules: [],
        format: OutputFormat.CJS,
        minify: true,
        sourceMap: false,
        target: 'node22',
      },
    });
    this.function.node.addDependency(policy);
    acknowledgeFinding(
      this.function,
      'HIPAA.Security',
      'HIPAA.Security-LambdaConcurrency',
      'A reservation leaves less than the 10 unreserved executions Lambda requires in a new account (quota 10) and fails the deploy; one scheduled, read-only run a day needs no limit.',
    );
    acknowledgeFinding(
      this.function,
      'HIPAA.Security',
      'HIPAA.Security-LambdaInsideVPC',
      'The auditor calls the S3 endpoints of every region a bucket may be in and CloudWatch; the hosting VPC has no internet route and its S3 gateway endpoint serves its own region only. It reads configuration, never data.',
    );

    // EventBridge Scheduler invokes the function; failed deliveries (after retries) land in the dead-letter queue.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Residency auditor schedule: invokes the auditor function',
    });
    new iam.ManagedPolicy(this, 'SchedulerPolicy', {
      description:
        'Residency auditor schedule: invoke the auditor, send undelivered invocations to its dead-letter queue',
      roles: [schedulerRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'InvokeAuditor',
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.functionArn],
        }),
        ...this.deadLetterStatements(),
      ],
    });
    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      name: `${props.namePrefix}-residency-audit`,
      description: `Daily residency audit. Runbook: ${runbookPath(AUDITOR_RUNBOOK)}`,
      scheduleExpression: props.schedule ?? 'cron(30 6 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.function.functionArn,
        roleArn: schedulerRole.roleArn,
        // No input: the schedule then stores no payload at all, so there is nothing for a key to protect.
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });

    // Any non-zero count pages on-call. The audit runs once a day: no data between runs is not a problem.
    const alarms = new AlarmFactory(this, { alerting: props.alerting, namePrefix: props.namePrefix });
    const alarm = (id: string, description: string, metric: cloudwatch.IMetric) =>
      this.alarms.push(
        alarms.addAlarm({
          id,
          description,
          metric,
          runbook: AUDITOR_RUNBOOK,
          tier: 'critical',
          threshold: 0,
          comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        }),
      );
    const daily = { period: Duration.days(1), statistic: cloudwatch.Stats.MAXIMUM };
    alarm(
      'NonCompliantBuckets',
      'The residency auditor found buckets out of policy (location, encryption, versioning, public access, TLS or replication)',
      new cloudwatch.Metric({ namespace: AUDITOR_NAMESPACE, metricName: NON_COMPLIANT_BUCKETS_METRIC, ...daily }),
    );
    alarm(
      'ResidencyDrift',
      'The residency auditor found a bucket outside Canada or replicating outside Canada',
      new cloudwatch.Metric({ namespace: AUDITOR_NAMESPACE, metricName: RESIDENCY_DRIFT_METRIC, ...daily }),
    );
    alarm(
      'AuditorErrors',
      'The residency auditor function failed',
      this.function.metricErrors({ period: Duration.days(1), statistic: cloudwatch.Stats.SUM }),
    );
    alarm(
      'AuditorUndelivered',
      'A residency audit was not delivered or failed every retry (dead-letter queue not empty)',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.hours(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    );
  }

  /** Sending a lost invocation to the dead-letter queue, which is encrypted with the auditor's key. */
  private deadLetterStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'DeadLetters',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
      new iam.PolicyStatement({
        sid: 'UseAuditorKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.key.key.keyArn],
      }),
    ];
  }
}
