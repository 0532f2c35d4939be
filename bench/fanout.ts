import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Archive } from '../src/archive/archive.js';
import { createDeliveryWorker } from '../src/delivery/engines/keyv/delivery-worker.js';
import type { DeliveryTransport } from '../src/delivery/delivery-transport.js';
import { createKeyvDeliveryQueue } from '../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createKeyvCorrectionStores } from '../src/delivery/corrections/correction-stores.js';
import { createDeliveryRateLimiter, type RateLimitSettings } from '../tests/delivery/named-limits.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../src/subscriptions/subscription-store.js';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import type { FakeHost, RecordedPost } from './fake-host.js';
import { generatedArchive } from './generated-archive.js';
import { seedSubscriptions } from './seed-store.js';
import { median } from './stats.js';

/** Limits far above anything the machine can send: the fan-out benchmark measures overhead, not pacing. */
export const limitsOff: RateLimitSettings = { telegramPerSecond: 1e9, telegramPerChatPerSecond: 1e9, telegramGroupPerMinute: 1e9, discordPerSecond: 1e9 };

/** The production default of DELIVERY_CONCURRENCY. */
export const defaultConcurrency = 8;

/** A broadcast pipeline on a fresh SQLite store, as the bot runs it, pointed at one transport. */
export interface FanoutRig {
	readonly archive: Archive;
	/** Broadcasts the next not-yet-sent issue to every subscriber; resolves when the worker is idle. */
	broadcast(): Promise<void>;
	close(): Promise<void>;
}

export async function createFanoutRig(options: {
	/** Seeded into a fresh store; without them the rig broadcasts to the active subscriptions of `dataDir`. */
	readonly subscriptions?: readonly NewSubscription[];
	/** An existing store directory, left in place on close. */
	readonly dataDir?: string;
	readonly transport: DeliveryTransport;
	readonly platform: 'telegram' | 'discord';
	readonly issues: number;
	readonly limits?: RateLimitSettings;
	readonly concurrency?: number;
	/** STORE_URL; SQLite in a temporary directory (the default store) when absent. */
	readonly storeUrl?: string;
	/** Store every post's message ids for corrections, as the bot does (default true; BENCH_NO_POSTED_IDS=1 turns it off to compare). */
	readonly postedIds?: boolean;
}): Promise<FanoutRig> {
	const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'digestbot-bench-fanout-')));
	const keyv = await createKeyv({ dataDir, ...(options.storeUrl ? { url: options.storeUrl } : {}) });
	const subscriptions = createKeyvSubscriptionStore(keyv);
	if (options.subscriptions) await seedSubscriptions(keyv, options.subscriptions);
	const archive = await generatedArchive(options.issues);
	const queue = await createKeyvDeliveryQueue(keyv);
	const worker = createDeliveryWorker({
		queue,
		subscriptions,
		transports: { [options.platform]: options.transport },
		findIssue: (issueId) => archive.get(issueId),
		limiter: createDeliveryRateLimiter(options.limits ?? limitsOff),
		concurrency: options.concurrency ?? defaultConcurrency,
		idleMs: 20,
		...((options.postedIds ?? process.env.BENCH_NO_POSTED_IDS !== '1') ? { corrections: createKeyvCorrectionStores(keyv) } : {}),
	});
	worker.start();
	let next = 0;
	return {
		archive,
		async broadcast() {
			const issue = archive.list()[next++];
			if (!issue) throw new Error('the fan-out rig ran out of issues to broadcast');
			// As publishing does: the snapshot is the active index at the time of the broadcast.
			await queue.enqueueBroadcast(issue.id, await subscriptions.activeIds());
			worker.wake();
			await worker.whenIdle();
		},
		async close() {
			await worker.stop();
			await keyv.disconnect();
			if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
		},
	};
}

/** Sends recorded posts again straight through `fetch`, `concurrency` at a time, as a bare bot would. */
export async function replayPosts(posts: readonly RecordedPost[], url: (post: RecordedPost) => string, headers: Readonly<Record<string, string>>, concurrency: number): Promise<void> {
	let index = 0;
	const lane = async (): Promise<void> => {
		while (index < posts.length) {
			const post = posts[index++]!;
			const response = await fetch(url(post), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(post.body) });
			await response.arrayBuffer();
			if (!response.ok) throw new Error(`bare loop: ${post.path} answered ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
}

export interface FanoutFigures {
	readonly ratio: number;
	readonly botPerSecond: number;
	readonly barePerSecond: number;
	readonly messages: number;
}

/**
 * The bot's fan-out against a bare loop of the same posts, side by side: each repetition
 * broadcasts a new issue through the worker, then replays exactly the requests the fake
 * recorded. Ratios are per repetition; the median is reported.
 */
export async function compareFanout(host: FakeHost, rig: FanoutRig, replay: (posts: readonly RecordedPost[]) => Promise<void>, repetitions: number): Promise<FanoutFigures> {
	const ratios: number[] = [];
	const bot: number[] = [];
	const bare: number[] = [];
	let messages = 0;
	for (let round = 0; round < repetitions; round += 1) {
		await host.clear();
		let started = performance.now();
		await rig.broadcast();
		const botSeconds = (performance.now() - started) / 1000;
		const posts = await host.bodies();
		await host.clear();
		started = performance.now();
		await replay(posts);
		const bareSeconds = (performance.now() - started) / 1000;
		const replayed = await host.sent();
		if (replayed !== posts.length) throw new Error(`bare loop: ${replayed} of ${posts.length} posts arrived`);
		messages = posts.length;
		bot.push(posts.length / botSeconds);
		bare.push(posts.length / bareSeconds);
		ratios.push(bareSeconds / botSeconds);
	}
	return { ratio: median(ratios), botPerSecond: median(bot), barePerSecond: median(bare), messages };
}
