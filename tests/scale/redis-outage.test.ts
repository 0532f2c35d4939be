import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../fakes/telegram-bot-api.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';
import { acceptedPosts, openSetup, referenceIssueId, startWorker, waitFor, subscribeChats, type ScaleSetup, type WorkerProcess } from './scale-harness.js';

/**
 * Redis itself or a worker dies mid-broadcast, on a redis-server of the test's own (never the
 * shared one): nobody loses their post, and a dead worker's posts are taken over quickly.
 */
let redis: OwnRedis | undefined;
let telegram: FakeTelegramBotApi | undefined;
let setup: ScaleSetup | undefined;
let workers: WorkerProcess[] = [];

afterEach(async () => {
	await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
	workers = [];
	await setup?.close().catch(() => undefined);
	setup = undefined;
	await telegram?.close();
	telegram = undefined;
	await redis?.dispose();
	redis = undefined;
});

function chatsReached(fake: FakeTelegramBotApi): Set<string> {
	return new Set(acceptedPosts(fake).map((post) => post.chatId));
}

describe('when Redis is killed with SIGKILL mid-broadcast, with subscription reads in flight, and restarted', () => {
	it('then every subscriber still gets the issue: no read that failed is taken for a subscriber who left', async () => {
		redis = await startOwnRedis({ appendOnly: true });
		const prefix = `digestbot-test-outage-${randomUUID()}`;
		const subscribers = 600;
		telegram = await FakeTelegramBotApi.start();
		setup = await openSetup(redis.url, prefix);
		const ids = await subscribeChats(setup.keyv, telegram, subscribers, 0);
		workers = [0, 1].map(() => startWorker({ url: redis!.url, prefix, apiRoot: telegram!.apiRoot, concurrency: 8, perSecond: 300, lockMs: 5_000 }));
		await Promise.all(workers.map((worker) => worker.ready()));
		const id = await referenceIssueId();
		const { queue } = setup;
		await queue.enqueueBroadcast(id, ids);
		// 16 jobs in flight, each reading its subscription first: the kill lands on reads in flight.
		await waitFor(async () => acceptedPosts(telegram!).length >= 150, 60_000, 'the broadcast to be under way', 100);
		await redis.crash();
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		await redis.start();
		await waitFor(async () => (await queue.stats(id).catch(() => undefined))?.state === 'finished', 150_000, 'the broadcast to finish', 100);

		// Before the fix, a read failing as the connection dropped counted the job "unsubscribed".
		expect(await queue.stats(id)).toMatchObject({ state: 'finished', delivered: subscribers, failed: 0, unsubscribed: 0, pending: 0 });
		expect(chatsReached(telegram).size).toBe(subscribers);
	}, 240_000);
});

describe('when a worker is killed with SIGKILL while its posts are being sent', () => {
	it('then another worker takes its posts over within 15 s (8 s lock renewed every 4 s, stalled check every 3 s)', async () => {
		redis = await startOwnRedis();
		const prefix = `digestbot-test-takeover-${randomUUID()}`;
		const subscribers = 200;
		telegram = await FakeTelegramBotApi.start();
		// Every post takes half a second to be accepted, so each worker has posts in flight when it dies.
		telegram.inject('sendMessage', ...Array.from({ length: subscribers * 2 }, () => ({ delayMs: 500 })));
		setup = await openSetup(redis.url, prefix);
		const ids = await subscribeChats(setup.keyv, telegram, subscribers, 0);
		workers = [0, 1].map(() => startWorker({ url: redis!.url, prefix, apiRoot: telegram!.apiRoot, concurrency: 4, perSecond: 300, lockMs: 'default' }));
		await Promise.all(workers.map((worker) => worker.ready()));
		const id = await referenceIssueId();
		await setup.queue.enqueueBroadcast(id, ids);
		await waitFor(async () => acceptedPosts(telegram!).length >= 30, 60_000, 'the broadcast to be under way', 100);
		const jobs = new Queue('delivery', { connection: setup.redis, prefix });
		try {
			const killedAt = Date.now();
			await workers[0]!.stop('SIGKILL');
			// The dead worker's jobs are among those active now; the live worker's finish within a second.
			const inFlight = (await jobs.getActive()).map((job) => job.id!);
			expect(inFlight.length).toBeGreaterThan(0);
			const finishedAt = new Map<string, number>();
			await waitFor(
				async () => {
					for (const jobId of inFlight) if (!finishedAt.has(jobId) && (await jobs.getJobState(jobId)) === 'completed') finishedAt.set(jobId, Date.now());
					return finishedAt.size === inFlight.length;
				},
				60_000,
				'the killed worker’s posts to be taken over',
				100,
			);
			const takeoverMs = Math.max(...finishedAt.values()) - killedAt;
			process.stdout.write(`takeover of ${inFlight.length} in-flight posts after SIGKILL: ${takeoverMs} ms\n`);
			expect(takeoverMs).toBeLessThan(15_000);
			await waitFor(async () => (await setup!.queue.stats(id))?.state === 'finished', 120_000, 'the broadcast to finish', 100);
			expect(await setup.queue.stats(id)).toMatchObject({ delivered: subscribers, failed: 0, unsubscribed: 0 });
			expect(chatsReached(telegram).size).toBe(subscribers);
		} finally {
			await jobs.close();
		}
	}, 180_000);
});
