import { describe, expect, it } from 'vitest';
import { createDeliveryRateLimiter } from '../../src/delivery/rate-limits.js';
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
		expect(decideRetry(new DeliveryError('gone', { platform: 'discord', goneReason: 'missing-access' }), fresh)).toEqual({ action: 'end-subscription', reason: 'missing-access' });
		expect(decideRetry(new DeliveryError('permanent', { platform: 'telegram' }), fresh)).toEqual({ action: 'fail' });
		expect(decideRetry(new TypeError('renderer bug'), fresh)).toEqual({ action: 'fail' });
	});
});

describe('when messages are reserved against the platform limits', () => {
	it('then a second message to the same Telegram chat within a second is deferred for that chat only', () => {
		const limiter = createDeliveryRateLimiter();
		const chat = { platform: 'telegram' as const, chatId: '1', kind: 'private' as const };
		expect(limiter.reserve(chat)).toEqual({ wait: 0, scope: 'none' });
		expect(limiter.reserve(chat)).toMatchObject({ scope: 'chat' });
		expect(limiter.reserve({ ...chat, chatId: '2' })).toEqual({ wait: 0, scope: 'none' });
		limiter.stop();
	});

	it('then past the overall ceiling every chat of that platform waits, and the other platform does not', () => {
		const limiter = createDeliveryRateLimiter({ telegramPerSecond: 3, telegramPerChatPerSecond: 1, telegramGroupPerMinute: 20, discordPerSecond: 50 });
		for (let chat = 0; chat < 3; chat += 1) expect(limiter.reserve({ platform: 'telegram', chatId: String(chat), kind: 'private' }).wait).toBe(0);
		expect(limiter.reserve({ platform: 'telegram', chatId: '99', kind: 'private' })).toMatchObject({ scope: 'platform' });
		expect(limiter.reserve({ platform: 'discord', chatId: '99', kind: 'guild-channel' }).wait).toBe(0);
		limiter.stop();
	});

	it('then a group or channel gets at most its per-minute allowance', () => {
		const limiter = createDeliveryRateLimiter({ telegramPerSecond: 1000, telegramPerChatPerSecond: 1000, telegramGroupPerMinute: 2, discordPerSecond: 50 });
		const group = { platform: 'telegram' as const, chatId: '-5', kind: 'group' as const };
		expect(limiter.reserve(group).wait).toBe(0);
		expect(limiter.reserve(group).wait).toBe(0);
		expect(limiter.reserve(group)).toMatchObject({ scope: 'chat' });
		limiter.stop();
	});
});
