import type { Keyv } from 'keyv';
import { Archive, type ArchivedIssue } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/delivery/engines/keyv/delivery-worker.js';
import type { DeliveryQueue } from '../../src/delivery/delivery-queue.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import type { DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import { createDeliveryRateLimiter, type RateLimitSettings } from './named-limits.js';
import type { RetryPolicyOptions } from '../../src/delivery/retry-policy.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { NewSubscription } from '../../src/subscriptions/subscription.js';
import { buildDigest } from '../builders/digest-builder.js';

/** Retries in milliseconds, so tests that exercise backoff stay fast. */
export const fastPolicy: RetryPolicyOptions = { maxAttempts: 3, backoffBaseMs: 2, backoffMaxMs: 10, maxRateLimited: 50, defaultRetryAfterMs: 2 };

/** Limits far above what a test sends: pacing is tested on the limiter itself. */
export const generousLimits = { telegramPerSecond: 100_000, telegramPerChatPerSecond: 1_000, telegramGroupPerMinute: 100_000, discordPerSecond: 100_000 };

/** Digest text of a small issue with top stories and two sections. */
export function sampleDigest(date = '2026-04-01'): string {
	return buildDigest({
		date,
		top: [{ title: 'Chips get cheaper', why: 'Everyone pays less.' }, { title: 'Rules get stricter', why: 'Labs must file reports.' }],
		sections: { 'Policy & Regulation': [{ title: 'A new bill' }], Research: [{ title: 'A new model' }] },
	});
}

/** The sample issue as the archive holds it. */
export async function sampleIssue(date = '2026-04-01'): Promise<ArchivedIssue> {
	const archive = new Archive(createMemoryIssueStore());
	const text = sampleDigest(date);
	await archive.put(parseIssue(text, { file: `${date}.md` }).issue, { bytes: text, file: `${date}.md` });
	const archived = archive.latest();
	if (!archived) throw new Error('the sample issue was not archived');
	return archived;
}

/** The n-th test subscriber: a mix of private chats, groups, topics, channels and Discord channels. */
export function subscriber(index: number, format: NewSubscription['format'] = 'headlines'): NewSubscription {
	switch (index % 5) {
		case 0:
			return { platform: 'telegram', chatId: String(1000 + index), kind: 'private', format, createdBy: String(1000 + index) };
		case 1:
			return { platform: 'telegram', chatId: String(-2000 - index), kind: 'group', format, createdBy: 'admin' };
		case 2:
			return { platform: 'telegram', chatId: String(-3000 - index), threadId: String(index), kind: 'group', format, createdBy: 'admin' };
		case 3:
			return { platform: 'telegram', chatId: String(-100_000 - index), kind: 'channel', format, createdBy: 'admin' };
		default:
			return { platform: 'discord', chatId: String(10n ** 17n + BigInt(index)), communityId: '123456789012345678', kind: 'community-channel', format, createdBy: 'admin' };
	}
}

export interface Harness {
	readonly subscriptions: SubscriptionStore;
	readonly queue: DeliveryQueue;
	readonly worker: DeliveryWorker;
	readonly issue: ArchivedIssue;
	/** Subscribes n test subscribers and returns their ids. */
	subscribeMany(count: number, from?: number): Promise<string[]>;
	/** Enqueues the sample issue for every active subscriber, runs the worker until idle. */
	broadcast(): Promise<void>;
	stop(): Promise<void>;
}

export async function createHarness(
	keyv: Keyv,
	transport: DeliveryTransport,
	options: {
		concurrency?: number;
		policy?: RetryPolicyOptions;
		limits?: RateLimitSettings;
		platforms?: readonly ('telegram' | 'discord')[];
		/** What the worker reads subscriptions through, e.g. a store that fails for a while. */
		workerSubscriptions?: (store: SubscriptionStore) => SubscriptionStore;
	} = {},
): Promise<Harness> {
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const queue = await createKeyvDeliveryQueue(keyv);
	const issue = await sampleIssue();
	const worker = createDeliveryWorker({
		queue,
		subscriptions: options.workerSubscriptions?.(subscriptions) ?? subscriptions,
		transports: Object.fromEntries((options.platforms ?? ['telegram', 'discord']).map((platform) => [platform, transport])),
		findIssue: (id) => (id === issue.issue.id ? issue : undefined),
		limiter: createDeliveryRateLimiter(options.limits ?? generousLimits),
		policy: options.policy ?? fastPolicy,
		concurrency: options.concurrency ?? 8,
		idleMs: 20,
	});
	return {
		subscriptions,
		queue,
		worker,
		issue,
		async subscribeMany(count, from = 0) {
			const ids: string[] = [];
			for (let index = from; index < from + count; index += 1) ids.push((await subscriptions.subscribe(subscriber(index))).subscription.id);
			return ids;
		},
		async broadcast() {
			await queue.enqueueBroadcast(issue.issue.id, await subscriptions.activeIds());
			worker.start();
			await worker.whenIdle();
		},
		stop: () => worker.stop(),
	};
}
