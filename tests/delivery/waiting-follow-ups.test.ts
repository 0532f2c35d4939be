import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyvWaitingFollowUps, createRedisWaitingFollowUps, type WaitingFollowUps } from '../../src/delivery/waiting-follow-ups.js';
import { removeKeys } from '../scale/scale-harness.js';

const prefix = `digestbot-test-follow-ups-${randomUUID()}`;
const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });

afterAll(async () => {
	await removeKeys(redis, prefix);
	redis.disconnect();
});

const post = (chatId: string) => ({ chatId, messages: [{ id: `${chatId}1`, digest: 'd' }] });

describe.each([
	['keyv (embedded engine)', () => createKeyvWaitingFollowUps(new Keyv())],
	['Redis (every BullMQ worker)', () => createRedisWaitingFollowUps(redis, prefix)],
])('posts waiting for their follow-up, on %s', (_name, create: () => WaitingFollowUps) => {
	it('when posts are held at once, then each is found by its job, counted, and gone once released', async () => {
		const waiting = create();
		await Promise.all(['a', 'b', 'c'].map((job) => waiting.hold(job, post(job))));
		expect(await waiting.count()).toBe(3);
		expect(await waiting.held('b')).toEqual(post('b'));
		await waiting.release('b');
		await waiting.release('unknown');
		expect(await waiting.held('b')).toBeUndefined();
		expect(await waiting.count()).toBe(2);
	});
});
