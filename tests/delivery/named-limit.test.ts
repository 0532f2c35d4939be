import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { discordRateLimits } from '../../adapters/discord/discord-rate-limits.js';
import { createPacedRateLimiter } from '../../src/delivery/limits/paced-rate-limiter.js';
import { createRedisRateLimiter } from '../../src/delivery/limits/redis-rate-limiter.js';
import { removeKeys } from '../scale/scale-harness.js';

const prefix = `digestbot-test-named-${randomUUID()}`;
const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });

afterAll(async () => {
	await removeKeys(redis, prefix);
	redis.disconnect();
});

const channel = (chatId: string) => ({ platform: 'discord' as const, chatId, kind: 'community-channel' as const });
/** Discord's crossposts, 10 per hour, as spacing at 97 %: one per ~371 s. */
const spacingMs = 3_600_000 / (10 * 0.97);

describe('a limit the transport declares by name (Discord’s crossposts)', () => {
	it('when a channel was just crossposted in one process, then a second crosspost there waits about a tenth of an hour, another channel does not, and messages are not held up', () => {
		let clock = 0;
		const limiter = createPacedRateLimiter({ discord: discordRateLimits() }, () => clock);
		expect(limiter.reserveNamed(channel('1'), 'crosspost')).toEqual({ wait: 0, scope: 'none' });
		const again = limiter.reserveNamed(channel('1'), 'crosspost');
		expect(again.scope).toBe('chat');
		expect(again.wait).toBeCloseTo(spacingMs, -2);
		expect(limiter.reserveNamed(channel('2'), 'crosspost')).toEqual({ wait: 0, scope: 'none' });
		expect(limiter.reserve(channel('1'))).toEqual({ wait: 0, scope: 'none' });
		clock += again.wait;
		expect(limiter.reserveNamed(channel('1'), 'crosspost')).toEqual({ wait: 0, scope: 'none' });
		// A name no transport declared is not limited.
		expect(limiter.reserveNamed(channel('1'), 'unknown')).toEqual({ wait: 0, scope: 'none' });
	});

	it('when two processes share Redis, then a crosspost counted by one makes the other wait for the same channel', async () => {
		const one = createRedisRateLimiter(redis, prefix, { discord: discordRateLimits() });
		const two = createRedisRateLimiter(redis, prefix, { discord: discordRateLimits() });
		expect(await one.reserveNamed(channel('7'), 'crosspost')).toEqual({ wait: 0, scope: 'none' });
		const other = await two.reserveNamed(channel('7'), 'crosspost');
		expect(other.scope).toBe('chat');
		expect(other.wait).toBeGreaterThan(spacingMs - 1_000);
		expect(await two.reserveNamed(channel('8'), 'crosspost')).toEqual({ wait: 0, scope: 'none' });
	});
});
