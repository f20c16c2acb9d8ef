import { regionOfArn } from './bucket-location';
import { VerifyContext } from './context';

/** A problem with a bucket's default key; `cannotCheck` when the key could not be looked up at all. */
export interface KeyProblem {
  readonly message: string;
  readonly cannotCheck?: boolean;
}

/**
 * Judges the KMSMasterKeyID of a bucket in `bucketRegion`: it must be a customer-managed, enabled key of that
 * same region. A key id or alias name resolves in the bucket's region; an ARN names its own region.
 */
export async function judgeDefaultKey(keyId: string, bucketRegion: string, ctx: VerifyContext): Promise<KeyProblem[]> {
  const problems: KeyProblem[] = [];
  const named = regionOfArn(keyId);
  if (named !== undefined && named !== bucketRegion) {
    problems.push({
      message: `KMSMasterKeyID ${keyId} is a key of ${named}; the bucket is in ${bucketRegion}. Use a customer-managed key of ${bucketRegion}.`,
    });
  }
  if (/(^|:)alias\/aws\//.test(keyId)) {
    problems.push({
      message: `KMSMasterKeyID ${keyId} is an AWS managed key; use a customer-managed key of ${bucketRegion}.`,
    });
    return problems;
  }
  const described = await ctx.describeKey(keyId, named ?? bucketRegion);
  if (described.kind === 'failed')
    return [
      ...problems,
      {
        message: `${described.reason}, so whether ${keyId} is customer-managed cannot be confirmed.`,
        cannotCheck: true,
      },
    ];
  if (described.kind === 'absent')
    return [
      ...problems,
      { message: `KMSMasterKeyID ${keyId} does not exist (${described.error}): new objects cannot be written.` },
    ];
  const md = described.value;
  if (md.KeyManager !== 'CUSTOMER')
    problems.push({
      message: `KMSMasterKeyID ${keyId} is managed by ${md.KeyManager ?? 'an unknown manager'}, not the customer; use a customer-managed key of ${bucketRegion}.`,
    });
  const actual = md.Arn ? regionOfArn(md.Arn) : undefined;
  if (named === undefined && actual !== undefined && actual !== bucketRegion) {
    problems.push({
      message: `KMSMasterKeyID ${keyId} resolves to ${md.Arn}, a key of ${actual}; the bucket is in ${bucketRegion}.`,
    });
  }
  if (md.KeyState && md.KeyState !== 'Enabled')
    problems.push({
      message: `KMSMasterKeyID ${keyId} is ${md.KeyState}: objects encrypted with it cannot be read or written.`,
    });
  return problems;
}
