import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { telegramRateLimits } from '../../adapters/telegram/telegram-rate-limits.js';
import { createRedisRateLimiter } from '../../src/delivery/limits/redis-rate-limiter.js';
import { removeKeys } from '../scale/scale-harness.js';

const prefix = `digestbot-test-limiter-${randomUUID()}`;
const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });

afterAll(async () => {
	await removeKeys(redis, prefix);
	redis.disconnect();
});

const chat = (chatId: string, kind: 'private' | 'group' = 'private') => ({ platform: 'telegram' as const, chatId, kind });

describe('the platform limits shared through Redis', () => {
	it('when a chat was just posted to then its next post waits for the chat, another chat for the overall spacing, and nothing is counted for a post that must wait', async () => {
		// 10/s overall: one post per ~104 ms; 1/s per chat.
		const limiter = createRedisRateLimiter(redis, `${prefix}:a`, { telegram: telegramRateLimits(10) });
		expect(await limiter.reserve(chat('1'))).toEqual({ wait: 0, scope: 'none' });
		const again = await limiter.reserve(chat('1'));
		expect(again.scope).toBe('chat');
		expect(again.wait).toBeGreaterThan(900);
		const other = await limiter.reserve(chat('2'));
		expect(other.scope).toBe('platform');
		expect(other.wait).toBeGreaterThan(0);
		expect(other.wait).toBeLessThanOrEqual(104);
		// Chat 2 had to wait for the platform, so it was not marked as posted to.
		expect(await redis.exists(`${prefix}:a:limit:telegram:1/1000:2`)).toBe(0);
	});

	it('when a group is posted to then both its per-second and its per-minute spacing start', async () => {
		const limiter = createRedisRateLimiter(redis, `${prefix}:b`, { telegram: telegramRateLimits(1_000_000) });
		expect(await limiter.reserve(chat('-5', 'group'))).toEqual({ wait: 0, scope: 'none' });
		expect(await redis.pttl(`${prefix}:b:limit:telegram:20/60000:-5`)).toBeGreaterThan(3_000);
		const again = await limiter.reserve(chat('-5', 'group'));
		expect(again).toMatchObject({ scope: 'chat' });
		expect(again.wait).toBeGreaterThan(3_000);
	});

	it('when the platform limit is far from reached then workers reserving at once each go on their first ask, none told to wait a millisecond and ask again', async () => {
		// Scale-out runs limits off as a limit of 1,000,000/s: its spacing (1 µs) is below a key's whole-millisecond TTL.
		const limiter = createRedisRateLimiter(redis, `${prefix}:c`, { telegram: telegramRateLimits(1_000_000) });
		const reservations = await Promise.all(Array.from({ length: 64 }, (_, index) => limiter.reserve(chat(String(100 + index)))));
		expect(reservations.every((reservation) => reservation.scope === 'none' && reservation.wait === 0)).toBe(true);
	});

	it('when paid broadcasts allow 1,000/s then a burst of 10 goes at once and later ones wait their spacing, none beyond the pace', async () => {
		const limiter = createRedisRateLimiter(redis, `${prefix}:d`, { telegram: telegramRateLimits(1_000) });
		const started = performance.now();
		const reservations = await Promise.all(Array.from({ length: 40 }, (_, index) => limiter.reserve(chat(String(200 + index)))));
		const elapsed = performance.now() - started;
		const went = reservations.filter((reservation) => reservation.scope === 'none').length;
		// A burst of 1 % of the limit, then one message per whole-millisecond interval (2 ms).
		expect(went).toBeGreaterThanOrEqual(10);
		expect(went).toBeLessThanOrEqual(10 + Math.floor(elapsed / 2) + 1);
		for (const reservation of reservations) if (reservation.scope === 'platform') expect(reservation.wait).toBeLessThanOrEqual(2);
	});

	it('when two processes reserve for one platform then they keep one schedule: at 10/s the second process waits for the message of the first', async () => {
		const other = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
		try {
			const first = createRedisRateLimiter(redis, `${prefix}:e`, { telegram: telegramRateLimits(10) });
			const second = createRedisRateLimiter(other, `${prefix}:e`, { telegram: telegramRateLimits(10) });
			expect(await first.reserve(chat('1'))).toEqual({ wait: 0, scope: 'none' });
			const waited = await second.reserve(chat('2'));
			expect(waited.scope).toBe('platform');
			expect(waited.wait).toBeGreaterThan(50);
			expect(waited.wait).toBeLessThanOrEqual(104);
			await new Promise((resolve) => setTimeout(resolve, waited.wait));
			expect(await second.reserve(chat('2'))).toEqual({ wait: 0, scope: 'none' });
		} finally {
			other.disconnect();
		}
	});
});
