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

async function slotsOn(engine: 'keyv' | 'redis'): Promise<MergeSlots> {
	if (engine === 'keyv') return createKeyvMergeSlots(new Keyv());
	const prefix = `digestbot-test-slots-${randomUUID()}`;
	const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
	cleanups.push(async () => {
		await removeKeys(redis, prefix);
		redis.disconnect();
	});
	return createRedisMergeSlots(redis, prefix);
}

const job = (issueId: string, dueAt = 1_000) => ({ id: `${issueId}/telegram:1`, issueId, subscriptionId: 'telegram:1', failures: 0, rateLimited: 0, dueAt });

describe.each(['keyv', 'redis'] as const)('a subscriber’s slot on %s', (engine) => {
	it('when two jobs of one slot run at once then exactly one posts, carrying both, the other waits for it, and a run again after a crash posts the same', async () => {
		const slots = await slotsOn(engine);
		await slots.join('2026-04-01', new Map([['telegram:1', 1_000]]));
		await slots.join('2026-04-08', new Map([['telegram:1', 1_000]]));
		const plans = await Promise.all([planSlot(job('2026-04-08'), 'telegram:1', slots), planSlot(job('2026-04-01'), 'telegram:1', slots)]);
		const posting = plans.filter((plan) => plan.kind === 'post');
		expect(posting).toHaveLength(1);
		expect(plans.filter((plan) => plan.kind === 'waiting')).toHaveLength(1);
		const [poster, carried] = plans[0]!.kind === 'post' ? [job('2026-04-08'), job('2026-04-01')] : [job('2026-04-01'), job('2026-04-08')];
		expect(await planSlot(poster, 'telegram:1', slots)).toEqual(posting[0]);
		expect(posting[0]).toMatchObject({ others: [carried.issueId] });
		// Until the post is accepted, the carried issue is not counted delivered.
		expect(await planSlot(carried, 'telegram:1', slots)).toMatchObject({ kind: 'waiting' });
		await finishSlot(poster, posting[0]!, slots, 'delivered');
		expect(await planSlot(carried, 'telegram:1', slots)).toEqual({ kind: 'carried', by: poster.issueId });
	});

	it('when the post carrying an issue fails for good then that issue posts on its own', async () => {
		const slots = await slotsOn(engine);
		await slots.join('2026-04-01', new Map([['telegram:1', 1_000]]));
		await slots.join('2026-04-08', new Map([['telegram:1', 1_000]]));
		const posting = await planSlot(job('2026-04-01'), 'telegram:1', slots);
		expect(posting).toEqual({ kind: 'post', others: ['2026-04-08'] });
		await finishSlot(job('2026-04-01'), posting, slots, 'failed');
		expect(await planSlot(job('2026-04-08'), 'telegram:1', slots)).toEqual({ kind: 'post', others: [] });
	});

	it('when an issue joins after the slot was settled then it posts on its own, and another slot or a job without an hour is untouched', async () => {
		const slots = await slotsOn(engine);
		await slots.join('2026-04-01', new Map([['telegram:1', 1_000]]));
		expect(await planSlot(job('2026-04-01'), 'telegram:1', slots)).toEqual({ kind: 'post', others: [] });
		await slots.join('2026-04-08', new Map([['telegram:1', 1_000]]));
		expect(await planSlot(job('2026-04-08'), 'telegram:1', slots)).toEqual({ kind: 'post', others: [] });
		expect(await planSlot(job('2026-04-15', 2_000), 'telegram:1', slots)).toEqual({ kind: 'post', others: [] });
		const { dueAt: _dueAt, ...atOnce } = job('2026-04-22');
		expect(await planSlot(atOnce, 'telegram:1', slots)).toEqual({ kind: 'post', others: [] });
	});
});
