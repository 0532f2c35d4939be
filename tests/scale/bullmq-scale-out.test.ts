import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../fakes/telegram-bot-api.js';
import { startOwnRedis } from './own-redis.js';
import { acceptedPosts, busiestWindow, closestPostsInOneChat, openSetup, referenceIssueId, startWorker, waitFor, subscribeChats, type ScaleSetup, type WorkerProcess } from './scale-harness.js';

const url = 'redis://127.0.0.1:6379';
/** The ceiling the workers share (as with paid broadcasts), and the fake enforces with Telegram's per-chat limits. */
const perSecond = 300;
const subscribers = 5_000;
const fullSubscribers = 10;

let telegram: FakeTelegramBotApi | undefined;
let setup: ScaleSetup | undefined;
let workers: WorkerProcess[] = [];

afterEach(async () => {
	await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
	workers = [];
	await setup?.close();
	setup = undefined;
	await telegram?.close();
	telegram = undefined;
});

/** Posts per chat the fake accepted. */
function postsPerChat(fake: FakeTelegramBotApi): Map<string, number> {
	const counts = new Map<string, number>();
	for (const post of acceptedPosts(fake)) counts.set(post.chatId, (counts.get(post.chatId) ?? 0) + 1);
	return counts;
}

describe('when 3 worker processes deliver one broadcast of 5,000 posts on Redis', () => {
	it('then every subscription receives it exactly once, the shared ceiling and the per-chat spacing hold, and the ledger counts 5,000 delivered', async () => {
		const prefix = `digestbot-test-scale-${randomUUID()}`;
		telegram = await FakeTelegramBotApi.start();
		telegram.enforceFloodLimits({ perSecond, perChatPerSecond: 1, groupPerMinute: 20 });
		setup = await openSetup(url, prefix);
		const ids = await subscribeChats(setup.keyv, telegram, subscribers, fullSubscribers);
		workers = [0, 1, 2].map(() => startWorker({ url, prefix, apiRoot: telegram!.apiRoot, concurrency: 16, perSecond }));
		await Promise.all(workers.map((worker) => worker.ready()));
		const id = await referenceIssueId();
		const { queue } = setup;
		await queue.enqueueBroadcast(id, ids);
		// A second publisher (or a republish) enqueueing the same broadcast adds nothing.
		await queue.enqueueBroadcast(id, ids);
		await waitFor(async () => (await queue.stats(id))?.state === 'finished', 120_000, 'the broadcast to finish');

		const counts = postsPerChat(telegram);
		expect(counts.size).toBe(subscribers);
		const full = ids.slice(0, fullSubscribers).map((subscription) => counts.get(subscription.split(':')[1]!) ?? 0);
		const headlines = [...counts.entries()].filter(([chatId]) => !full.length || Number(chatId) >= 7_000_000 + fullSubscribers).map(([, count]) => count);
		expect(headlines.every((count) => count === 1)).toBe(true);
		expect(full[0]).toBeGreaterThan(1);
		expect(new Set(full).size).toBe(1);
		const posts = acceptedPosts(telegram);
		expect(busiestWindow(posts.map((post) => post.at), 1_000)).toBeLessThanOrEqual(perSecond);
		expect(closestPostsInOneChat(posts)).toBeGreaterThanOrEqual(1_000);
		expect(telegram.calls.filter((call) => call.errorCode === 429).map((call) => String(call.params.chat_id))).toEqual([]);
		expect(await queue.stats(id)).toMatchObject({ state: 'finished', queued: subscribers, delivered: subscribers, failed: 0, unsubscribed: 0, pending: 0 });
		expect(await queue.depth()).toBe(0);
	}, 180_000);
});

describe('when one of 3 worker processes is killed with SIGKILL mid-broadcast', () => {
	it('then the others finish its jobs, nothing is lost and duplicates stay within its in-flight posts', async () => {
		const prefix = `digestbot-test-scale-${randomUUID()}`;
		const concurrency = 8;
		telegram = await FakeTelegramBotApi.start();
		setup = await openSetup(url, prefix);
		const ids = await subscribeChats(setup.keyv, telegram, 1_500, 0);
		workers = [0, 1, 2].map(() => startWorker({ url, prefix, apiRoot: telegram!.apiRoot, concurrency, perSecond, lockMs: 2_000 }));
		await Promise.all(workers.map((worker) => worker.ready()));
		const id = await referenceIssueId();
		const { queue } = setup;
		await queue.enqueueBroadcast(id, ids);
		await waitFor(async () => acceptedPosts(telegram!).length >= 300, 60_000, 'the broadcast to be under way');
		await workers[0]!.stop('SIGKILL');
		await waitFor(async () => (await queue.stats(id))?.state === 'finished', 120_000, 'the broadcast to finish');

		const counts = postsPerChat(telegram);
		expect(counts.size).toBe(ids.length);
		const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
		expect(duplicates).toBeLessThanOrEqual(concurrency);
		expect(await queue.stats(id)).toMatchObject({ state: 'finished', delivered: ids.length, failed: 0, pending: 0 });
	}, 180_000);
});

describe('when Redis is stopped and started again in the middle of a broadcast', () => {
	it('then the broadcast completes and nothing is lost', async () => {
		const redis = await startOwnRedis();
		try {
			const prefix = `digestbot-test-restart-${randomUUID()}`;
			const concurrency = 8;
			telegram = await FakeTelegramBotApi.start();
			setup = await openSetup(redis.url, prefix);
			const ids = await subscribeChats(setup.keyv, telegram, 1_500, 0);
			workers = [0, 1].map(() => startWorker({ url: redis.url, prefix, apiRoot: telegram!.apiRoot, concurrency, perSecond, lockMs: 5_000 }));
			await Promise.all(workers.map((worker) => worker.ready()));
			const id = await referenceIssueId();
			const { queue } = setup;
			await queue.enqueueBroadcast(id, ids);
			await waitFor(async () => acceptedPosts(telegram!).length >= 300, 60_000, 'the broadcast to be under way');
			await redis.stop();
			const duringOutage = acceptedPosts(telegram).length;
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			// Nothing is sent without Redis: limits and bookkeeping live there.
			expect(acceptedPosts(telegram).length - duringOutage).toBeLessThanOrEqual(2 * concurrency);
			await redis.start();
			await waitFor(async () => (await queue.stats(id).catch(() => undefined))?.state === 'finished', 120_000, 'the broadcast to finish');

			// The ledger's counts first: when a chat goes missing they tell whether its job was lost,
			// counted as failed or unsubscribed, or counted as delivered without reaching the platform.
			expect(await queue.stats(id)).toMatchObject({ state: 'finished', delivered: ids.length, failed: 0, unsubscribed: 0, pending: 0 });
			const counts = postsPerChat(telegram);
			expect(counts.size).toBe(ids.length);
			const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
			expect(duplicates).toBeLessThanOrEqual(2 * concurrency);
		} finally {
			await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
			workers = [];
			await setup?.close().catch(() => undefined);
			setup = undefined;
			await redis.dispose();
		}
	}, 180_000);
});
