import { describe, expect, it } from 'vitest';
import { decideRetry, defaultRetryPolicy } from '../../src/delivery/retry-policy.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';

const fresh = { failures: 0, rateLimited: 0 };

describe('when a send fails', () => {
	it('then a 429 waits exactly the retry_after the platform asked for', () => {
		expect(decideRetry(new DeliveryError('rate-limited', { platform: 'telegram', retryAfterMs: 7_000 }), fresh)).toEqual({ action: 'retry', delayMs: 7_000, cause: 'rate-limited' });
	});

	it('then server errors back off exponentially up to the cap, then give up', () => {
		const error = new DeliveryError('transient', { platform: 'discord', description: '502' });
		const options = { ...defaultRetryPolicy, backoffBaseMs: 100, backoffMaxMs: 300, maxAttempts: 4 };
		const delays = [0, 1, 2].map((failures) => decideRetry(error, { failures, rateLimited: 0 }, options, () => 1));
		expect(delays).toEqual([
			{ action: 'retry', delayMs: 100, cause: 'transient' },
			{ action: 'retry', delayMs: 200, cause: 'transient' },
			{ action: 'retry', delayMs: 300, cause: 'transient' },
		]);
		expect(decideRetry(error, { failures: 3, rateLimited: 0 }, options)).toEqual({ action: 'fail' });
	});

	it('then a gone chat ends the subscription with its reason, and a bad request or a bug fails only this job', () => {
		expect(decideRetry(new DeliveryError('gone', { platform: 'discord', goneReason: 'access-lost' }), fresh)).toEqual({ action: 'end-subscription', reason: 'access-lost' });
		expect(decideRetry(new DeliveryError('permanent', { platform: 'telegram' }), fresh)).toEqual({ action: 'fail' });
		expect(decideRetry(new TypeError('renderer bug'), fresh)).toEqual({ action: 'fail' });
	});
});
