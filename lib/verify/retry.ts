import { isRetryable } from './aws-errors';

/** How throttled calls are retried. Sleep is injected so tests run instantly. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Pause before the second attempt; doubled each time. @default 200 ms */
  readonly baseDelayMs?: number;
  /** Longest pause. @default 5000 ms */
  readonly maxDelayMs?: number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown when every attempt was throttled; carries the last error. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`${operation} still throttled or unavailable after ${attempts} attempts`);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Runs `call`, retrying throttling and transient errors with bounded exponential backoff
 * (base, 2×base, 4×base... capped at maxDelayMs). Any other error is thrown at once.
 */
export async function withRetry<T>(operation: string, call: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 6);
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 5000;
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= maxAttempts) throw new RetriesExhaustedError(operation, attempt, e);
      await sleep(Math.min(cap, base * 2 ** (attempt - 1)));
    }
  }
}
