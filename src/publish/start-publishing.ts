import { mkdir } from 'node:fs/promises';
import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import type { Settings } from '../config/config.js';
import { latestBroadcastSummary, type LatestBroadcastSummary } from '../delivery/broadcast-status.js';
import type { DeliveryQueue } from '../delivery/delivery-queue.js';
import type { DeliveryTransport } from '../delivery/delivery-transport.js';
import { createDeliveryWorker, type DeliveryWorkerDeps } from '../delivery/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../delivery/keyv-delivery-queue.js';
import { createDeliveryRateLimiter } from '../delivery/rate-limits.js';
import { createHealthRoute } from '../http/health-route.js';
import { createHttpServer, type HttpRoute, type HttpServer } from '../http/http-server.js';
import { createPublishRoute } from '../http/publish-route.js';
import { createFeedRoutes } from '../http/feed-routes.js';
import type { FeedPoller } from '../feeds/feed-poller.js';
import { redactFeed, startFeeds, type FeedsDeps } from '../feeds/start-feeds.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { Subscription } from '../subscriptions/subscription.js';
import { createBroadcastPlanner, type BroadcastPlanner } from './broadcast-planner.js';
import { startDigestWatcher, type DigestWatcher } from './digest-watcher.js';
import { publishBytes } from './publish-bytes.js';

export interface PublishingDeps {
	readonly settings: Settings;
	readonly keyv: Keyv;
	/** Loaded, with the start-up scan of DIGEST_DIR done. */
	readonly archive: Archive;
	readonly subscriptions: SubscriptionStore;
	/** The running adapters' transports. With none (console only), jobs wait in the queue for a run that has them. */
	readonly transports: Partial<Record<Subscription['platform'], DeliveryTransport>>;
	readonly log: Logger;
	/** More routes for the same HTTP server, e.g. the Telegram webhook. */
	readonly extraRoutes?: readonly HttpRoute[];
	/**
	 * The bot's HTTP server, already listening, when the composition root opened it (it does
	 * so before the adapters start, so the Telegram webhook can share the port). Without it,
	 * publishing opens its own on HTTP_PORT.
	 */
	readonly http?: { readonly server: HttpServer; readonly port: number };
	/** Watch DIGEST_DIR for new files (default true). */
	readonly watch?: boolean;
	/** Feed polling overrides (tests: no timer, an injected clock). */
	readonly feeds?: Pick<FeedsDeps, 'start' | 'now' | 'random' | 'limits'>;
	/** Passed to the delivery worker: what else to do once a post is delivered (remember it for `/since`). */
	readonly onDelivered?: DeliveryWorkerDeps['onDelivered'];
}

export interface RunningPublishing {
	readonly queue: DeliveryQueue;
	readonly planner: BroadcastPlanner;
	/** The feeds followed (FEED_URLS and `cli feeds add`). */
	readonly feeds: FeedPoller;
	/** The bound HTTP port, when HTTP_PORT is set. */
	readonly httpPort: number | undefined;
	/** For `CommandContext.broadcastStatus` (`/status`). */
	broadcastStatus(): Promise<LatestBroadcastSummary | undefined>;
	stop(): Promise<void>;
}

/**
 * Everything issue 5 runs besides the adapters, in the order that keeps the promises: the queue
 * recovers first (finishing broadcasts a crash cut short), the planner then posts what arrived
 * while the bot was down (or, on the first start ever, marks the backlog as seen), and only then
 * do the live sources open: the watcher of DIGEST_DIR and `POST /issues`. Call it after the
 * adapters started, so their transports exist.
 */
export async function startPublishing(deps: PublishingDeps): Promise<RunningPublishing> {
	const { settings, keyv, archive, subscriptions, log } = deps;
	const queue = await createKeyvDeliveryQueue(keyv, { log });
	const worker = createDeliveryWorker({
		queue,
		subscriptions,
		transports: deps.transports,
		findIssue: (issueId) => archive.get(issueId),
		limiter: createDeliveryRateLimiter({
			telegramPerSecond: settings.TELEGRAM_MESSAGES_PER_SECOND,
			telegramPerChatPerSecond: 1,
			telegramGroupPerMinute: settings.TELEGRAM_GROUP_MESSAGES_PER_MINUTE,
			discordPerSecond: settings.DISCORD_REQUESTS_PER_SECOND,
		}),
		policy: { maxAttempts: settings.DELIVERY_MAX_ATTEMPTS, backoffBaseMs: settings.DELIVERY_BACKOFF_BASE_MS, backoffMaxMs: settings.DELIVERY_BACKOFF_MAX_MS, maxRateLimited: 50, defaultRetryAfterMs: 1_000 },
		concurrency: settings.DELIVERY_CONCURRENCY,
		log,
		onDelivered: deps.onDelivered,
	});
	const planner = createBroadcastPlanner({ archive, queue, subscriptions, keyv, log, onQueued: () => worker.wake() });
	await planner.reconcile();
	const stopListening = planner.listen();
	const delivering = Object.keys(deps.transports).length > 0;
	if (delivering) worker.start();
	else log.info('no platform adapter is running: broadcasts stay queued until one is');

	let watcher: DigestWatcher | undefined;
	if (deps.watch !== false) {
		await mkdir(settings.digestDir, { recursive: true });
		watcher = await startDigestWatcher({ directory: settings.digestDir, archive, log });
	}

	// After the planner listens: an item a feed files is then posted like any new issue.
	const feeds = await startFeeds({ settings, keyv, archive, markHandled: (issueId, reason) => queue.skipBroadcast(issueId, reason), log, ...deps.feeds });

	let http: HttpServer | undefined;
	let httpPort: number | undefined;
	const routes = [
		createHealthRoute(
			async () => ({ issues: archive.size, latestIssue: archive.latest()?.id ?? null, broadcast: (await latestBroadcastSummary(queue)) ?? null, feeds: (await feeds.status()).map(redactFeed) }),
			settings.PUBLISH_TOKEN,
		),
		createPublishRoute({ token: settings.PUBLISH_TOKEN, maxBytes: settings.PUBLISH_MAX_BYTES, publish: (bytes, file, format) => publishBytes(archive, bytes, { ...(file ? { file } : {}), ...(format ? { format } : {}), log }) }),
		...createFeedRoutes({ issues: () => archive.list(), title: () => archive.latest()?.issue.publication ?? 'digestbot' }),
		...(deps.extraRoutes ?? []),
	];
	if (deps.http) {
		for (const route of routes) deps.http.server.addRoute(route);
		httpPort = deps.http.port;
	} else if (settings.HTTP_PORT !== undefined) {
		http = createHttpServer({ log, routes });
		httpPort = await http.listen(settings.HTTP_PORT);
		log.info({ port: httpPort, publishing: Boolean(settings.PUBLISH_TOKEN) }, 'HTTP server listening');
	}

	return {
		queue,
		planner,
		feeds,
		httpPort,
		broadcastStatus: () => latestBroadcastSummary(queue),
		async stop() {
			await http?.close();
			await feeds.stop();
			await watcher?.close();
			stopListening();
			await worker.stop();
		},
	};
}
