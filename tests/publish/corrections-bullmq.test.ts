import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/store/create-keyv.js';
import { removeKeys } from '../scale/scale-harness.js';
import { discordChannel, firstRevision, readers, startCorrectionBot, typoFixed } from './corrections-harness.js';

const url = 'redis://127.0.0.1:6379';
const prefix = `corrections-test-${randomUUID().slice(0, 8)}`;
const redis = new Redis(url, { maxRetriesPerRequest: null });
redis.on('error', () => undefined);

afterAll(async () => {
	await removeKeys(redis, prefix);
	redis.disconnect();
});

describe('when a corrected issue is published on the BullMQ engine (Redis)', () => {
	it('then the posts are edited in place, once, and the counts come from Redis', async () => {
		const bot = await startCorrectionBot({ env: { STORE_URL: url, REDIS_KEY_PREFIX: prefix }, keyv: () => createKeyv({ url, dataDir: '/tmp', namespace: prefix }) });
		try {
			expect(bot.publishing.engine.kind).toBe('bullmq');
			await bot.publish(firstRevision);
			await bot.settled((status) => status.delivered === 3);
			const posts = bot.telegram.callsTo('sendMessage').length + bot.discord.callsTo('POST', /\/messages$/).length;
			expect(await redis.hlen(`${prefix}:posted:2026-06-01`)).toBe(3);

			await bot.publish(typoFixed);
			const status = await bot.settled((summary) => summary.correction?.edited === 3);
			expect(status.correction).toMatchObject({ edited: 3, posted: 0, failed: 0, total: 3 });
			expect(bot.telegram.callsTo('sendMessage').length + bot.discord.callsTo('POST', /\/messages$/).length).toBe(posts);
			expect(
				bot.telegram
					.botMessages(readers.ada.id)
					.map((message) => message.text)
					.join('\n'),
			).toContain('Rules get stricter');
			expect(JSON.stringify(bot.discord.messagesIn(discordChannel).map((message) => message.embeds))).toContain('Rules get stricter');
		} finally {
			await bot.close();
		}
	});
});
