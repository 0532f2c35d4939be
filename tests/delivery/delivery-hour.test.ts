import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Keyv } from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { createBullmqBroadcastQueue, createBullmqDeliveryWorker } from '../../src/delivery/engines/bullmq/bullmq-delivery.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { latestBroadcastSummary } from '../../src/delivery/broadcast-status.js';
import { createDeliveryWorker } from '../../src/delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createKeyvCorrectionStores } from '../../src/delivery/corrections/correction-stores.js';
import { createKeyvMergeSlots } from '../../src/delivery/slots/merge-slots.js';
import { createDeliveryRateLimiter } from './named-limits.js';
import { createRedisBroadcastLedger } from '../../src/delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createRedisMergeSlots } from '../../src/delivery/slots/redis-merge-slots.js';
import { createBroadcastPlanner } from '../../src/publish/broadcast-planner.js';
import { spreadOffsetMs } from '../../src/schedule/delivery-slot.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { subscriptionIdOf, type DeliverAt } from '../../src/subscriptions/subscription.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block, Reply } from '../../src/content/block.js';
import { commands } from '../../commands/index.js';
import { archiveWith, textOf } from '../helpers/archive-fixture.js';
import { removeKeys } from '../scale/scale-harness.js';
import { createCapturingTransport, type CapturingTransport } from './capturing-transport.js';
import { fastPolicy, generousLimits, sampleDigest } from './delivery-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = (iso: string): number => Date.parse(iso);

async function collect(reply: Reply): Promise<Block[]> {
	const blocks: Block[] = [];
	for await (const block of completeBlocks(reply)) blocks.push(block);
	return blocks;
}

/** Two issues a week apart, with titles a post can be told apart by. */
async function twoIssues(): Promise<Archive> {
	return archiveWith(sampleDigest('2026-04-01').replace('# Test Digest', '# First Digest'), sampleDigest('2026-04-08').replace('# Test Digest', '# Second Digest'));
}

async function sqliteFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-hour-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	return folder;
}

async function subscribeAt(store: SubscriptionStore, chatId: string, deliverAt?: DeliverAt): Promise<string> {
	const { subscription } = await store.subscribe({ platform: 'telegram', chatId, kind: 'private', format: 'headlines', createdBy: chatId });
	if (deliverAt) await store.update(subscription.id, { deliverAt });
	return subscription.id;
}

/**
 * The embedded engine as production wires it (queue, merge slots, worker, planner) on one keyv,
 * with a clock the test moves: the planner, the queue and the step all read it.
 */
async function startEmbedded(keyv: Keyv, archive: Archive, clock: { now: number }, transport: CapturingTransport) {
	const now = (): number => clock.now;
	const subscriptions = createKeyvSubscriptionStore(keyv, () => new Date(clock.now));
	const queue = await createKeyvDeliveryQueue(keyv, { now });
	const merges = createKeyvMergeSlots(keyv);
	const corrections = createKeyvCorrectionStores(keyv);
	const worker = createDeliveryWorker({ queue, merges, corrections, subscriptions, transports: { telegram: transport }, findIssue: (id) => archive.get(id), limiter: createDeliveryRateLimiter(generousLimits), policy: fastPolicy, idleMs: 5, now });
	const planner = createBroadcastPlanner({ archive, queue, subscriptions, keyv, merges, now, onQueued: () => worker.wake() });
	worker.start();
	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return;
		stopped = true;
		await worker.stop();
	};
	cleanups.push(stop);
	return { subscriptions, queue, worker, planner, corrections, stop };
}

/** Lets the worker loop look at the queue a few times (it polls every 5 ms). */
const fewLoops = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 60));

/** Records the fake clock's time of each accepted post. */
function clockedTransport(clock: { now: number }): { transport: CapturingTransport; sentAt: Map<string, number[]> } {
	const sentAt = new Map<string, number[]>();
	const transport = createCapturingTransport({ beforeSend: (delivery) => void sentAt.set(delivery.subscription.id, [...(sentAt.get(delivery.subscription.id) ?? []), clock.now]) });
	return { transport, sentAt };
}

describe('when a subscriber chose 08:00 Europe/Berlin and an issue arrives on the evening before the clocks spring forward', () => {
	it('then it arrives at 08:00 summer time (06:00 UTC plus its second in the minute), while a subscriber without an hour gets it at once', async () => {
		const keyv = await createKeyv({ url: 'memory://', dataDir: tmpdir() });
		const archive = await twoIssues();
		const clock = { now: at('2026-03-28T20:00:00Z') };
		const { transport, sentAt } = clockedTransport(clock);
		const bot = await startEmbedded(keyv, archive, clock, transport);
		const morning = await subscribeAt(bot.subscriptions, '501', { time: '08:00', zone: 'Europe/Berlin' });
		const atOnce = await subscribeAt(bot.subscriptions, '502');
		const due = at('2026-03-29T06:00:00Z') + spreadOffsetMs(morning);

		expect(await bot.planner.plan('2026-04-01')).toBe('queued');
		await vi.waitFor(() => expect(sentAt.get(atOnce)).toEqual([at('2026-03-28T20:00:00Z')]));
		expect(bot.queue.nextDueAt()).toBe(due);

		// 07:59 summer time is still 06:59 winter time's hour: one second short of the slot.
		clock.now = due - 1000;
		bot.worker.wake();
		await fewLoops();
		expect(sentAt.get(morning)).toBeUndefined();

		clock.now = due;
		bot.worker.wake();
		await vi.waitFor(() => expect(sentAt.get(morning)).toEqual([due]));
		expect(await bot.queue.stats('2026-04-01')).toMatchObject({ state: 'finished', delivered: 2, pending: 0 });
	});
});

describe('when an admin asks /status while subscribers wait for their hour', () => {
	it('then it says how many wait and when the next is due, and does not follow the broadcast live', async () => {
		const keyv = await createKeyv({ url: 'memory://', dataDir: tmpdir() });
		const archive = await twoIssues();
		const clock = { now: at('2026-05-01T20:00:00Z') };
		const { transport } = clockedTransport(clock);
		const bot = await startEmbedded(keyv, archive, clock, transport);
		await subscribeAt(bot.subscriptions, '661', { time: '08:00', zone: 'UTC' });
		await subscribeAt(bot.subscriptions, '662', { time: '08:00', zone: 'UTC' });
		await subscribeAt(bot.subscriptions, '663');
		await bot.planner.plan('2026-04-08');
		await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
		const summary = await latestBroadcastSummary(bot.queue, undefined, clock.now);
		expect(summary).toMatchObject({ delivered: 1, pending: 2, waiting: 2, nextDueAt: '2026-05-02T08:00:00.000Z' });
		const parts: string[] = [];
		const dispatcher = createDispatcher(commands, { services: { archive, broadcastStatus: async () => summary }, adminIds: ['1'] });
		const origin = { chat: { platform: 'console' as const, id: 'c', kind: 'private' as const }, user: { id: '1' } };
		for await (const part of dispatcher.runText('/status', origin)) parts.push(part.type);
		// One view, no live frames: nothing is being sent until 08:00.
		expect(parts).not.toContain('frame');
		const text = textOf(await collect(dispatcher.runText('/status', origin)));
		expect(text).toContain('1 delivered, 0 failed, 0 unsubscribed, 2 pending of 3');
		expect(text).toContain("2 wait for their subscribers' hour (the next at 2026-05-02 08:00 UTC)");
		// After the minute, nobody waits any more.
		expect(await latestBroadcastSummary(bot.queue, undefined, at('2026-05-02T08:01:00Z'))).toMatchObject({ waiting: 0 });
	});
});

describe('when a second issue arrives while the first still waits for the subscriber’s hour (keyv engine)', () => {
	it('then both come in one post headed “2 new issues”, and both broadcasts count it delivered', async () => {
		const keyv = await createKeyv({ url: 'memory://', dataDir: tmpdir() });
		const archive = await twoIssues();
		const clock = { now: at('2026-05-01T20:00:00Z') };
		const { transport, sentAt } = clockedTransport(clock);
		const bot = await startEmbedded(keyv, archive, clock, transport);
		const reader = await subscribeAt(bot.subscriptions, '601', { time: '08:00', zone: 'UTC' });

		await bot.planner.plan('2026-04-01');
		clock.now = at('2026-05-01T22:30:00Z');
		await bot.planner.plan('2026-04-08');
		const due = at('2026-05-02T08:00:00Z') + spreadOffsetMs(reader);
		expect(bot.queue.nextDueAt()).toBe(due);
		clock.now = due;
		bot.worker.wake();
		await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
		// A job carried by the post looks again a few seconds later, once the post is final.
		clock.now = due + 5_000;
		bot.worker.wake();
		await vi.waitFor(async () => expect(await bot.queue.stats('2026-04-08')).toMatchObject({ state: 'finished' }));
		await vi.waitFor(async () => expect(await bot.queue.stats('2026-04-01')).toMatchObject({ state: 'finished' }));
		await fewLoops();

		const posts = transport.sent.filter((send) => send.subscriptionId === reader);
		expect(posts).toHaveLength(1);
		const text = textOf(posts[0]!.blocks);
		expect(text.split('\n')[0]).toBe('2 new issues');
		expect(text.indexOf('First Digest')).toBeGreaterThan(0);
		expect(text.indexOf('Second Digest')).toBeGreaterThan(text.indexOf('First Digest'));
		expect(sentAt.get(reader)).toEqual([due]);
		expect(await bot.queue.stats('2026-04-01')).toMatchObject({ state: 'finished', delivered: 1 });
		expect(await bot.queue.stats('2026-04-08')).toMatchObject({ state: 'finished', delivered: 1 });
		// Both issues count as received for corrections, with no message an edit could map onto (a correction comes as a post).
		expect(await bot.corrections.posted.receivedBy('2026-04-01', [reader])).toEqual([reader]);
		expect(await bot.corrections.posted.get('2026-04-08', reader)).toEqual({ chatId: '601', messages: [] });
	});
});

describe('when the post carrying two issues fails for good (keyv engine)', () => {
	it('then the issue it carried is not counted delivered but posted on its own', async () => {
		const keyv = await createKeyv({ url: 'memory://', dataDir: tmpdir() });
		const archive = await twoIssues();
		const clock = { now: at('2026-05-01T20:00:00Z') };
		// The platform refuses the combined post for good (a 400), and takes a single issue.
		const transport = createCapturingTransport({ fail: (_delivery, call) => (call === 0 ? new DeliveryError('permanent', { platform: 'telegram', description: 'Bad Request: message is too long' }) : undefined) });
		const bot = await startEmbedded(keyv, archive, clock, transport);
		const reader = await subscribeAt(bot.subscriptions, '651', { time: '08:00', zone: 'UTC' });
		await bot.planner.plan('2026-04-01');
		await bot.planner.plan('2026-04-08');
		const due = at('2026-05-02T08:00:00Z') + spreadOffsetMs(reader);
		clock.now = due;
		bot.worker.wake();
		await vi.waitFor(() => expect(transport.calls).toHaveLength(1));
		await fewLoops();
		clock.now = due + 5_000;
		bot.worker.wake();
		await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
		const alone = textOf(transport.sent[0]!.blocks);
		expect(alone).not.toContain('2 new issues');
		const [poster, carried] = alone.includes('First Digest') ? ['2026-04-08', '2026-04-01'] : ['2026-04-01', '2026-04-08'];
		await vi.waitFor(async () => expect(await bot.queue.stats(carried)).toMatchObject({ state: 'finished', delivered: 1 }));
		expect(await bot.queue.stats(poster)).toMatchObject({ state: 'finished', failed: 1, delivered: 0 });
	});
});

describe('when the bot restarts on its SQLite file before the subscriber’s hour', () => {
	it('then nothing is lost or sent early: after the restart the waiting issues go out at the hour, once, as one post', async () => {
		const folder = await sqliteFolder();
		const archive = await twoIssues();
		const clock = { now: at('2026-10-24T18:00:00Z') };
		const { transport, sentAt } = clockedTransport(clock);

		const firstKeyv = await createKeyv({ dataDir: folder });
		const first = await startEmbedded(firstKeyv, archive, clock, transport);
		const reader = await subscribeAt(first.subscriptions, '701', { time: '08:00', zone: 'Europe/Berlin' });
		await first.planner.plan('2026-04-01');
		clock.now = at('2026-10-24T21:00:00Z');
		await first.planner.plan('2026-04-08');
		await fewLoops();
		await first.stop();
		await firstKeyv.disconnect();
		expect(transport.sent).toHaveLength(0);

		// Back in winter time: 08:00 in Berlin is 07:00 UTC.
		const due = at('2026-10-25T07:00:00Z') + spreadOffsetMs(reader);
		clock.now = at('2026-10-25T06:30:00Z');
		const secondKeyv = await createKeyv({ dataDir: folder });
		cleanups.push(() => secondKeyv.disconnect());
		const second = await startEmbedded(secondKeyv, archive, clock, transport);
		expect(second.queue.nextDueAt()).toBe(due);
		await fewLoops();
		expect(transport.sent).toHaveLength(0);

		clock.now = due;
		second.worker.wake();
		await vi.waitFor(() => expect(transport.sent).toHaveLength(1));
		clock.now = due + 5_000;
		second.worker.wake();
		await vi.waitFor(async () => expect(await second.queue.stats('2026-04-08')).toMatchObject({ state: 'finished' }));
		await vi.waitFor(async () => expect(await second.queue.stats('2026-04-01')).toMatchObject({ state: 'finished' }));
		expect(sentAt.get(reader)).toEqual([due]);
		expect(textOf(transport.sent[0]!.blocks)).toContain('2 new issues');
	});
});

describe('when a second issue arrives while the first still waits for the subscriber’s hour (BullMQ on Redis)', () => {
	it('then the two delayed jobs, taken by concurrent workers, make one post headed “2 new issues”', async () => {
		const prefix = `digestbot-test-hour-${randomUUID()}`;
		const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
		const keyv = await createKeyv({ url: 'redis://127.0.0.1:6379', dataDir: tmpdir(), namespace: prefix });
		const archive = await twoIssues();
		const subscriptions = createKeyvSubscriptionStore(keyv);
		const ledger = createRedisBroadcastLedger(redis, prefix);
		const merges = createRedisMergeSlots(redis, prefix);
		const queue = createBullmqBroadcastQueue({ connection: redis, prefix, ledger });
		const transport = createCapturingTransport();
		const step = { subscriptions, transports: { telegram: transport }, findIssue: (id: string) => archive.get(id), limiter: createDeliveryRateLimiter(generousLimits), policy: fastPolicy, now: Date.now, merges };
		const workers = [createBullmqDeliveryWorker({ connection: redis, prefix, ledger, step, concurrency: 4 }), createBullmqDeliveryWorker({ connection: redis, prefix, ledger, step, concurrency: 4 })];
		cleanups.push(async () => {
			for (const worker of workers) await worker.stop();
			await queue.close();
			await removeKeys(redis, prefix);
			redis.disconnect();
			await keyv.clear();
			await keyv.disconnect();
		});
		// A chat whose second in the minute makes its next slot due in 2–4 s, so BullMQ's own delay is what holds the jobs.
		const { chatId, deliverAt, due } = chatDueSoon(Date.now());
		const reader = await subscribeAt(subscriptions, chatId, deliverAt);
		const planner = createBroadcastPlanner({ archive, queue, subscriptions, keyv, merges });
		for (const worker of workers) worker.start();
		await planner.plan('2026-04-01');
		await planner.plan('2026-04-08');
		expect(await queue.depth()).toBe(2);
		// The ledger keeps which minute the job waits for, for /status (a JSON field of the hash).
		expect((await ledger.read('2026-04-01'))?.scheduled).toEqual({ [String(Math.floor(due / 60_000) * 60_000)]: 1 });
		expect(transport.sent).toHaveLength(0);

		// The job the post carried looks again 5 s later (it is not counted before the post is accepted).
		await vi.waitFor(async () => expect(await ledger.read('2026-04-08')).toMatchObject({ state: 'finished' }), { timeout: 20_000, interval: 50 });
		await vi.waitFor(async () => expect(await ledger.read('2026-04-01')).toMatchObject({ state: 'finished', delivered: 1 }), { timeout: 20_000, interval: 50 });
		expect(transport.sent.filter((send) => send.subscriptionId === reader)).toHaveLength(1);
		expect(textOf(transport.sent[0]!.blocks).split('\n')[0]).toBe('2 new issues');
		expect(Date.now()).toBeGreaterThanOrEqual(due);
	});
});

/** A Telegram chat id whose slot at the coming minute (UTC) is 2–4 s from `now`, and that minute as its hour. */
function chatDueSoon(now: number): { chatId: string; deliverAt: DeliverAt; due: number } {
	for (let candidate = 800_000; ; candidate += 1) {
		const chatId = String(candidate);
		const offset = spreadOffsetMs(subscriptionIdOf({ platform: 'telegram', chatId }));
		const minute = Math.ceil((now + 2000 - offset) / 60_000) * 60_000;
		const due = minute + offset;
		if (due - now >= 2000 && due - now <= 4000) {
			const time = new Date(minute).toISOString().slice(11, 16);
			return { chatId, deliverAt: { time, zone: 'UTC' }, due };
		}
	}
}
