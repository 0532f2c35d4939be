import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keyv } from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createCapturingTransport } from './capturing-transport.js';
import { createHarness, generousLimits, subscriber, type Harness } from './delivery-harness.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(kind: 'memory' | 'sqlite' | 'redis'): Promise<Keyv> {
	if (kind === 'memory') return createKeyv({ url: 'memory://', dataDir: tmpdir() });
	if (kind === 'redis') {
		const keyv = await createKeyv({ url: 'redis://127.0.0.1:6379', dataDir: tmpdir(), namespace: `digestbot-test-${randomUUID()}` });
		cleanups.push(async () => {
			await keyv.clear();
			await keyv.disconnect();
		});
		return keyv;
	}
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-delivery-'));
	const keyv = await createKeyv({ dataDir: folder });
	cleanups.push(async () => {
		await keyv.disconnect();
		await rm(folder, { recursive: true, force: true });
	});
	return keyv;
}

async function harnessWith(kind: 'memory' | 'sqlite' | 'redis', transport = createCapturingTransport(), options: Parameters<typeof createHarness>[2] = {}): Promise<Harness> {
	const harness = await createHarness(await openStore(kind), transport, options);
	cleanups.push(() => harness.stop());
	return harness;
}

function countBy(values: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

describe.each(['memory', 'sqlite'] as const)('when an issue is broadcast to 200 subscribers on the %s store', (kind) => {
	it('then each subscriber gets exactly one post and the broadcast counts 200 delivered', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith(kind, transport, { concurrency: 16 });
		const ids = await harness.subscribeMany(200);
		await harness.broadcast();
		const counts = countBy(transport.sent.map((send) => send.subscriptionId));
		expect(counts.size).toBe(200);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		expect(new Set(counts.keys())).toEqual(new Set(ids));
		expect(await harness.queue.stats()).toMatchObject({ state: 'finished', queued: 200, delivered: 200, failed: 0, unsubscribed: 0, pending: 0 });
	});
});

describe('when the broadcast runs on Redis', () => {
	it('then every subscriber is served once and the namespace is cleaned up afterwards', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('redis', transport);
		await harness.subscribeMany(30);
		await harness.broadcast();
		expect(countBy(transport.sent.map((send) => send.subscriptionId)).size).toBe(30);
		expect(transport.sent).toHaveLength(30);
	});
});

describe('when every third send is rate-limited', () => {
	it('then every subscriber is still served exactly once after waiting out retry_after', async () => {
		const transport = createCapturingTransport({
			fail: (_delivery, call) => (call % 3 === 2 ? new DeliveryError('rate-limited', { platform: 'telegram', method: 'sendMessage', retryAfterMs: 3, description: 'Too Many Requests: retry after 1' }) : undefined),
		});
		const harness = await harnessWith('memory', transport);
		await harness.subscribeMany(60);
		await harness.broadcast();
		expect(transport.calls.length).toBeGreaterThan(60);
		expect(countBy(transport.sent.map((send) => send.subscriptionId)).size).toBe(60);
		expect(transport.sent).toHaveLength(60);
		expect(await harness.queue.stats()).toMatchObject({ delivered: 60, failed: 0 });
	});
});

describe('when a chat is gone (the bot was blocked or kicked)', () => {
	it('then its subscription ends with the reason, it is not retried, and the others are served', async () => {
		const transport = createCapturingTransport({
			fail: (delivery) => (delivery.subscription.chatId === '1000' ? new DeliveryError('gone', { platform: 'telegram', method: 'sendMessage', goneReason: 'reader-left', description: 'Forbidden: bot was blocked by the user' }) : undefined),
		});
		const harness = await harnessWith('memory', transport);
		const ids = await harness.subscribeMany(10);
		await harness.broadcast();
		const blocked = await harness.subscriptions.get(ids[0] ?? '');
		expect(blocked).toMatchObject({ status: 'ended', endReason: 'reader-left' });
		expect(transport.calls.filter((id) => id === ids[0])).toHaveLength(1);
		expect(await harness.subscriptions.activeIds()).not.toContain(ids[0]);
		expect(await harness.queue.stats()).toMatchObject({ delivered: 9, unsubscribed: 1, failed: 0 });
	});
});

describe('when a chat keeps failing with server errors', () => {
	it('then it is retried with backoff up to the attempt limit, then marked failed, and nobody else waits for it', async () => {
		const transport = createCapturingTransport({
			fail: (delivery) => (delivery.subscription.chatId === '1000' ? new DeliveryError('transient', { platform: 'telegram', method: 'sendMessage', description: 'Bad Gateway' }) : undefined),
		});
		const harness = await harnessWith('memory', transport);
		const ids = await harness.subscribeMany(10);
		await harness.broadcast();
		expect(transport.calls.filter((id) => id === ids[0])).toHaveLength(3);
		expect(transport.sent).toHaveLength(9);
		expect(await harness.subscriptions.get(ids[0] ?? '')).toMatchObject({ status: 'active' });
		expect(await harness.queue.stats()).toMatchObject({ delivered: 9, failed: 1, unsubscribed: 0, pending: 0 });
	});
});

describe('when people subscribe and unsubscribe in the middle of a broadcast', () => {
	it.each(['memory', 'sqlite'] as const)('then on %s nobody else is skipped, leavers are not posted to and joiners wait for the next issue', async (kind) => {
		const leavers: string[] = [];
		const joiners: string[] = [];
		const live: { harness?: Harness } = {};
		const transport = createCapturingTransport({
			beforeSend: async (_delivery, call) => {
				const harness = live.harness;
				if (call !== 10 || !harness) return;
				// Leave: the last 20 original subscribers, who have not had their turn yet.
				for (let index = 80; index < 100; index += 1) {
					const left = await harness.subscriptions.unsubscribe(subscriber(index));
					if (left) leavers.push(left.id);
				}
				joiners.push(...(await harness.subscribeMany(20, 100)));
			},
		});
		const harness = await harnessWith(kind, transport, { concurrency: 4 });
		live.harness = harness;
		const ids = await harness.subscribeMany(100);
		await harness.broadcast();
		const served = countBy(transport.sent.map((send) => send.subscriptionId));
		const stayed = ids.filter((id) => !leavers.includes(id));
		expect(leavers).toHaveLength(20);
		expect(stayed.every((id) => served.get(id) === 1)).toBe(true);
		expect(joiners.some((id) => served.has(id))).toBe(false);
		expect(leavers.some((id) => served.has(id))).toBe(false);
		const stats = await harness.queue.stats();
		expect(stats).toMatchObject({ queued: 100, pending: 0, failed: 0 });
		expect((stats?.delivered ?? 0) + (stats?.unsubscribed ?? 0)).toBe(100);
	});
});

describe('when the store cannot read the subscriptions of a claim for a while', () => {
	it('then those posts wait for the store instead of staying claimed, and every subscriber gets exactly one', async () => {
		const transport = createCapturingTransport();
		let failuresLeft = 2;
		const harness = await harnessWith('sqlite', transport, {
			concurrency: 4,
			workerSubscriptions: (store) => ({
				...store,
				getMany: (ids) => (failuresLeft-- > 0 ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : store.getMany(ids)),
			}),
		});
		const ids = await harness.subscribeMany(10);
		await harness.broadcast();
		expect(failuresLeft).toBeLessThan(0);
		expect(countBy(transport.sent.map((send) => send.subscriptionId))).toEqual(new Map(ids.map((id) => [id, 1])));
		expect(await harness.queue.stats()).toMatchObject({ state: 'finished', delivered: 10, failed: 0, pending: 0 });
	});
});

describe('when the same issue is enqueued again', () => {
	it('then nothing is reposted', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('sqlite', transport);
		await harness.subscribeMany(5);
		await harness.broadcast();
		await harness.subscribeMany(3, 5);
		const again = await harness.queue.enqueueBroadcast(harness.issue.issue.id, await harness.subscriptions.activeIds());
		harness.worker.wake();
		await harness.worker.whenIdle();
		expect(again).toMatchObject({ queued: 5, delivered: 5 });
		expect(transport.sent).toHaveLength(5);
	});
});

describe('when several workers slots claim at once', () => {
	it('then no job is ever handed out twice and each is sent once', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('sqlite', transport, { concurrency: 32 });
		await harness.subscribeMany(120);
		await harness.broadcast();
		expect(transport.maxConcurrentPerJob()).toBe(1);
		expect(new Set(transport.sent.map((send) => send.jobId)).size).toBe(120);
		expect(transport.sent).toHaveLength(120);
	});

	it('then concurrent claim calls on the queue itself never return the same job', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('sqlite', transport);
		await harness.subscribeMany(50);
		await harness.queue.enqueueBroadcast(harness.issue.issue.id, await harness.subscriptions.activeIds());
		const batches = await Promise.all(Array.from({ length: 20 }, () => harness.queue.claim(4)));
		const claimed = batches.flat().map((job) => job.id);
		expect(claimed).toHaveLength(50);
		expect(new Set(claimed).size).toBe(50);
	});
});

describe('when one chat has to wait for its rate limit', () => {
	it('then its second post is deferred without holding the only worker slot, and every other chat is served first', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('memory', transport, { concurrency: 1, limits: { ...generousLimits, telegramPerChatPerSecond: 1 } });
		await harness.subscriptions.subscribe({ platform: 'telegram', chatId: '-77', threadId: '1', kind: 'group', createdBy: 'admin' });
		await harness.subscriptions.subscribe({ platform: 'telegram', chatId: '-77', threadId: '2', kind: 'group', createdBy: 'admin' });
		await harness.subscribeMany(10);
		await harness.broadcast();
		expect(transport.sent).toHaveLength(12);
		expect(transport.sent.at(-1)?.subscriptionId).toBe('telegram:-77:2');
	});
});

describe('when a group becomes a supergroup after the broadcast was queued', () => {
	it('then the post goes to the new chat id', async () => {
		const transport = createCapturingTransport();
		const harness = await harnessWith('memory', transport);
		await harness.subscriptions.subscribe({ platform: 'telegram', chatId: '-123', kind: 'group', createdBy: 'admin' });
		await harness.queue.enqueueBroadcast(harness.issue.id, await harness.subscriptions.activeIds());
		await harness.subscriptions.migrate('telegram', '-123', '-100123');
		harness.worker.start();
		await harness.worker.whenIdle();
		expect(transport.sent.map((send) => send.chatId)).toEqual(['-100123']);
	});
});

describe('when a platform has no adapter running in this process', () => {
	it('then its subscribers wait for a run that has one instead of being failed, and the others are served', async () => {
		const transport = createCapturingTransport();
		const harness = await createHarness(await openStore('memory'), transport, { platforms: ['telegram'] });
		await harness.subscribeMany(10);
		await harness.queue.enqueueBroadcast(harness.issue.issue.id, await harness.subscriptions.activeIds());
		harness.worker.start();
		// whenIdle() would wait for the parked jobs too: wait for the served ones instead.
		await vi.waitFor(() => expect(transport.sent).toHaveLength(8));
		const stats = await harness.queue.stats();
		expect(transport.sent.map((send) => send.subscriptionId).every((id) => id.startsWith('telegram:'))).toBe(true);
		expect(transport.sent).toHaveLength(8);
		expect(stats).toMatchObject({ queued: 10, delivered: 8, failed: 0, pending: 2 });
		expect(harness.queue.nextDueAt()).toBeGreaterThan(Date.now() + 60_000);
		await harness.stop();
	});
});
