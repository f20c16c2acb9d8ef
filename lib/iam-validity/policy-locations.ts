/**
 * Where CloudFormation resources carry IAM policy documents: identity policies, trust policies and the resource
 * policies of buckets, keys, topics, queues, vaults and the other services that have one. A catalogue, so a type
 * added here is checked everywhere.
 */
export interface PolicyLocation {
  /** Property path of one document, `[]` marking an array of objects each holding one (`Policies[].PolicyDocument`). */
  readonly path: string;
  /** What kind of policy it is: a trust policy's actions are STS actions on the role itself. */
  readonly kind: 'identity' | 'resource' | 'trust';
}

export const POLICY_LOCATIONS: Readonly<Record<string, readonly PolicyLocation[]>> = {
  'AWS::IAM::Policy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Role': [
    { path: 'AssumeRolePolicyDocument', kind: 'trust' },
    { path: 'Policies[].PolicyDocument', kind: 'identity' },
  ],
  'AWS::IAM::User': [{ path: 'Policies[].PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Group': [{ path: 'Policies[].PolicyDocument', kind: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::S3::AccessPoint': [{ path: 'Policy', kind: 'resource' }],
  'AWS::KMS::Key': [{ path: 'KeyPolicy', kind: 'resource' }],
  'AWS::KMS::ReplicaKey': [{ path: 'KeyPolicy', kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::Backup::BackupVault': [{ path: 'AccessPolicy', kind: 'resource' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: 'ResourcePolicy', kind: 'resource' }],
  'AWS::ECR::Repository': [{ path: 'RepositoryPolicyText', kind: 'resource' }],
  'AWS::Logs::ResourcePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::EFS::FileSystem': [{ path: 'FileSystemPolicy', kind: 'resource' }],
  'AWS::DynamoDB::Table': [{ path: 'ResourcePolicy.PolicyDocument', kind: 'resource' }],
  'AWS::OpenSearchService::Domain': [{ path: 'AccessPolicies', kind: 'resource' }],
};

/** Every document at a location of a resource's properties, with its property path (`Policies[1].PolicyDocument`). */
export function documentsAt(
  properties: Record<string, unknown>,
  location: PolicyLocation,
): { path: string; document: unknown }[] {
  let found: { path: string; value: unknown }[] = [{ path: '', value: properties }];
  for (const segment of location.path.split('.')) {
    const many = segment.endsWith('[]');
    const name = many ? segment.slice(0, -2) : segment;
    found = found.flatMap(({ path, value }) => {
      const child = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
      const childPath = path ? `${path}.${name}` : name;
      if (child === undefined) return [];
      if (!many) return [{ path: childPath, value: child }];
      return Array.isArray(child) ? child.map((item, i) => ({ path: `${childPath}[${i}]`, value: item })) : [];
    });
  }
  return found.map(({ path, value }) => ({ path: `Properties.${path}`, document: value }));
}
