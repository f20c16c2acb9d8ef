/**
 * Reading ARNs out of resolved text. An account the engine does not know stays symbolic as `${AWS::AccountId}`
 * (see resolve.ts), whose colons must not be taken for field separators.
 */

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  /** '' for global resources (S3 buckets, IAM). */
  readonly region: string;
  readonly account: string;
  /** Everything after the account field (`backup-vault:x`, `log-group:/a/b:*`, `bucket/prefix`). */
  readonly resource: string;
}

/** Symbolic pseudo parameters that may sit in an ARN field. */
const SYMBOLIC = /\$\{AWS::[A-Za-z]+\}/g;
const PLACEHOLDER = '\u0001';

/** The fields of the ARN `text` starts with, or undefined when `text` is not an ARN. */
export function parseArn(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const symbols: string[] = [];
  const flat = text.replace(SYMBOLIC, (m) => {
    symbols.push(m);
    return PLACEHOLDER;
  });
  const fields = flat.split(':');
  if (fields.length < 6) return undefined;
  // Fields are restored in order, so each symbol goes back where it was taken from.
  const restored = fields.map((f) => f.replace(/\u0001/g, () => symbols.shift() ?? ''));
  const [, partition, service, region, account] = restored;
  return { partition, service, region, account, resource: restored.slice(5).join(':') };
}
