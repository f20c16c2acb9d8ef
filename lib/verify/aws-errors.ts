/** What verify needs to know about an error thrown by an AWS SDK v3 call. */

interface SdkErrorLike {
  readonly name?: string;
  readonly Code?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

/** The error's AWS name (`NoSuchBucketPolicy`, `AccessDenied`...), or its JS name. */
export function errorName(e: unknown): string {
  const x = (e ?? {}) as SdkErrorLike;
  return x.name && x.name !== 'Error' ? x.name : (x.Code ?? x.code ?? x.name ?? 'Error');
}

function httpStatus(e: unknown): number | undefined {
  return ((e ?? {}) as SdkErrorLike).$metadata?.httpStatusCode;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AllAccessDisabled',
  'UnauthorizedOperation',
  'InvalidAccessKeyId',
  'ExpiredToken',
]);

/** The caller may not make this call (missing permission, a bucket policy or SCP denying it). */
export function isAccessDenied(e: unknown): boolean {
  return ACCESS_DENIED.has(errorName(e)) || httpStatus(e) === 403;
}

const THROTTLING = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'ServiceUnavailable',
  'InternalError',
]);
const TRANSIENT_NETWORK = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Worth trying again after a pause: throttling, 5xx/429 and transient network errors. */
export function isRetryable(e: unknown): boolean {
  const name = errorName(e);
  const status = httpStatus(e);
  return THROTTLING.has(name) || TRANSIENT_NETWORK.has(name) || status === 429 || status === 503 || status === 500;
}

/** True when the error is one of `names` (a configuration that is simply absent, e.g. `NoSuchBucketPolicy`). */
export function isOneOf(e: unknown, ...names: string[]): boolean {
  return names.includes(errorName(e));
}

/** No usable credentials in the environment: nothing can be checked, so the whole run stops (exit 2). */
export function isCredentialsError(e: unknown): boolean {
  return isOneOf(e, 'CredentialsProviderError', 'TokenProviderError');
}
