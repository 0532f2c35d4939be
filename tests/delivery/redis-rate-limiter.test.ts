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
});
