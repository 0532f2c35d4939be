import type { Keyv } from 'keyv';
import { openBackends } from '../../adapters/backends.js';
import { createBotRoutes } from '../../adapters/bot-routes.js';
import type { Archive } from '../../src/archive/archive.js';
import type { Settings } from '../../src/config/config.js';
import type { FeedPoller } from '../../src/feeds/feed-poller.js';
import { startFeeds, type FeedsDeps } from '../../src/feeds/start-feeds.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/logger.js';
import { createDeliveryEngine, type PostPublications } from '../../src/publish/delivery-engine.js';
import { startPublishing, type RunningPublishing } from '../../src/publish/start-publishing.js';
import type { SubscriberPublications } from '../../src/publish/broadcast-planner.js';
import type { SubscriptionStore } from '../../src/subscriptions/subscription-store.js';

export interface PublishingSideOptions {
	readonly settings: Settings;
	readonly keyv: Keyv;
	readonly archive: Archive;
	readonly subscriptions: SubscriptionStore;
	/** Who follows which publication, and what posts call it; without it every subscriber gets every issue, and posts name none. */
	readonly publications?: SubscriberPublications & PostPublications;
	/** Watch DIGEST_DIR (default true). */
	readonly watch?: boolean;
	/** Feed polling overrides (no timer, an injected clock). */
	readonly feeds?: Pick<FeedsDeps, 'start' | 'now' | 'random' | 'limits'>;
}

export interface PublishingSide {
	readonly publishing: RunningPublishing;
	readonly feeds: FeedPoller;
	/** The bound port when the settings name HTTP_PORT. */
	readonly httpPort: number | undefined;
	stop(): Promise<void>;
}

/**
 * Everything besides the adapters, wired as adapters/main.ts wires it: the backend the
 * settings choose (BullMQ on a redis:// STORE_URL), the engine on it, publishing, the feeds,
 * and the bot's routes on an HTTP server when HTTP_PORT is set.
 */
export async function startPublishingSide(options: PublishingSideOptions): Promise<PublishingSide> {
	const { settings, keyv, archive, subscriptions } = options;
	const log = createLogger('silent');
	const backends = await openBackends(settings, archive, log);
	const engine = await createDeliveryEngine({ backend: backends.delivery, settings, keyv, archive, subscriptions, log, ...(options.publications ? { publications: options.publications } : {}) });
	const publishing = await startPublishing({ engine, archive, subscriptions, publications: options.publications, keyv, log, digestDir: settings.digestDir, ...(backends.coordination ? { coordination: backends.coordination } : {}), ...(options.watch === false ? { watch: false } : {}) });
	const feeds = await startFeeds({ settings, keyv, archive, markHandled: (issueId, reason) => publishing.queue.skipBroadcast(issueId, reason), log, ...options.feeds });
	let http: HttpServer | undefined;
	let httpPort: number | undefined;
	if (settings.HTTP_PORT !== undefined) {
		http = createHttpServer({ routes: createBotRoutes({ settings, archive, publishing, feeds, log }), log });
		httpPort = await http.listen(settings.HTTP_PORT, '127.0.0.1');
	}
	return {
		publishing,
		feeds,
		httpPort,
		async stop() {
			await http?.close();
			await feeds.stop();
			await publishing.stop();
			await backends.close();
		},
	};
}
