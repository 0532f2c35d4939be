/** A failing feed is polled at most this rarely (the 6 hours). */
export const maxBackoffMs = 6 * 60 * 60 * 1000;
/** Failures in a row after which a feed is paused until `feeds resume`. */
export const pauseAfterFailures = 20;
/** A Retry-After beyond a day is a misconfigured server, not a plan. */
const maxRetryAfterMs = 24 * 60 * 60 * 1000;

/** ±10 %: feeds added together (FEED_URLS at start) drift apart instead of firing at once forever. */
function jitter(ms: number, random: () => number): number {
	return Math.round(ms * (0.9 + 0.2 * random()));
}

/** After a success (200 or 304): the poll interval, but never sooner than the feed's `max-age` says. */
export function delayAfterSuccess(intervalMs: number, maxAgeMs: number | undefined, random: () => number): number {
	return Math.max(jitter(intervalMs, random), Math.min(maxAgeMs ?? 0, maxBackoffMs));
}

/**
 * After the n-th failure in a row: the interval doubled per failure up to 6 hours, and never
 * sooner than a Retry-After (429, 503) asks.
 */
export function delayAfterFailure(failures: number, intervalMs: number, retryAfterMs: number | undefined, random: () => number): number {
	const backoff = Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failures, 30));
	return Math.max(Math.min(maxBackoffMs, jitter(backoff, random)), Math.min(retryAfterMs ?? 0, maxRetryAfterMs));
}
