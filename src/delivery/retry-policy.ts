import { DeliveryError } from '../errors/delivery-error.js';
import type { EndReason } from '../subscriptions/subscription.js';
import type { DeliveryJob } from './delivery-job.js';

export interface RetryPolicyOptions {
	/** Transient failures (5xx, network) before a job is marked failed. */
	readonly maxAttempts: number;
	readonly backoffBaseMs: number;
	readonly backoffMaxMs: number;
	/** 429s tolerated for one job: high, because waiting out a flood always ends; finite, so a broken limiter cannot spin forever. */
	readonly maxRateLimited: number;
	/** Used when a 429 carries no retry_after. */
	readonly defaultRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicyOptions = { maxAttempts: 5, backoffBaseMs: 1_000, backoffMaxMs: 60_000, maxRateLimited: 50, defaultRetryAfterMs: 1_000 };

/**
 * How a later part of a post is retried in place (post-sequence.ts). Once the first part is
 * out, giving the job back would repeat it, so the part is retried where it stands, by the same
 * rule as a whole post, with short numbers: a reader is looking at half a post meanwhile.
 */
export interface PartRetryPolicy {
	/** Tries of one part on 5xx or network errors before the post fails. */
	readonly maxAttempts: number;
	/** Backoff before the first retry, doubled each time (with the same jitter as a job's). */
	readonly backoffBaseMs: number;
	/**
	 * Longest 429 `retry_after` waited out in place; a longer one fails the post. A transport
	 * whose HTTP client waits out rate limits itself (discord.js) uses the same ceiling.
	 */
	readonly maxRetryAfterMs: number;
}

export const defaultPartRetryPolicy: PartRetryPolicy = { maxAttempts: 3, backoffBaseMs: 250, maxRetryAfterMs: 30_000 };

/**
 * How an engine retries its own store (Redis) when it fails, as opposed to a platform's answer,
 * which {@link decideRetry} handles. A job whose step threw (the store failed before a send) is
 * retried by BullMQ `jobAttempts` times with exponential backoff from `jobBackoffMs`; a post
 * that went out but could not be recorded is recorded again up to `recordAttempts` times,
 * backing off from `recordBackoffMs` to at most `recordBackoffMaxMs`, holding the job (and its
 * lock) rather than failing it and sending the post again.
 */
export const storeRetryPolicy = { jobAttempts: 5, jobBackoffMs: 1_000, recordAttempts: 20, recordBackoffMs: 100, recordBackoffMaxMs: 5_000 } as const;

/** A part's policy as the job policy {@link decideRetry} reads: 429s never exhaust it, only `maxRetryAfterMs` does. */
export function jobPolicyOf(part: PartRetryPolicy): RetryPolicyOptions {
	return { maxAttempts: part.maxAttempts, backoffBaseMs: part.backoffBaseMs, backoffMaxMs: part.backoffBaseMs * 2 ** part.maxAttempts, maxRateLimited: Number.POSITIVE_INFINITY, defaultRetryAfterMs: defaultRetryPolicy.defaultRetryAfterMs };
}

export type RetryDecision =
	| { readonly action: 'retry'; readonly delayMs: number; readonly cause: 'rate-limited' | 'transient' }
	| { readonly action: 'end-subscription'; readonly reason: EndReason }
	| { readonly action: 'fail' };

/**
 * The one place that decides what a failed send leads to:
 * 429 → wait the platform's retry_after and try again (it is the platform telling us when);
 * 5xx and network → capped exponential backoff with jitter, then give up on this job;
 * gone (blocked, kicked, deleted, no access) → end the subscription, no retry;
 * anything else, including errors that are not a {@link DeliveryError} (a bug in a renderer),
 * → fail this job only, so one bad post never blocks the queue.
 */
export function decideRetry(error: unknown, job: Pick<DeliveryJob, 'failures' | 'rateLimited'>, options: RetryPolicyOptions = defaultRetryPolicy, random: () => number = Math.random): RetryDecision {
	if (!(error instanceof DeliveryError)) return { action: 'fail' };
	switch (error.kind) {
		case 'rate-limited':
			if (job.rateLimited + 1 >= options.maxRateLimited) return { action: 'fail' };
			return { action: 'retry', delayMs: Math.max(0, error.retryAfterMs ?? options.defaultRetryAfterMs), cause: 'rate-limited' };
		case 'transient': {
			const attempt = job.failures + 1;
			if (attempt >= options.maxAttempts) return { action: 'fail' };
			const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempt - 1));
			// "Equal jitter": at least half the ceiling, so retries spread out but never bunch at zero.
			return { action: 'retry', delayMs: Math.round(ceiling / 2 + (random() * ceiling) / 2), cause: 'transient' };
		}
		case 'gone':
			return { action: 'end-subscription', reason: error.goneReason ?? 'access-lost' };
		case 'permanent':
		case 'not-editable':
			return { action: 'fail' };
	}
}
