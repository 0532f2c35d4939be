/**
 * Part of the composition root (adapters/main.ts): the bot's own endpoints, registered on the
 * one HTTP server the root opens. The routes in src/http take functions, not the archive or
 * publishing, so HTTP stays a door that knows nothing of what is behind it; this is where the
 * two meet.
 */
import type { Archive } from '../src/archive/archive.js';
import { ingestDigest } from '../src/ingest/ingest.js';
import type { Settings } from '../src/config/config.js';
import type { FeedPoller } from '../src/feeds/feed-poller.js';
import { redactFeed } from '../src/feeds/start-feeds.js';
import { createFeedRoutes } from '../src/http/feed-routes.js';
import { createHealthRoute } from '../src/http/health-route.js';
import type { HttpRoute } from '../src/http/http-server.js';
import { createMetricsRoute } from '../src/http/metrics-route.js';
import { createPublishRoute } from '../src/http/publish-route.js';
import type { Logger } from '../src/logger.js';
import type { BotMetrics } from '../src/metrics/bot-metrics.js';
import type { RunningPublishing } from '../src/publish/start-publishing.js';
import type { StoreHealth } from '../src/store/store-health.js';
import type { PublicationCatalogue } from '../src/publications/publication-catalogue.js';

export interface BotRoutesDeps {
	readonly settings: Pick<Settings, 'PUBLISH_TOKEN' | 'PUBLISH_MAX_BYTES'>;
	readonly archive: Archive;
	readonly publishing: Pick<RunningPublishing, 'engine' | 'broadcastStatus'>;
	readonly feeds: Pick<FeedPoller, 'status'>;
	readonly log: Logger;
	/** Counts for `GET /metrics`; without them the route is not served. */
	readonly metrics?: BotMetrics;
	/** The store's state for `/health` (503 until first reached, `store-unavailable` in an outage); always up without it. */
	readonly store?: Pick<StoreHealth, 'state'>;
	/** Names the per-publication feeds (`/feed.xml?publication=SLUG`); without it they are titled by slug. */
	readonly publications?: Pick<PublicationCatalogue, 'nameOf'>;
}

/**
 * `GET /health`, `POST /issues` (through the one ingest path), `GET /feed.xml` and
 * `/feed.json`, and `GET /metrics`.
 */
export function createBotRoutes(deps: BotRoutesDeps): HttpRoute[] {
	const { settings, archive, publishing, feeds, log, metrics, store } = deps;
	const { engine } = publishing;
	return [
		createHealthRoute(
			async () => ({
				issues: archive.size,
				latestIssue: archive.latest()?.id ?? null,
				// On Redis the archive answers from memory while Redis is away; the broadcast counts cannot.
				broadcast: (await answerWithin(publishing.broadcastStatus(), 500)) ?? null,
				feeds: (await feeds.status()).map(redactFeed),
				...(engine.kind === 'bullmq' ? { delivery: engine.kind, redis: engine.redisStatus() } : {}),
			}),
			settings.PUBLISH_TOKEN,
			store ? () => store.state() : undefined,
		),
		createPublishRoute({ token: settings.PUBLISH_TOKEN, maxBytes: settings.PUBLISH_MAX_BYTES, ingest: (bytes, source) => ingestDigest(archive, bytes, source, log) }),
		...createFeedRoutes({
			issues: (publication) => (publication === undefined ? archive.list() : archive.publications().has(publication) ? archive.list(publication) : undefined),
			title: (publication) => (publication === undefined ? (archive.latest()?.issue.publication ?? 'digestbot') : (deps.publications?.nameOf(publication) ?? publication)),
		}),
		...(metrics ? [createMetricsRoute(metrics.registry, settings.PUBLISH_TOKEN)] : []),
	];
}

/** The value, or undefined when it fails or takes longer than `ms` (Redis away: commands wait for the reconnect). */
function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	return Promise.race([promise.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);
}
