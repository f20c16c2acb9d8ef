import * as path from 'path';
import { CfnElement, DefaultStackSynthesizer, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep, Step } from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../../constructs/acknowledge-finding';
import { ResidencyKey } from '../../constructs/residency-key';
import { ConfigError } from '../config/config-error';
import { PipelineSettings } from '../config/pipeline';
import { PRIMARY_REGION, RECOVERY_REGION } from '../config/schema';
import { ArtifactReader, PipelineArtifactStore, PipelineNames } from './pipeline-artifact-store';
import { ResidencyStage } from './residency-stage';

/** Where the residency check step leaves its report: the step's output artifact. */
const CHECK_REPORT_DIRECTORY = 'residency-check';

export interface DeliveryPipelineProps {
  readonly settings: PipelineSettings;
  /** Prefix of the organisation's physical names (the shared `resourcePrefix`). */
  readonly resourcePrefix: string;
  /** The environment stages, built on the app; the pipeline deploys them wave by wave. */
  readonly stages: readonly ResidencyStage[];
  /** The `cdk synth` the pipeline runs: the same configuration the stages were built from. */
  readonly synthCommand: string;
  readonly tags?: Record<string, string>;
}

/** The ARN of a CDK bootstrap deploy role (the role CDK Pipelines deploys a stack with). */
function deployRoleArn(scope: Construct, account: string, region: string): string {
  const qualifier =
    (scope.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    account,
    resource: 'role',
    resourceName: `cdk-${qualifier}-deploy-role-${account}-${region}`,
  });
}

/**
 * The tooling account's ca-west-1 artifact store: CodePipeline copies artifacts there before a CloudFormation action
 * in ca-west-1. Ours rather than CDK's generated support stack, so its key and bucket follow the same rules as every
 * other store, and its name is known. Deployed before the pipeline stack (which depends on it).
 */
export class PipelineSupportStack extends Stack {
  readonly store: PipelineArtifactStore;

  constructor(
    scope: Construct,
    id: string,
    props: { names: PipelineNames; readerAccounts: readonly string[] } & StackProps,
  ) {
    const { names, readerAccounts, ...rest } = props;
    super(scope, id, {
      ...rest,
      env: { account: names.toolingAccountId, region: RECOVERY_REGION },
      stackName: names.stackName('support'),
      terminationProtection: true,
      description:
        'cdk-ca-residency delivery pipeline: ca-west-1 artifact store (bucket and key) in the tooling account',
    });
    const readers: ArtifactReader[] = readerAccounts.map((account) => ({
      account,
      roleArn: deployRoleArn(this, account, RECOVERY_REGION),
    }));
    this.store = new PipelineArtifactStore(this, 'ArtifactStore', {
      names,
      readers,
      writerRoleArn: this.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: names.pipelineRoleName(),
      }),
    });
  }
}

/**
 * The delivery pipeline (CDK Pipelines on CodePipeline) in the tooling account, in ca-central-1: source from a
 * CodeConnections connection or an S3 object, synth, tests and `ca-residency check` in CodeBuild (ca-central-1: there is
 * no CodeBuild in ca-west-1), then one wave per environment tier, with a person's approval before the waves that ask
 * for it. Artifact stores in both regions are ours, CMK-encrypted, so no support stack is generated anywhere.
 */
export class DeliveryPipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly store: PipelineArtifactStore;
  readonly support: PipelineSupportStack;
  readonly checkStep: ShellStep;
  readonly approvals: ManualApprovalStep[] = [];

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    const { settings } = props;
    const names = new PipelineNames(props.resourcePrefix, settings.toolingAccountId);
    super(scope, id, {
      env: { account: settings.toolingAccountId, region: PRIMARY_REGION },
      stackName: names.stackName('pipeline'),
      terminationProtection: true,
      description: 'cdk-ca-residency delivery pipeline (ca-central-1, tooling account): deploys every environment',
    });
    const recoveryAccounts = props.stages.filter((s) => s.stacks.recovery).map((s) => s.stacks.primary.account);
    this.support = new PipelineSupportStack(scope, `${id}Support`, { names, readerAccounts: recoveryAccounts });
    this.store = new PipelineArtifactStore(this, 'ArtifactStore', { names, readers: [] });

    // The ca-west-1 store, by name: its key by its alias ARN (a key id is random, an alias is not).
    const westKey = kms.Key.fromKeyArn(
      this.support,
      'ArtifactKeyByAlias',
      ResidencyKey.aliasArn(this, names.artifactKeyAlias(), RECOVERY_REGION, settings.toolingAccountId),
    );
    const westArtifacts = s3.Bucket.fromBucketAttributes(this.support, 'ArtifactsByName', {
      bucketName: names.artifactBucketName(RECOVERY_REGION),
      region: RECOVERY_REGION,
      account: settings.toolingAccountId,
      encryptionKey: westKey,
    });

    const role = new iam.Role(this, 'PipelineRole', {
      roleName: names.pipelineRoleName(),
      assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com'),
      description: 'Runs the cdk-ca-residency delivery pipeline',
    });

    const source = pipelineSource(this, settings);
    const synth = new ShellStep('Synth', {
      input: source,
      installCommands: ['npm ci --no-audit --no-fund'],
      commands: [props.synthCommand],
      primaryOutputDirectory: 'cdk.out',
    });
    this.checkStep = new ShellStep('ResidencyCheck', {
      input: source,
      additionalInputs: { 'cdk.out': synth },
      installCommands: ['npm ci --no-audit --no-fund'],
      commands: [
        'npm test',
        `mkdir -p ${CHECK_REPORT_DIRECTORY}`,
        // One shell line: the reports are kept whatever the verdict, then the step fails if check found anything.
        `npx tsx bin/ca-residency.ts check cdk.out --format markdown --output ${CHECK_REPORT_DIRECTORY}/check.md; status=$?; cp cdk.out/residency-report.md cdk.out/residency-report.json ${CHECK_REPORT_DIRECTORY}/; exit $status`,
      ],
      primaryOutputDirectory: CHECK_REPORT_DIRECTORY,
    });

    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: names.pipelineName(),
      role,
      synth,
      crossAccountKeys: true,
      enableKeyRotation: true,
      crossRegionReplicationBuckets: {
        [PRIMARY_REGION]: this.store.artifacts.bucket,
        [RECOVERY_REGION]: westArtifacts,
      },
      // One publishing project per asset type rather than one per asset: fewer projects as environments grow.
      publishAssetsInParallel: false,
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
        // The project's Node.js (package.json engines), not the image's default.
        partialBuildSpec: codebuild.BuildSpec.fromObject({
          phases: { install: { 'runtime-versions': { nodejs: '20' } } },
        }),
      },
    });

    const stageByName = new Map(props.stages.map((stage) => [stage.node.id, stage]));
    settings.plannedWaves.forEach((planned, index) => {
      const pre: Step[] = [];
      if (index === 0) pre.push(this.checkStep);
      if (planned.approval) {
        const approval = new ManualApprovalStep(`Approve-${planned.tier}`, {
          comment: `Deploy the ${planned.tier} environment(s) ${planned.environmentNames.join(', ')}? Read the residency-check artifact first.`,
        });
        if (index === 0) approval.addStepDependency(this.checkStep);
        this.approvals.push(approval);
        pre.push(approval);
      }
      const wave = this.pipeline.addWave(planned.tier, { pre });
      for (const name of planned.environmentNames) wave.addStage(stageByName.get(name)!);
    });
    this.pipeline.buildPipeline();
    if (settings.source.kind === 'connection') allowConnectionUse(this, settings.source.connectionArn);
    acknowledgeGeneratedPermissions(this, this.store, names.artifactBucketName(RECOVERY_REGION));
    for (const stack of [this, this.support])
      for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(stack).add(key, value);
  }
}

function pipelineSource(scope: Construct, settings: PipelineSettings): CodePipelineSource {
  const source = settings.source;
  if (source.kind === 'connection')
    return CodePipelineSource.connection(source.repository, source.branch, { connectionArn: source.connectionArn });
  return CodePipelineSource.s3(s3.Bucket.fromBucketName(scope, 'SourceBucket', source.bucketName), source.objectKey);
}

/**
 * CDK grants the source action `codestar-connections:UseConnection`, which matches only connections whose ARN has the
 * same prefix: IAM compares the service prefix of action and resource. A connection created since July 2024 has a
 * `codeconnections` ARN (Developer Tools console guide, "Rename connections"), so its role needs that action too.
 */
function allowConnectionUse(stack: Stack, connectionArn: string): void {
  if (!connectionArn.startsWith('arn:aws:codeconnections:')) return;
  const sourceRoles = stack.node
    .findAll()
    .filter((c): c is iam.Role => c instanceof iam.Role && c.node.path.includes('/Pipeline/Pipeline/Source/'));
  for (const role of sourceRoles)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['codeconnections:UseConnection'], resources: [connectionArn] }),
    );
}

/**
 * The synth command the pipeline runs: the app's own, with the configuration file it was given (a path relative to
 * the repository). Single-field `-c caResidency.<path>` overrides are not carried over: put them in the file.
 */
export function pipelineSynthCommand(configFile: unknown, repositoryRoot = process.cwd()): string {
  if (typeof configFile !== 'string' || configFile === '') return 'npx cdk synth';
  // The pipeline synthesizes in its own checkout: the file must be named from the repository's root.
  const relative = path.relative(repositoryRoot, path.resolve(repositoryRoot, configFile)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ConfigError(
      [
        {
          path: 'caResidencyConfigFile',
          value: configFile,
          message: 'the delivery pipeline synthesizes from the repository: keep the configuration file inside it',
        },
      ],
      'context',
    );
  }
  return `npx cdk synth -c caResidencyConfigFile=${relative}`;
}

const ARTIFACT_ACTIONS =
  'CDK grants the pipeline, its actions and its CodeBuild projects the S3 and KMS action groups they need on the artifact bucket and key of their region only (the resources are named; the wildcard is in the action family)';

/**
 * Acknowledges what CDK Pipelines generates and cannot be written otherwise, each with its reason. Findings on the
 * resources we write (buckets, keys, the pipeline's artifact stores) are not acknowledged: they pass.
 */
function acknowledgeGeneratedPermissions(stack: Stack, store: PipelineArtifactStore, westBucketName: string): void {
  const ack = (rule: string, reason: string) => acknowledgeFinding(stack, 'AwsSolutions', rule, reason);
  for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'])
    ack(`AwsSolutions-IAM5[Action::${action}]`, ARTIFACT_ACTIONS);
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*'])
    ack(`AwsSolutions-IAM5[Action::${action}]`, ARTIFACT_ACTIONS);
  const bucketId = stack.getLogicalId(store.artifacts.bucket.node.defaultChild as CfnElement);
  const objects =
    'Artifact object keys are generated per pipeline execution; the grant covers the objects of the pipeline artifact bucket of this region and nothing else';
  ack(`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, objects);
  ack(`AwsSolutions-IAM5[Resource::arn:aws:s3:::${westBucketName}/*]`, objects);
  ack(
    'AwsSolutions-IAM5[Resource::*]',
    'Three CDK Pipelines grants have no resource to name: KMS use of the ca-west-1 artifact key (CDK cannot name a key of another region; the key policy admits only this role, through S3 of ca-west-1), cloudformation:DescribeStacks and s3:ListBucket for `cdk deploy` of the pipeline itself, and codebuild:StartBuild/BatchGetBuilds for the asset publishing action',
  );
  for (const project of stack.node
    .findAll()
    .filter((c): c is codebuild.CfnProject => c instanceof codebuild.CfnProject)) {
    const id = stack.getLogicalId(project);
    const prefix = `arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/<${id}>`;
    ack(
      `AwsSolutions-IAM5[Resource::${prefix}:*]`,
      'CodeBuild writes one log stream per build in the log group of its own project; the stream names are generated per build',
    );
    ack(
      `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${stack.region}:${stack.account}:report-group/<${id}>-*]`,
      'CodeBuild names the report groups of a project after the project; the grant is limited to that project',
    );
  }
  ack(
    `AwsSolutions-IAM5[Resource::arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/*]`,
    'The asset publishing role serves the publishing projects CDK Pipelines creates as assets appear; it may write only CodeBuild log groups of this account and region',
  );
  ack(
    `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${stack.region}:${stack.account}:report-group/*]`,
    'The asset publishing role serves the publishing projects CDK Pipelines creates as assets appear; it may write only CodeBuild reports of this account and region',
  );
  ack(
    `AwsSolutions-IAM5[Resource::arn:*:iam::${stack.account}:role/*]`,
    'The self-mutation step runs `cdk deploy` of the pipeline: it may assume only the CDK bootstrap roles of the tooling account (condition on the aws-cdk:bootstrap-role tag)',
  );
  acknowledgeFinding(
    stack,
    'HIPAA.Security',
    'HIPAA.Security-IAMNoInlinePolicy',
    'CDK Pipelines writes one policy per role it creates, from the grants of its actions; each is bound to its role, version-controlled in this template and deleted with it',
  );
  acknowledgeFinding(
    stack,
    'HIPAA.Security',
    'HIPAA.Security-CodeBuildProjectSourceRepoUrl',
    'The projects take their input from the pipeline (source type CODEPIPELINE): no repository URL and no credentials of their own; the repository is reached only through the CodeConnections connection',
  );
}
