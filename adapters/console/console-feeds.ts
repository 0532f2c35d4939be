import type { Keyv } from 'keyv';
import type { Archive } from '../../src/archive/archive.js';
import type { Settings } from '../../src/config/config.js';
import { startFeeds } from '../../src/feeds/start-feeds.js';
import type { FeedPoller } from '../../src/feeds/feed-poller.js';
import type { Logger } from '../../src/logger.js';

/**
 * How long the console waits for the first poll of FEED_URLS before it answers: a newcomer
 * trying `FEED_URLS=… npm start` (or piping `/latest` to it) sees their feed's issues, and a
 * feed host that never answers delays the prompt by this much at most.
 */
export const firstPollWaitMs = 15_000;

/**
 * The console follows feeds too, as the bot does on a platform: nothing is posted (there are no
 * subscribers), so filing an item is all a poll does. The first poll runs before the console
 * answers; later ones on FEED_POLL_MINUTES while it runs.
 */
export async function startConsoleFeeds(deps: { settings: Settings; keyv: Keyv; archive: Archive; log: Logger; waitMs?: number }): Promise<FeedPoller> {
	const feeds = await startFeeds({ settings: deps.settings, keyv: deps.keyv, archive: deps.archive, markHandled: async () => undefined, log: deps.log, start: false });
	if (deps.settings.FEED_URLS.length > 0) {
		let timer: NodeJS.Timeout | undefined;
		const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.waitMs ?? firstPollWaitMs)));
		await Promise.race([feeds.tick().catch((error: unknown) => deps.log.warn({ err: error }, 'first feed poll failed')), waited]);
		clearTimeout(timer);
	}
	// A feed polled above is not due again for FEED_POLL_MINUTES, so this does not fetch it twice.
	feeds.start();
	return feeds;
}
