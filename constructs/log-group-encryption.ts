import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ResidencyKey } from './residency-key';

const allowed = new WeakSet<ResidencyKey>();

/**
 * Lets CloudWatch Logs of the key's region encrypt this account's log groups with the key. The
 * documented condition is the log group ARN in the encryption context, which names account and region.
 * Safe to call more than once per key.
 */
export function allowCloudWatchLogs(key: ResidencyKey): void {
  if (allowed.has(key)) return;
  allowed.add(key);
  const stack = Stack.of(key);
  key.key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'UseByCloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
}
