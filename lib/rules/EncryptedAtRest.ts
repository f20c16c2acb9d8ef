import { AtRestSpec, classifyType, CustomAtRest, DATA_STORES } from '../policy/encryption-catalogue';
import { conditionHolds, getPath, judgeCustomerKey, judgeSwitch } from './encryption-helpers';
import { literalOf, loneResource, resolveString, render } from './resolve';
import { CfnResourceJson, ResourceRule, ResourceUnderTest, RuleContext } from './types';
import { resourcesOfType } from './resources-of-type';

/**
 * CaResidency-EncryptedAtRest: every data store is encrypted at rest with a customer-managed KMS key of its own
 * region wherever the service supports one (never an AWS owned or `alias/aws/*` key); an absent property that
 * defaults to unencrypted fails; a switch or key that cannot be resolved fails closed.
 */
export const EncryptedAtRestWithCustomerKey: ResourceRule = {
  id: 'CaResidency-EncryptedAtRest',
  category: 'encryption-at-rest',
  severity: 'error',
  summary: 'Data stores are encrypted at rest with a customer-managed KMS key in their own region.',
  resourceTypes: Object.keys(DATA_STORES),
  check(resource, ctx) {
    const c = classifyType(resource.type);
    if (c.kind !== 'data') return;
    if ('custom' in c.spec) CUSTOM[c.spec.custom](resource, ctx);
    else checkSpec(resource, ctx, c.spec, resource.properties, 'Properties');
  },
};

/** Check a declarative spec against `props` found at `base`. */
export function checkSpec(
  resource: ResourceUnderTest,
  ctx: RuleContext,
  spec: AtRestSpec,
  props: unknown,
  base: string,
): void {
  const what = `${resource.type} ${resource.logicalId}`;
  if (spec.when && !conditionHolds(props, spec.when, resource.scope)) return;
  const keyHint = spec.key ? `${base}.${spec.key}` : undefined;
  if (spec.flag) {
    const path = `${base}.${spec.flag}`;
    const on = spec.flagOn ?? [true];
    const value = getPath(props, spec.flag);
    if (value === undefined) {
      if (!spec.encryptedByDefault) {
        ctx.report({
          path,
          message: `${what}: ${path} is not set and the service then stores the data unencrypted. Set it to ${on.map((o) => JSON.stringify(o)).join(' or ')}${keyHint ? ` with ${keyHint} set to a customer-managed KMS key` : ''}.`,
        });
        return;
      }
      if (on.length === 1 && on[0] === true && !spec.key) return;
    } else {
      const v = judgeSwitch(value, resource, on);
      if (v.state === 'unresolved') {
        ctx.report({
          path,
          message: `${what}: ${path} cannot be resolved at synth time (${v.reasons.join('; ')}), so encryption at rest cannot be proven. Set it literally to ${on.map((o) => JSON.stringify(o)).join(' or ')}.`,
        });
        return;
      }
      if (v.state === 'off') {
        ctx.report({
          path,
          message: `${what}: ${path} is ${JSON.stringify(v.shown)}, which does not encrypt with a customer-managed key. Set it to ${on.map((o) => JSON.stringify(o)).join(' or ')}${keyHint ? ` with ${keyHint} set to a customer-managed KMS key` : ''}.`,
        });
        return;
      }
    }
  }
  if (!spec.key) {
    if (!spec.flag && !spec.encryptedByDefault) {
      ctx.report({
        path: 'Type',
        message: spec.alternative
          ? `${what} cannot be encrypted at rest with a customer-managed key. Use ${spec.alternative}.`
          : `${what} cannot be encrypted at rest. Use an encrypted alternative (e.g. an ElastiCache replication group with AtRestEncryptionEnabled and a customer-managed key).`,
      });
    }
    return;
  }
  const keyPath = `${base}.${spec.key}`;
  const key = getPath(props, spec.key);
  if (key === undefined && spec.keyInheritedFrom) return;
  if (key === undefined) {
    if (!spec.flag && !spec.encryptedByDefault) {
      ctx.report({
        path: keyPath,
        message: `${what}: ${keyPath} is not set, so the data is stored unencrypted. Set it to a customer-managed KMS key.`,
      });
    } else {
      ctx.report({
        path: keyPath,
        message: `${what}: ${keyPath} is not set, so the data is encrypted with ${spec.defaultKey ?? 'an AWS managed key'}, which the client does not own. Set it to a customer-managed KMS key in this region.`,
      });
    }
    return;
  }
  judgeCustomerKey(key, resource, ctx, keyPath);
}

type Custom = (resource: ResourceUnderTest, ctx: RuleContext) => void;

/** The staging bucket of a Glue catalog with data lake access. */
const GLUE_DATA_LAKE: AtRestSpec = {
  encryptedByDefault: true,
  key: 'CatalogProperties.DataLakeAccessProperties.KmsKey',
  defaultKey: 'a key chosen by the service',
};

/**
 * Call `each` on every element of a list property; absent is nothing to judge, a list that is not literal (an
 * intrinsic) fails closed. Returns false for such a list.
 */
function forEachLiteral(
  resource: ResourceUnderTest,
  ctx: RuleContext,
  list: unknown,
  base: string,
  each: (item: unknown, path: string) => void,
): boolean {
  if (list === undefined) return true;
  if (!Array.isArray(list)) {
    ctx.report({
      path: base,
      message: `${resource.type} ${resource.logicalId}: ${base} is not a literal list (${JSON.stringify(list)}); volume encryption cannot be proven.`,
    });
    return false;
  }
  list.forEach((item: unknown, i: number) => each(item, `${base}[${i}]`));
  return true;
}

const EBS: AtRestSpec = {
  flag: 'Encrypted',
  encryptedByDefault: false,
  key: 'KmsKeyId',
  defaultKey: 'the aws/ebs key',
};

function blockDevices(
  resource: ResourceUnderTest,
  ctx: RuleContext,
  mappings: unknown,
  base: string,
  keySupported: boolean,
): void {
  if (mappings === undefined) {
    ctx.report({
      path: base,
      message: `${resource.type} ${resource.logicalId}: ${base} is not set, so the root volume's encryption is left to the image and account defaults. Declare the root volume with Ebs.Encrypted: true and a customer-managed KmsKeyId.`,
    });
    return;
  }
  forEachLiteral(resource, ctx, mappings, base, (m, path) => {
    const ebs = (m as { Ebs?: unknown } | undefined)?.Ebs;
    if (ebs === undefined) return; // instance store or NoDevice: no EBS volume
    if (keySupported) checkSpec(resource, ctx, EBS, ebs, `${path}.Ebs`);
    else {
      checkSpec(resource, ctx, { flag: 'Encrypted', encryptedByDefault: false }, ebs, `${path}.Ebs`);
      ctx.report({
        path: `${path}.Ebs`,
        message: `${resource.type} ${resource.logicalId} cannot select a customer-managed key for its volumes (aws/ebs is used). Use a launch template with Ebs.KmsKeyId.`,
      });
    }
  });
}

/** The resource of the same stack that `value` is a `Ref` or `Fn::GetAtt` of, alone (not inside other text). */
function resourceOfThisStack(
  value: unknown,
  resource: ResourceUnderTest,
): { readonly logicalId: string; readonly json: CfnResourceJson | undefined } | undefined {
  const hole = loneResource(resolveString(value, resource.scope));
  if (!hole || hole.stackName !== resource.scope.stackName) return undefined;
  return { logicalId: hole.logicalId, json: resource.scope.resources[hole.logicalId] };
}

const RDS_INSTANCE: AtRestSpec = {
  flag: 'StorageEncrypted',
  encryptedByDefault: false,
  key: 'KmsKeyId',
  defaultKey: 'the aws/rds key',
};

/**
 * A read replica stores the same data as its source. With its own KmsKeyId (required across regions) that key is
 * judged; without one it is encrypted like its source, so the source must be a DB instance of this stack whose
 * encryption passes. A source outside the stack cannot be proven and fails closed.
 */
function readReplica(resource: ResourceUnderTest, ctx: RuleContext): void {
  const p = resource.properties;
  const what = `AWS::RDS::DBInstance ${resource.logicalId} (read replica)`;
  if (p.KmsKeyId !== undefined) {
    judgeCustomerKey(p.KmsKeyId, resource, ctx, 'Properties.KmsKeyId');
    return;
  }
  const found = resourceOfThisStack(p.SourceDBInstanceIdentifier, resource);
  const source = found?.json;
  if (!found || source?.Type !== 'AWS::RDS::DBInstance') {
    ctx.report({
      path: 'Properties.KmsKeyId',
      message: `${what} has no KmsKeyId, so it stores data with its source's key, and its source ${JSON.stringify(p.SourceDBInstanceIdentifier)} is not a DB instance of this stack whose key can be judged. Set KmsKeyId to a customer-managed key of this region.`,
    });
    return;
  }
  const sourceProps = source.Properties ?? {};
  const sourceResource: ResourceUnderTest = {
    ...resource,
    logicalId: found.logicalId,
    properties: sourceProps,
    json: source,
  };
  // Judge the source's settings, but report on the replica, which holds a copy of the data.
  checkSpec(
    sourceResource,
    {
      ...ctx,
      report: (f) =>
        ctx.report({
          path: 'Properties.SourceDBInstanceIdentifier',
          message: `${what} stores data with the encryption of its source ${found.logicalId}: ${f.message}`,
        }),
    },
    RDS_INSTANCE,
    sourceProps,
    'Properties',
  );
}

/** Firehose S3 destinations (the main one, its source-record backup, and the backup bucket of other destinations). */
const FIREHOSE_S3_DESTINATIONS = [
  'S3DestinationConfiguration',
  'ExtendedS3DestinationConfiguration',
  'ExtendedS3DestinationConfiguration.S3BackupConfiguration',
  'RedshiftDestinationConfiguration.S3Configuration',
  'ElasticsearchDestinationConfiguration.S3Configuration',
  'AmazonopensearchserviceDestinationConfiguration.S3Configuration',
  'SplunkDestinationConfiguration.S3Configuration',
  'HttpEndpointDestinationConfiguration.S3Configuration',
];

/**
 * Objects Firehose writes to S3: `EncryptionConfiguration` absent or `NoEncryptionConfig: NoEncryption` means Firehose
 * asks for no key, so unless the stream itself uses a customer-managed key the objects get no customer key from it.
 * A destination bucket of this stack with a KMS default encryption (judged on the bucket) covers them.
 */
function firehoseObjects(
  resource: ResourceUnderTest,
  ctx: RuleContext,
  dest: Record<string, unknown>,
  base: string,
  streamCmk: boolean,
): void {
  const key = getPath(dest, 'EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN');
  if (key !== undefined) {
    judgeCustomerKey(key, resource, ctx, `${base}.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN`);
    return;
  }
  if (streamCmk || bucketEncryptsWithKms(resource, dest.BucketARN)) return;
  ctx.report({
    path: `${base}.EncryptionConfiguration`,
    message: `${resource.type} ${resource.logicalId} writes S3 objects with no encryption key (${dest.EncryptionConfiguration === undefined ? 'EncryptionConfiguration not set: NoEncryption' : 'NoEncryption'}) and the stream has no customer-managed key. Set EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN to a customer-managed key (CDK: encryptionKey on the S3 destination).`,
  });
}

/** Is `bucketArn` a bucket of this stack whose default encryption is SSE-KMS with an explicit key? */
function bucketEncryptsWithKms(resource: ResourceUnderTest, bucketArn: unknown): boolean {
  const bucket = resourceOfThisStack(bucketArn, resource)?.json;
  if (bucket?.Type !== 'AWS::S3::Bucket') return false;
  const byDefault = getPath(
    bucket.Properties,
    'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault',
  );
  const algorithm = literalOf(resolveString(getPath(byDefault, 'SSEAlgorithm'), resource.scope));
  return (
    (algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse') && getPath(byDefault, 'KMSMasterKeyID') !== undefined
  );
}

function dataCatalogEncrypted(resource: ResourceUnderTest): boolean {
  for (const scope of resource.scope.app.scopes) {
    if (scope.region !== resource.scope.region) continue;
    for (const id of resourcesOfType(scope, 'AWS::Glue::DataCatalogEncryptionSettings')) {
      const r = scope.resources[id];
      const mode = literalOf(
        resolveString(
          getPath(r.Properties, 'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode'),
          scope,
        ),
      );
      if (
        mode === 'SSE-KMS' &&
        getPath(r.Properties, 'DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId') !== undefined
      )
        return true;
    }
  }
  return false;
}

/**
 * SageMaker HyperPod instance groups. Each instance's root volume is encrypted with an AWS owned key unless an
 * `InstanceStorageConfigs` entry has `EbsVolumeConfig.RootVolume: true` with a `VolumeKmsKeyId`; each secondary EBS
 * volume needs its own `VolumeKmsKeyId` (API reference, ClusterEbsVolumeConfig).
 */
function sageMakerCluster(resource: ResourceUnderTest, ctx: RuleContext): void {
  const what = `${resource.type} ${resource.logicalId}`;
  for (const groupsProperty of ['InstanceGroups', 'RestrictedInstanceGroups']) {
    forEachLiteral(
      resource,
      ctx,
      resource.properties[groupsProperty],
      `Properties.${groupsProperty}`,
      (group, path) => {
        const base = `${path}.InstanceStorageConfigs`;
        let rootKeyed = false;
        const walked = forEachLiteral(
          resource,
          ctx,
          getPath(group, 'InstanceStorageConfigs'),
          base,
          (config, cpath) => {
            const ebs = getPath(config, 'EbsVolumeConfig');
            if (ebs === undefined) return; // an FSx mount: the file system is judged on its own
            const root = judgeSwitch(getPath(ebs, 'RootVolume') ?? false, resource, [true]).state === 'on';
            const keyPath = `${cpath}.EbsVolumeConfig.VolumeKmsKeyId`;
            const key = getPath(ebs, 'VolumeKmsKeyId');
            if (key === undefined) {
              ctx.report({
                path: keyPath,
                message: `${what}: ${keyPath} is not set, so the ${root ? 'root' : 'secondary'} EBS volume of each instance is encrypted with an AWS owned key, which the client does not own. Set it to a customer-managed KMS key in this region.`,
              });
              return;
            }
            if (judgeCustomerKey(key, resource, ctx, keyPath) && root) rootKeyed = true;
          },
        );
        if (walked && !rootKeyed) {
          ctx.report({
            path: base,
            message: `${what}: no entry of ${base} has EbsVolumeConfig.RootVolume: true with a customer-managed VolumeKmsKeyId, so each instance's root volume is encrypted with an AWS owned key. Add one.`,
          });
        }
      },
    );
  }
}

const CUSTOM: Record<CustomAtRest, Custom> = {
  S3Bucket(resource, ctx) {
    const rules = getPath(resource.properties, 'BucketEncryption.ServerSideEncryptionConfiguration');
    const what = `AWS::S3::Bucket ${resource.logicalId}`;
    if (rules === undefined) {
      ctx.report({
        path: 'Properties.BucketEncryption',
        message: `${what} has no BucketEncryption, so S3 uses SSE-S3 (S3 managed keys), which the client does not own. Use SSE-KMS with a customer-managed key (CDK: encryption: BucketEncryption.KMS, encryptionKey).`,
      });
      return;
    }
    if (!Array.isArray(rules) || rules.length === 0) {
      ctx.report({
        path: 'Properties.BucketEncryption.ServerSideEncryptionConfiguration',
        message: `${what}: the encryption configuration is not a literal non-empty list (${JSON.stringify(rules)}).`,
      });
      return;
    }
    rules.forEach((rule: unknown, i: number) => {
      const base = `Properties.BucketEncryption.ServerSideEncryptionConfiguration[${i}].ServerSideEncryptionByDefault`;
      const byDefault = (rule as { ServerSideEncryptionByDefault?: Record<string, unknown> } | undefined)
        ?.ServerSideEncryptionByDefault;
      const v = judgeSwitch(byDefault?.SSEAlgorithm, resource, ['aws:kms', 'aws:kms:dsse']);
      if (v.state === 'unresolved') {
        ctx.report({
          path: `${base}.SSEAlgorithm`,
          message: `${what}: SSEAlgorithm cannot be resolved at synth time (${v.reasons.join('; ')}). Set it to 'aws:kms'.`,
        });
      } else if (v.state === 'off') {
        ctx.report({
          path: `${base}.SSEAlgorithm`,
          message: `${what}: SSEAlgorithm is '${v.shown}' (S3 managed keys). Use 'aws:kms' with a customer-managed KMSMasterKeyID.`,
        });
      } else if (byDefault?.KMSMasterKeyID === undefined) {
        ctx.report({
          path: `${base}.KMSMasterKeyID`,
          message: `${what}: SSE-KMS without KMSMasterKeyID uses the AWS managed aws/s3 key. Set KMSMasterKeyID to a customer-managed key in this region.`,
        });
      } else {
        judgeCustomerKey(byDefault.KMSMasterKeyID, resource, ctx, `${base}.KMSMasterKeyID`);
      }
    });
  },
  Ec2Instance(resource, ctx) {
    blockDevices(resource, ctx, resource.properties.BlockDeviceMappings, 'Properties.BlockDeviceMappings', true);
  },
  LaunchTemplate(resource, ctx) {
    blockDevices(
      resource,
      ctx,
      getPath(resource.properties, 'LaunchTemplateData.BlockDeviceMappings'),
      'Properties.LaunchTemplateData.BlockDeviceMappings',
      true,
    );
  },
  LaunchConfiguration(resource, ctx) {
    blockDevices(resource, ctx, resource.properties.BlockDeviceMappings, 'Properties.BlockDeviceMappings', false);
  },
  RdsInstance(resource, ctx) {
    // Aurora instances store nothing themselves (the cluster does).
    if (resource.properties.DBClusterIdentifier !== undefined) return;
    if (resource.properties.SourceDBInstanceIdentifier !== undefined) {
      readReplica(resource, ctx);
      return;
    }
    checkSpec(resource, ctx, RDS_INSTANCE, resource.properties, 'Properties');
  },
  DynamoDBGlobalTable(resource, ctx) {
    checkSpec(
      resource,
      ctx,
      { flag: 'SSESpecification.SSEEnabled', encryptedByDefault: false },
      resource.properties,
      'Properties',
    );
    if (getPath(resource.properties, 'SSESpecification.SSEEnabled') === undefined) return;
    const type = judgeSwitch(getPath(resource.properties, 'SSESpecification.SSEType'), resource, ['KMS']);
    if (type.state !== 'on') {
      ctx.report({
        path: 'Properties.SSESpecification.SSEType',
        message: `AWS::DynamoDB::GlobalTable ${resource.logicalId}: SSEType must be 'KMS' with a customer-managed key per replica.`,
      });
      return;
    }
    const replicas = resource.properties.Replicas;
    if (!Array.isArray(replicas)) return;
    replicas.forEach((rep: unknown, i: number) => {
      const path = `Properties.Replicas[${i}].SSESpecification.KMSMasterKeyId`;
      const key = getPath(rep, 'SSESpecification.KMSMasterKeyId');
      if (key === undefined) {
        ctx.report({
          path,
          message: `AWS::DynamoDB::GlobalTable ${resource.logicalId}: replica ${i} has no KMSMasterKeyId, so it uses the AWS managed aws/dynamodb key. Give each replica a customer-managed key of its region.`,
        });
        return;
      }
      // A replica's key lives in the replica's region, which may differ from the stack's.
      const replicaRegion = literalOf(resolveString((rep as { Region?: unknown }).Region, resource.scope));
      const r = resolveString(key, resource.scope);
      const text = r ? literalOf(r) : undefined;
      if (text && /(^|:)alias\/aws\//.test(text)) {
        ctx.report({
          path,
          message: `AWS::DynamoDB::GlobalTable ${resource.logicalId}: replica ${i} uses '${text}', an AWS managed key. Use a customer-managed key.`,
        });
      } else if (replicaRegion === resource.scope.region || replicaRegion === undefined) {
        judgeCustomerKey(key, resource, ctx, path);
      } else if (r && !literalOf(r) && r.some((s) => typeof s !== 'string' && s.kind === 'unresolved')) {
        ctx.report({
          path,
          message: `AWS::DynamoDB::GlobalTable ${resource.logicalId}: replica ${i} key '${render(r)}' cannot be resolved at synth time.`,
        });
      }
    });
  },
  LambdaFunction(resource, ctx) {
    const vars = getPath(resource.properties, 'Environment.Variables');
    if (vars === undefined || (typeof vars === 'object' && vars !== null && Object.keys(vars).length === 0)) return;
    const key = resource.properties.KmsKeyArn;
    if (key === undefined) {
      ctx.report({
        path: 'Properties.KmsKeyArn',
        message: `AWS::Lambda::Function ${resource.logicalId} has environment variables encrypted with the AWS managed aws/lambda key. Set KmsKeyArn (CDK: environmentEncryption) to a customer-managed key, or keep data out of environment variables.`,
      });
      return;
    }
    judgeCustomerKey(key, resource, ctx, 'Properties.KmsKeyArn');
  },
  WorkSpace(resource, ctx) {
    // The root volume (C:) and the user volume (D:) both hold user data; one key (VolumeEncryptionKey) encrypts both.
    checkSpec(
      resource,
      ctx,
      { flag: 'RootVolumeEncryptionEnabled', encryptedByDefault: false },
      resource.properties,
      'Properties',
    );
    checkSpec(
      resource,
      ctx,
      {
        flag: 'UserVolumeEncryptionEnabled',
        encryptedByDefault: false,
        key: 'VolumeEncryptionKey',
        defaultKey: 'the aws/workspaces key',
      },
      resource.properties,
      'Properties',
    );
  },
  CodePipelineArtifactStores(resource, ctx) {
    const what = `AWS::CodePipeline::Pipeline ${resource.logicalId}`;
    const judgeStore = (store: unknown, base: string, region: string | undefined) => {
      const key = getPath(store, 'EncryptionKey.Id');
      if (key === undefined) {
        ctx.report({
          path: `${base}.EncryptionKey`,
          message: `${what}: ${base}.EncryptionKey is not set, so artifacts are encrypted with the aws/s3 key, which the client does not own. Set it to a customer-managed KMS key of the store's region (CDK: crossAccountKeys, or buckets with their own keys).`,
        });
        return;
      }
      judgeCustomerKey(key, resource, ctx, `${base}.EncryptionKey.Id`, region);
    };
    const single = resource.properties.ArtifactStore;
    if (single !== undefined) judgeStore(single, 'Properties.ArtifactStore', resource.scope.region);
    const stores = resource.properties.ArtifactStores;
    if (stores === undefined) return;
    if (!Array.isArray(stores)) {
      ctx.report({
        path: 'Properties.ArtifactStores',
        message: `${what}: Properties.ArtifactStores is not a literal list, so the stores' keys cannot be judged. Write the list out.`,
      });
      return;
    }
    stores.forEach((entry: unknown, i) => {
      const base = `Properties.ArtifactStores[${i}]`;
      const region = literalOf(resolveString(getPath(entry, 'Region'), resource.scope));
      if (region === undefined) {
        ctx.report({
          path: `${base}.Region`,
          message: `${what}: ${base}.Region cannot be resolved at synth time, so whether its key is of that region cannot be judged. Write the region literally.`,
        });
        return;
      }
      judgeStore(getPath(entry, 'ArtifactStore'), `${base}.ArtifactStore`, region);
    });
  },
  SageMakerCluster: sageMakerCluster,
  SageMakerMonitoringSchedule(resource, ctx) {
    // A schedule that names a separate job definition (MonitoringJobDefinitionName) is judged on that definition.
    const base = 'MonitoringScheduleConfig.MonitoringJobDefinition';
    const definition = getPath(resource.properties, base);
    if (definition === undefined) return;
    checkSpec(
      resource,
      ctx,
      {
        encryptedByDefault: true,
        key: 'MonitoringResources.ClusterConfig.VolumeKmsKeyId',
        defaultKey: 'an AWS managed key',
      },
      definition,
      `Properties.${base}`,
    );
  },
  WorkspaceInstance(resource, ctx) {
    blockDevices(
      resource,
      ctx,
      getPath(resource.properties, 'ManagedInstance.BlockDeviceMappings'),
      'Properties.ManagedInstance.BlockDeviceMappings',
      true,
    );
  },
  SchedulerSchedule(resource, ctx) {
    // Without a target input the schedule stores no payload: its name, state and expression are not data
    // (and AWS offers no customer-managed key for them).
    const target = resource.properties.Target as Record<string, unknown> | undefined;
    if (target?.Input === undefined) return;
    checkSpec(
      resource,
      ctx,
      { encryptedByDefault: true, key: 'KmsKeyArn', defaultKey: 'an AWS owned key' },
      resource.properties,
      'Properties',
    );
  },
  FirehoseDeliveryStream(resource, ctx) {
    const streamKey: AtRestSpec = {
      flag: 'DeliveryStreamEncryptionConfigurationInput.KeyType',
      flagOn: ['CUSTOMER_MANAGED_CMK'],
      encryptedByDefault: false,
      key: 'DeliveryStreamEncryptionConfigurationInput.KeyARN',
    };
    // Fed by a Kinesis stream: the stream's own encryption applies to the buffer (judged on the stream).
    const kinesisFed = resource.properties.KinesisStreamSourceConfiguration !== undefined;
    if (!kinesisFed) checkSpec(resource, ctx, streamKey, resource.properties, 'Properties');
    const streamCmk =
      judgeSwitch(getPath(resource.properties, streamKey.flag!), resource, streamKey.flagOn).state === 'on';
    for (const base of FIREHOSE_S3_DESTINATIONS) {
      const dest = getPath(resource.properties, base);
      if (dest !== undefined)
        firehoseObjects(resource, ctx, dest as Record<string, unknown>, `Properties.${base}`, streamCmk);
    }
  },
  OpenSearchServerlessCollection(resource, ctx) {
    const name = literalOf(resolveString(resource.properties.Name, resource.scope));
    const covered =
      name !== undefined &&
      resourcesOfType(resource.scope, 'AWS::OpenSearchServerless::SecurityPolicy').some((id) => {
        const r = resource.scope.resources[id];
        if (literalOf(resolveString(r.Properties?.Type, resource.scope)) !== 'encryption') return false;
        const policy = resolveString(r.Properties?.Policy, resource.scope);
        const text = policy ? render(policy) : '';
        return (
          text.includes(`collection/${name}`) && /"AWSOwnedKey"\s*:\s*false/.test(text) && text.includes('"KmsARN"')
        );
      });
    if (!covered) {
      ctx.report({
        path: 'Properties.Name',
        message: `AWS::OpenSearchServerless::Collection ${resource.logicalId} (${name ?? 'name not literal'}) has no encryption security policy in this stack with AWSOwnedKey false and a KmsARN, so it uses an AWS owned key. Add one with a customer-managed key.`,
      });
    }
  },
  Ec2Fleet(resource, ctx) {
    // Volumes come from the launch templates (judged there) unless an override declares block devices.
    forEachLiteral(
      resource,
      ctx,
      resource.properties.LaunchTemplateConfigs,
      'Properties.LaunchTemplateConfigs',
      (c, base) =>
        forEachLiteral(resource, ctx, getPath(c, 'Overrides'), `${base}.Overrides`, (o, obase) => {
          const mappings = getPath(o, 'BlockDeviceMappings');
          if (mappings !== undefined) blockDevices(resource, ctx, mappings, `${obase}.BlockDeviceMappings`, true);
        }),
    );
  },
  SpotFleet(resource, ctx) {
    // Launch specifications declare their volumes without a key option (launch templates are judged on their own).
    const base = 'Properties.SpotFleetRequestConfigData.LaunchSpecifications';
    forEachLiteral(
      resource,
      ctx,
      getPath(resource.properties, 'SpotFleetRequestConfigData.LaunchSpecifications'),
      base,
      (spec, b) => blockDevices(resource, ctx, getPath(spec, 'BlockDeviceMappings'), `${b}.BlockDeviceMappings`, false),
    );
  },
  OpsWorksLayer(resource, ctx) {
    // Layer volumes have an encryption switch but no key: at best the aws/ebs key.
    forEachLiteral(
      resource,
      ctx,
      resource.properties.VolumeConfigurations,
      'Properties.VolumeConfigurations',
      (v, base) => {
        checkSpec(resource, ctx, { flag: 'Encrypted', encryptedByDefault: false }, v, base);
        ctx.report({
          path: base,
          message: `${resource.type} ${resource.logicalId} cannot select a customer-managed key for its volumes (aws/ebs is used). Use EC2 instances or launch templates with Ebs.KmsKeyId.`,
        });
      },
    );
  },
  GlueDataLakeCatalog(resource, ctx) {
    CUSTOM.GlueCatalog(resource, ctx);
    // Data lake access (on, or not provably off) creates a staging bucket for query data.
    const access = getPath(resource.properties, 'CatalogProperties.DataLakeAccessProperties.DataLakeAccess');
    if (access === undefined || judgeSwitch(access, resource).state === 'off') return;
    checkSpec(resource, ctx, GLUE_DATA_LAKE, resource.properties, 'Properties');
  },
  GlueCatalog(resource, ctx) {
    if (!dataCatalogEncrypted(resource)) {
      ctx.report({
        path: 'Type',
        message: `${resource.type} ${resource.logicalId}: no AWS::Glue::DataCatalogEncryptionSettings with CatalogEncryptionMode 'SSE-KMS' and SseAwsKmsKeyId in region ${resource.scope.region ?? '?'} of this app, so catalog metadata is not encrypted with a customer-managed key. Add one.`,
      });
    }
  },
};
