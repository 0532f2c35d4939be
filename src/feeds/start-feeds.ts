import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import type { Settings } from '../config/config.js';
import { defaultFetchLimits, fetchFeed, type FetchLimits } from './feed-fetcher.js';
import { createFeedPoller, type FeedHealth, type FeedPoller } from './feed-poller.js';
import { createKeyvFeedStore } from './feed-store.js';

export interface FeedsDeps {
	readonly settings: Pick<Settings, 'FEED_URLS' | 'FEED_POLL_MINUTES' | 'FEED_ALLOW_PRIVATE'>;
	readonly keyv: Keyv;
	readonly archive: Archive;
	/** The delivery queue's skip: marks an issue handled without posting it. */
	readonly markHandled: (issueId: string, reason: string) => Promise<void>;
	readonly log?: Logger;
	/** Poll on a timer (default true); tests call `tick()` on an injected clock instead. */
	readonly start?: boolean;
	readonly now?: () => number;
	readonly random?: () => number;
	readonly limits?: Partial<FetchLimits>;
}

/**
 * Follows FEED_URLS and the feeds added with `npm run cli -- feeds add`. Started by publishing,
 * after the planner listens, so an item filed from a feed is posted like any new issue.
 */
export async function startFeeds(deps: FeedsDeps): Promise<FeedPoller> {
	const poller = createFeedPoller({
		store: createKeyvFeedStore(deps.keyv, deps.now ? () => new Date(deps.now!()) : undefined),
		fetch: fetchFeed,
		limits: { ...defaultFetchLimits, allowPrivate: deps.settings.FEED_ALLOW_PRIVATE, ...deps.limits },
		intervalMs: deps.settings.FEED_POLL_MINUTES * 60_000,
		archive: deps.archive,
		markHandled: deps.markHandled,
		...(deps.log ? { log: deps.log } : {}),
		...(deps.now ? { now: deps.now } : {}),
		...(deps.random ? { random: deps.random } : {}),
	});
	await poller.seed(deps.settings.FEED_URLS);
	if (deps.start !== false) poller.start();
	return poller;
}

/**
 * A feed as `/health` and `/status` show it: without the query string, which for a private feed
 * (a paid Substack, a members-only Ghost) carries the reader's token.
 */
export function redactFeed(feed: FeedHealth): FeedHealth {
	return { ...feed, url: redactUrl(feed.url) };
}

export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		const hidden = parsed.search || parsed.username || parsed.password ? '?…' : '';
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}${hidden}`;
	} catch {
		return 'invalid URL';
	}
}
