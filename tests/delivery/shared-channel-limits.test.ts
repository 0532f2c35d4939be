import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { discordRateLimits } from '../../adapters/discord/discord-rate-limits.js';
import { createRedisRateLimiter } from '../../src/delivery/limits/redis-rate-limiter.js';
import { removeKeys } from '../scale/scale-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two worker processes' limiters: each its own Redis connection, one deployment prefix. */
function twoWorkers() {
	const prefix = `digestbot-test-channel-bucket-${randomUUID()}`;
	const connections = [new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null }), new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null })];
	cleanups.push(async () => {
		await removeKeys(connections[0]!, prefix);
		for (const connection of connections) connection.disconnect();
	});
	return connections.map((connection) => createRedisRateLimiter(connection, prefix, { discord: discordRateLimits() }));
}

const channel = (chatId: string) => ({ platform: 'discord' as const, chatId, kind: 'community-channel' as const });

describe('Discord’s bucket of 5 posts per 5 s per channel, with several workers on Redis', () => {
	it('when one worker just posted to a channel then another worker waits about a second for that channel, but not for another channel', async () => {
		const [first, second] = twoWorkers();
		expect((await first!.reserve(channel('111'))).wait).toBe(0);
		const same = await second!.reserve(channel('111'));
		expect(same.scope).toBe('chat');
		// 5 per 5 s, spaced at 97 % of the limit (plus the Redis limiter's margin for jitter): about a second.
		expect(same.wait).toBeGreaterThan(900);
		expect(same.wait).toBeLessThanOrEqual(1_500);
		// Another channel waits only for the bot's overall 50/s, a few milliseconds.
		const other = await second!.reserve(channel('222'));
		expect(other.scope).not.toBe('chat');
		expect(other.wait).toBeLessThan(100);
	});
});
