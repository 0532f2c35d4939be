import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyvMergeSlots, type MergeSlots } from '../../src/delivery/slots/merge-slots.js';
import { finishSlot, planSlot } from '../../src/delivery/slots/merged-issues.js';
import { createRedisMergeSlots } from '../../src/delivery/slots/redis-merge-slots.js';
import { removeKeys } from '../scale/scale-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The slots on an engine, and a way to write a key as the version before per-chat slots did. */
async function slotsOn(engine: 'keyv' | 'redis'): Promise<{ slots: MergeSlots; writeOld(key: string, value: string): Promise<void> }> {
	if (engine === 'keyv') {
		const keyv = new Keyv();
		return { slots: createKeyvMergeSlots(keyv), writeOld: async (key, value) => void (await keyv.set(`delivery:${key}`, key.startsWith('slot-post') ? JSON.parse(value) : value)) };
	}
	const prefix = `digestbot-test-chat-slots-${randomUUID()}`;
	const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
	cleanups.push(async () => {
		await removeKeys(redis, prefix);
		redis.disconnect();
	});
	return { slots: createRedisMergeSlots(redis, prefix), writeOld: async (key, value) => void (await redis.set(`${prefix}:${key}`, value)) };
}

const alpha = 'telegram:1~alpha';
const beta = 'telegram:1~beta';
const job = (issueId: string, subscriptionId: string, dueAt = 1_000) => ({ id: `${issueId}/${subscriptionId}`, issueId, subscriptionId, failures: 0, rateLimited: 0, dueAt });

describe.each(['keyv', 'redis'] as const)('a chat’s slot shared by its subscriptions on %s', (engine) => {
	it('when two subscriptions of one chat wait for the same instant then one job posts both issues, knowing whose each is, and the other is carried once the post is final', async () => {
		const { slots } = await slotsOn(engine);
		await slots.join('alpha-03', new Map([[alpha, 1_000]]));
		await slots.join('beta-03', new Map([[beta, 1_000], ['telegram:2~beta', 1_000]]));
		const posting = await planSlot(job('alpha-03', alpha), alpha, slots);
		expect(posting).toEqual({ kind: 'post', others: ['beta-03'], subscriptionOf: { 'beta-03': beta } });
		expect(await planSlot(job('beta-03', beta), beta, slots)).toMatchObject({ kind: 'waiting' });
		// Another chat's slot is its own.
		expect(await planSlot(job('beta-03', 'telegram:2~beta'), 'telegram:2~beta', slots)).toEqual({ kind: 'post', others: [] });
		await finishSlot(job('alpha-03', alpha), posting, slots, 'delivered');
		expect(await planSlot(job('beta-03', beta), beta, slots)).toEqual({ kind: 'carried', by: 'alpha-03' });
	});

	it('when one issue was planned for two subscriptions of a chat then the chat gets it once: the second job is carried, or posts it alone if the post failed', async () => {
		const { slots } = await slotsOn(engine);
		await slots.join('alpha-03', new Map([[alpha, 1_000], ['telegram:1~*', 1_000]]));
		const posting = await planSlot(job('alpha-03', alpha), alpha, slots);
		expect(posting).toEqual({ kind: 'post', others: [], sharedWith: ['telegram:1~*'] });
		expect(await planSlot(job('alpha-03', 'telegram:1~*'), 'telegram:1~*', slots)).toMatchObject({ kind: 'waiting' });
		await finishSlot(job('alpha-03', alpha), posting, slots, 'failed');
		expect(await planSlot(job('alpha-03', 'telegram:1~*'), 'telegram:1~*', slots)).toEqual({ kind: 'post', others: [] });
	});

	it('when a slot was written by the version keyed by subscription then a carried job of the default subscription still finds its post, and one of another publication posts alone', async () => {
		const { slots, writeOld } = await slotsOn(engine);
		// Before: bare issue ids under the subscription's key, which for the default publication is the chat's.
		await writeOld('slot-post:telegram:1:1000', JSON.stringify({ poster: '2026-04-01', issues: ['2026-04-01', '2026-04-08'] }));
		await writeOld('slot-outcome:telegram:1:1000', 'delivered');
		await writeOld('slot-post:telegram:1~alpha:1000', JSON.stringify({ poster: 'alpha-02', issues: ['alpha-02', 'alpha-03'] }));
		expect(await planSlot(job('2026-04-08', 'telegram:1'), 'telegram:1', slots)).toEqual({ kind: 'carried', by: '2026-04-01' });
		expect(await planSlot(job('2026-04-01', 'telegram:1'), 'telegram:1', slots)).toEqual({ kind: 'post', others: ['2026-04-08'] });
		expect(await planSlot(job('alpha-03', alpha), alpha, slots)).toEqual({ kind: 'post', others: [] });
	});
});
