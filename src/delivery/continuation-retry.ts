import type { DeliveryError } from '../errors/delivery-error.js';
import { decideRetry } from './retry-policy.js';

export interface ContinuationRetryOptions {
	/** Tries of one part on 5xx or network errors before the post fails. */
	readonly attempts: number;
	/** Backoff before the first retry (doubled each time, with jitter as in the worker's policy). */
	readonly backoffBaseMs: number;
	/** Longest 429 `retry_after` waited out in place; a longer one fails the post. */
	readonly maxWaitMs: number;
}

/**
 * Sends a later part of a multi-part post. Once the first part is out, giving the job back to
 * the worker would repeat it, so a later part is retried in place, by the same rule the worker
 * applies to whole posts ({@link decideRetry}): a 429 waits its `retry_after` (up to
 * `maxWaitMs`), a transient failure backs off, anything else fails at once. The error that ends
 * it is rethrown as the platform raised it, so the transport can still read it (a migrated chat).
 */
export async function sendContinuation<T>(send: () => Promise<T>, classify: (error: unknown) => DeliveryError, options: ContinuationRetryOptions): Promise<T> {
	const policy = { maxAttempts: options.attempts, backoffBaseMs: options.backoffBaseMs, backoffMaxMs: options.backoffBaseMs * 2 ** options.attempts, maxRateLimited: Number.POSITIVE_INFINITY, defaultRetryAfterMs: 1_000 };
	const counts = { failures: 0, rateLimited: 0 };
	for (;;) {
		try {
			return await send();
		} catch (error) {
			const decision = decideRetry(classify(error), counts, policy);
			if (decision.action !== 'retry' || (decision.cause === 'rate-limited' && decision.delayMs > options.maxWaitMs)) throw error;
			if (decision.cause === 'transient') counts.failures += 1;
			else counts.rateLimited += 1;
			await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
		}
	}
}
