import { mkdir } from 'node:fs/promises';
import { latestBroadcastSummary, type LatestBroadcastSummary } from '../delivery/broadcast-status.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import { createHealthRoute } from '../http/health-route.js';
import { createMetricsRoute } from '../http/metrics-route.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { Coordination } from '../sync/coordination.js';
import { createHttpServer, type HttpRoute, type HttpServer } from '../http/http-server.js';
import { createPublishRoute } from '../http/publish-route.js';
import { createFeedRoutes } from '../http/feed-routes.js';
import type { FeedPoller } from '../feeds/feed-poller.js';
import { redactFeed, startFeeds, type FeedsDeps } from '../feeds/start-feeds.js';
import { createBroadcastPlanner, type BroadcastPlanner } from './broadcast-planner.js';
import { createDeliveryEngine, type DeliveryEngine, type DeliveryEngineDeps, type Transports } from './delivery-engine.js';
import { startDigestWatcher, type DigestWatcher } from './digest-watcher.js';
import { publishBytes } from './publish-bytes.js';

/**
 * What the delivery engine needs, passed through as it is: the archive loaded with the start-up
 * scan of DIGEST_DIR done. The transports come later, from the adapters (`deliverThrough`).
 */
export interface PublishingDeps extends Pick<DeliveryEngineDeps, 'settings' | 'keyv' | 'archive' | 'subscriptions' | 'log' | 'onDelivered'> {
	/** More routes for the same HTTP server, e.g. the Telegram webhook. */
	readonly extraRoutes?: readonly HttpRoute[];
	/**
	 * The bot's HTTP server, already listening, when the composition root opened it (it does
	 * so before the adapters start, so the Telegram webhook can share the port). Without it,
	 * publishing opens its own on HTTP_PORT.
	 */
	readonly http?: { readonly server: HttpServer; readonly port: number };
	/** On Redis: who of several instances watches DIGEST_DIR. */
	readonly coordination?: Coordination;
	/** Counts for `GET /metrics`; without it the route is not served. */
	readonly metrics?: BotMetrics;
	/** Plan broadcasts of new issues (default true); a `--role worker` process only delivers. */
	readonly plan?: boolean;
	/** Run the delivery worker (default true); a `--role web` process leaves it to the workers. */
	readonly deliver?: boolean;
	/** Watch DIGEST_DIR for new files (default true). */
	readonly watch?: boolean;
	/** Feed polling overrides (tests: no timer, an injected clock). */
	readonly feeds?: Pick<FeedsDeps, 'start' | 'now' | 'random' | 'limits'>;
}

export interface RunningPublishing {
	readonly queue: BroadcastQueue;
	readonly engine: DeliveryEngine;
	readonly planner: BroadcastPlanner;
	/** The feeds followed (FEED_URLS and `cli feeds add`). */
	readonly feeds: FeedPoller;
	/** The bound HTTP port, when HTTP_PORT is set. */
	readonly httpPort: number | undefined;
	/** For `CommandContext.broadcastStatus` (`/status`). */
	broadcastStatus(): Promise<LatestBroadcastSummary | undefined>;
	/**
	 * Starts delivering through the adapters' transports, once they run. Until then (and with
	 * none, or in a `--role web` process) broadcasts wait in the durable queue.
	 */
	deliverThrough(transports: Transports): void;
	stop(): Promise<void>;
}

/**
 * Everything issue 5 runs besides the adapters, in the order that keeps the promises: the queue
 * opens first, the planner then queues what arrived while the bot was down (or, on the first
 * start ever, marks the backlog as seen), and only then do the live sources open: the watcher
 * of DIGEST_DIR and `POST /issues`. It runs before the adapters, which need `/status` from it;
 * they then hand their transports to `deliverThrough`, and the worker finishes what a crash cut
 * short and sends what the planner queued.
 */
export async function startPublishing(deps: PublishingDeps): Promise<RunningPublishing> {
	const { settings, keyv, archive, subscriptions, log } = deps;
	const { metrics } = deps;
	const engine = await createDeliveryEngine({ settings, keyv, archive, subscriptions, log, ...(deps.onDelivered ? { onDelivered: deps.onDelivered } : {}), ...(metrics ? { onOutcome: (platform: string | undefined, outcome: string) => metrics.deliveryOutcome(platform, outcome) } : {}) });
	metrics?.readQueueDepthFrom(() => engine.depth());
	const { queue } = engine;
	const planner = createBroadcastPlanner({ archive, queue, subscriptions, keyv, log, onQueued: () => engine.wake(), corrections: engine.corrections, ...(engine.merges ? { merges: engine.merges } : {}) });
	let stopListening = (): void => undefined;
	if (deps.plan !== false) {
		await planner.reconcile();
		stopListening = planner.listen();
	}

	let watcher: DigestWatcher | undefined;
	let stopWatching = async (): Promise<void> => {
		await watcher?.close();
	};
	if (deps.watch !== false) {
		await mkdir(settings.digestDir, { recursive: true });
		const watch = async (): Promise<void> => {
			watcher = await startDigestWatcher({ directory: settings.digestDir, archive, log });
		};
		// With several instances on one Redis, one watches (a lease); the others take over if it dies.
		if (deps.coordination) stopWatching = deps.coordination.whileLeader('digest-watcher', watch, () => watcher?.close());
		else await watch();
	}

	// After the planner listens: an item a feed files is then posted like any new issue.
	const feeds = await startFeeds({ settings, keyv, archive, markHandled: (issueId, reason) => queue.skipBroadcast(issueId, reason), log, ...deps.feeds });

	let http: HttpServer | undefined;
	let httpPort: number | undefined;
	const routes = [
		createHealthRoute(
			async () => ({
				issues: archive.size,
				latestIssue: archive.latest()?.id ?? null,
				// On Redis the archive answers from memory while Redis is away; the broadcast counts cannot.
				broadcast: (await answerWithin(latestBroadcastSummary(queue, engine.corrections.corrections), 500)) ?? null,
				feeds: (await feeds.status()).map(redactFeed),
				...(engine.kind === 'bullmq' ? { delivery: engine.kind, redis: engine.redisStatus() } : {}),
			}),
			settings.PUBLISH_TOKEN,
		),
		createPublishRoute({ token: settings.PUBLISH_TOKEN, maxBytes: settings.PUBLISH_MAX_BYTES, publish: (bytes, file, format) => publishBytes(archive, bytes, { ...(file ? { file } : {}), ...(format ? { format } : {}), log }) }),
		...createFeedRoutes({ issues: () => archive.list(), title: () => archive.latest()?.issue.publication ?? 'digestbot' }),
		...(metrics ? [createMetricsRoute(metrics.registry, settings.PUBLISH_TOKEN)] : []),
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
		engine,
		planner,
		feeds,
		httpPort,
		broadcastStatus: () => latestBroadcastSummary(queue, engine.corrections.corrections),
		deliverThrough(transports) {
			if (deps.deliver === false) return;
			if (Object.keys(transports).length > 0) engine.start(transports);
			else log.info('no platform adapter is running: broadcasts stay queued until one is');
		},
		async stop() {
			await http?.close();
			await feeds.stop();
			await stopWatching();
			stopListening();
			await engine.stop();
		},
	};
}

/** The value, or undefined when it fails or takes longer than `ms` (Redis away: commands wait for the reconnect). */
function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	return Promise.race([promise.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
}
