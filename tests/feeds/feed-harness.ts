import { Keyv } from 'keyv';
import { expect, vi } from 'vitest';
import { Archive, type ArchiveOptions } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { loadConfig } from '../../src/config/config.js';
import type { FeedPoller } from '../../src/feeds/feed-poller.js';
import { createKeyvFeedStore, type FeedState, type FeedStore } from '../../src/feeds/feed-store.js';
import type { RunningPublishing } from '../../src/publish/start-publishing.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { createCapturingTransport, type CapturingTransport } from '../delivery/capturing-transport.js';
import { subscriber } from '../delivery/delivery-harness.js';
import { startPublishingSide } from '../helpers/publishing-side.js';

export const minute = 60_000;

/** The bot's publishing side with one subscriber and feeds on a clock the test moves. */
export interface FeedBot {
	readonly publishing: RunningPublishing;
	/** The feeds followed, as the composition root starts them. */
	readonly poller: FeedPoller;
	readonly archive: Archive;
	readonly transport: CapturingTransport;
	readonly feeds: FeedStore;
	/** Moves the clock on and polls what is due. */
	advance(ms: number): Promise<void>;
	now(): number;
	state(url: string): Promise<FeedState | undefined>;
	/** Issue ids posted, in the order the platform accepted them. */
	posted(): string[];
	/** How the delivery queue recorded the issue: `skipped` (archived only) or a broadcast with its job count. */
	broadcast(issueId: string): Promise<{ state: string; queued: number } | undefined>;
	/** Waits until `count` posts went out. */
	waitForPosts(count: number): Promise<void>;
	stop(): Promise<void>;
}

export async function startFeedBot(feedUrls: readonly string[], options: { readonly timeoutMs?: number; readonly archiveOptions?: ArchiveOptions } = {}): Promise<FeedBot> {
	let time = Date.parse('2026-12-01T12:00:00Z');
	const settings = loadConfig({ FEED_URLS: feedUrls.join(','), FEED_ALLOW_PRIVATE: 'true', FEED_POLL_MINUTES: '15', DELIVERY_CONCURRENCY: '1' });
	const keyv = new Keyv({ throwOnErrors: true });
	const archive = new Archive(createMemoryIssueStore(), options.archiveOptions);
	const subscriptions = createKeyvSubscriptionStore(keyv);
	await subscriptions.subscribe(subscriber(0));
	const transport = createCapturingTransport();
	const side = await startPublishingSide({
		settings,
		keyv,
		archive,
		subscriptions,
		watch: false,
		// random 0.5 puts the jitter at exactly ±0, so the schedule can be asserted to the millisecond.
		feeds: { start: false, now: () => time, random: () => 0.5, ...(options.timeoutMs ? { limits: { timeoutMs: options.timeoutMs } } : {}) },
	});
	const { publishing, feeds: poller } = side;
	publishing.deliverThrough({ telegram: transport });
	const feeds = createKeyvFeedStore(keyv);
	const posted = (): string[] => transport.sent.map((send) => send.jobId.split('/')[0]!);
	return {
		publishing,
		poller,
		archive,
		transport,
		feeds,
		now: () => time,
		async advance(ms) {
			time += ms;
			await poller.tick();
		},
		state: (url) => feeds.get(url),
		posted,
		async broadcast(issueId) {
			const stats = await publishing.queue.stats(issueId);
			return stats ? { state: stats.state, queued: stats.queued } : undefined;
		},
		waitForPosts: (count) => vi.waitFor(() => expect(posted()).toHaveLength(count), { timeout: 10_000, interval: 20 }),
		async stop() {
			await side.stop();
			await keyv.disconnect();
		},
	};
}
