import { classifyType, CustomAtRest } from '../policy/encryption-catalogue';
import { conditionHolds, getPath } from '../rules/encryption-helpers';
import { literalOf, resolveString } from '../rules/resolve';
import { CfnResourceJson, TemplateScope } from '../rules/types';
import { AtRestFacts, KeyFacts } from './model';

/** A finding on the resource, as the inventory mentions it: where, and whether it is open, exempted or acknowledged. */
export interface FindingNote {
  readonly path: string;
  readonly state: 'open' | 'exempted' | 'acknowledged';
}
import { referenceOf, regionOfArn } from './references';

/**
 * Where the key sits for the catalogue's custom types (the catalogue gives the path for the others): a path, or for
 * types with one entry per region, the path of the stack's own region's entry.
 */
type KeyPath = string | ((props: Record<string, unknown>, scope: TemplateScope) => string) | undefined;

const CUSTOM_KEY_PATHS: Record<CustomAtRest, KeyPath> = {
  S3Bucket: 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID',
  Ec2Instance: 'BlockDeviceMappings[0].Ebs.KmsKeyId',
  LaunchTemplate: 'LaunchTemplateData.BlockDeviceMappings[0].Ebs.KmsKeyId',
  LaunchConfiguration: undefined,
  RdsInstance: 'KmsKeyId',
  DynamoDBGlobalTable: (props, scope) => globalTableKeyPath(props, scope),
  LambdaFunction: 'KmsKeyArn',
  FirehoseDeliveryStream: 'DeliveryStreamEncryptionConfigurationInput.KeyARN',
  OpenSearchServerlessCollection: undefined,
  GlueCatalog: undefined,
  CodePipelineArtifactStores: (props, scope) => pipelineKeyPath(props, scope),
  SchedulerSchedule: 'KmsKeyArn',
  WorkSpace: 'VolumeEncryptionKey',
  Ec2Fleet: 'LaunchTemplateConfigs[0].Overrides[0].BlockDeviceMappings[0].Ebs.KmsKeyId',
  SpotFleet: undefined,
  OpsWorksLayer: undefined,
  GlueDataLakeCatalog: 'CatalogProperties.DataLakeAccessProperties.KmsKey',
  SageMakerCluster: 'InstanceGroups[0].InstanceStorageConfigs[0].EbsVolumeConfig.VolumeKmsKeyId',
  SageMakerMonitoringSchedule:
    'MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.VolumeKmsKeyId',
  WorkspaceInstance: 'ManagedInstance.BlockDeviceMappings[0].Ebs.KmsKeyId',
};

/**
 * A global table's key in the stack's own region: the replica of that region (the others are judged in theirs, each
 * with a key of its own region). The first replica when none names the stack's region literally.
 */
function globalTableKeyPath(props: Record<string, unknown>, scope: TemplateScope): string {
  return `Replicas[${ownRegionIndex(props.Replicas, scope)}].SSESpecification.KMSMasterKeyId`;
}

/** The index of the entry whose `Region` is the stack's region, or 0 when none names it literally. */
function ownRegionIndex(entries: unknown, scope: TemplateScope): number {
  const list: unknown[] = Array.isArray(entries) ? entries : [];
  const own = list.findIndex(
    (e) => literalOf(resolveString((e as Record<string, unknown> | undefined)?.Region, scope)) === scope.region,
  );
  return own < 0 ? 0 : own;
}

/** A pipeline's key in the stack's own region: its single store, or the store of that region among several. */
function pipelineKeyPath(props: Record<string, unknown>, scope: TemplateScope): string {
  if (props.ArtifactStore !== undefined || !Array.isArray(props.ArtifactStores))
    return 'ArtifactStore.EncryptionKey.Id';
  return `ArtifactStores[${ownRegionIndex(props.ArtifactStores, scope)}].ArtifactStore.EncryptionKey.Id`;
}

const KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey']);

/** Is this type a data store of the catalogue? */
export function isDataStore(type: string): boolean {
  return classifyType(type).kind === 'data';
}

/** The key a KMS reference designates: a key of the app (through its alias too), or the ARN/alias text. */
export function keyFacts(value: unknown, scope: TemplateScope): KeyFacts | undefined {
  const ref = referenceOf(value, scope);
  if (!ref) return undefined;
  if (ref.kind === 'resource') {
    const target = scope.app.scopes.find((s) => s.stackName === ref.stackName);
    const res = target?.resources[ref.logicalId];
    // An alias of the app: report the key it targets.
    if (res?.Type === 'AWS::KMS::Alias' && target) {
      const inner = keyFacts(res.Properties?.TargetKeyId, target);
      if (inner) return inner;
    }
    return { logicalId: ref.logicalId, stackName: ref.stackName, region: ref.region };
  }
  if (ref.kind === 'opaque') return { reference: ref.text, region: ref.region };
  const text = ref.text;
  const arnRegion = regionOfArn(text);
  if (arnRegion) return { reference: text, region: arnRegion };
  // A bare key id or alias name designates a key of the stack's own region.
  return { reference: text, region: scope.region };
}

/**
 * Encryption at rest of a data store. The status is `customer-managed` only when a key is set and the engine
 * raised no encryption-at-rest finding on the resource (`issue`), so the report never says more than the rules proved.
 */
export function atRestFacts(json: CfnResourceJson, scope: TemplateScope, issue: FindingNote | undefined): AtRestFacts {
  const hasAtRestFinding = issue !== undefined;
  const c = classifyType(json.Type);
  if (c.kind !== 'data') return { status: 'not-proven', detail: 'not a catalogued data store' };
  const spec = c.spec;
  const props = json.Properties ?? {};
  // An Aurora instance stores nothing of its own: its cluster's storage (and key) holds the data.
  const cluster = json.Type === 'AWS::RDS::DBInstance' ? referenceOf(props.DBClusterIdentifier, scope) : undefined;
  if (cluster?.kind === 'resource' && !hasAtRestFinding) {
    const target = scope.app.scopes.find((t) => t.stackName === cluster.stackName);
    const clusterJson = target?.resources[cluster.logicalId];
    if (target && clusterJson?.Type === 'AWS::RDS::DBCluster') {
      const facts = atRestFacts(clusterJson, target, undefined);
      return { ...facts, detail: `${facts.detail}, of its Aurora cluster ${cluster.logicalId}` };
    }
  }
  if (!('custom' in spec) && spec.when && !hasAtRestFinding && !conditionHolds(props, spec.when, scope)) {
    return {
      status: 'service-managed',
      detail: `stores nothing at rest itself in this configuration (${spec.when.property} is not ${spec.when.values.join(' or ')})`,
    };
  }
  const custom = 'custom' in spec ? CUSTOM_KEY_PATHS[spec.custom] : undefined;
  const keyPath = 'custom' in spec ? (typeof custom === 'function' ? custom(props, scope) : custom) : spec.key;
  const keyValue = keyPath ? getPath(props, keyPath) : undefined;
  const key = keyValue !== undefined ? keyFacts(keyValue, scope) : undefined;
  if (key && !hasAtRestFinding) {
    const customerManaged =
      key.logicalId !== undefined
        ? KEY_TYPES.has(typeOfKey(key, scope))
        : !/(^|:)alias\/aws\//.test(key.reference ?? '');
    if (customerManaged) return { status: 'customer-managed', key, detail: 'customer-managed KMS key' };
  }
  if (hasAtRestFinding) {
    return {
      status: keyValue === undefined && !('custom' in spec) && !spec.encryptedByDefault ? 'unencrypted' : 'not-proven',
      key,
      detail: `${issue.state} finding at ${issue.path}`,
    };
  }
  if (json.Type === 'AWS::Lambda::Function')
    return {
      status: 'service-managed',
      detail: 'no environment variables; code encrypted by Lambda with an AWS managed key',
    };
  if (
    json.Type === 'AWS::Scheduler::Schedule' &&
    (props.Target as Record<string, unknown> | undefined)?.Input === undefined
  ) {
    return { status: 'service-managed', detail: 'no target input: the schedule stores no payload' };
  }
  if ('custom' in spec) return { status: 'not-proven', key, detail: 'encryption not determined from the template' };
  if (spec.keyInheritedFrom && keyValue === undefined)
    return { status: 'service-managed', detail: `encrypted with ${spec.keyInheritedFrom} (judged there)` };
  if (spec.encryptedByDefault)
    return {
      status: 'service-managed',
      detail: spec.defaultKey
        ? `${spec.defaultKey} (service default; no customer-managed key option used)`
        : 'encrypted by the service (no key option)',
    };
  const flag = spec.flag ? literalOf(resolveString(getPath(props, spec.flag), scope)) : undefined;
  return { status: 'unencrypted', detail: flag !== undefined ? `${spec.flag} is ${flag}` : 'not encrypted' };
}

function typeOfKey(key: KeyFacts, scope: TemplateScope): string {
  const s = scope.app.scopes.find((x) => x.stackName === key.stackName);
  return (key.logicalId && s?.resources[key.logicalId]?.Type) || '';
}
