import type { Archive } from '../src/archive/archive.js';
import type { Dispatcher } from '../src/command/dispatcher.js';
import type { Settings } from '../src/config/config.js';
import type { DeliveryTransport } from '../src/delivery/delivery-transport.js';
import type { HttpServer } from '../src/http/http-server.js';
import type { Logger } from '../src/logger.js';
import type { BotMetrics } from '../src/metrics/bot-metrics.js';
import type { Coordination } from '../src/sync/coordination.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';

/**
 * What the composition root hands every platform adapter. The dispatcher carries every service
 * commands use; an adapter adds only each update's origin (chat, user, locale, ChatAccess).
 */
export interface AdapterDeps {
	readonly settings: Settings;
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	/**
	 * Subscriptions of every platform, for what the platform itself reports: adapters end or move
	 * subscriptions when the bot is removed or blocked or a group is upgraded. Commands reach
	 * the store through the dispatcher.
	 */
	readonly subscriptions?: SubscriptionStore;
	/** The bot's one HTTP server, already listening, for endpoints such as the Telegram webhook. */
	readonly http?: Pick<HttpServer, 'addRoute'>;
	/** On Redis: one poller among the instances, and each webhook update handled once. */
	readonly coordination?: Coordination;
	/** Counts for `GET /metrics`. */
	readonly metrics?: BotMetrics;
}

/** A started adapter. `stop` finishes in-flight replies and closes connections. */
export interface RunningAdapter {
	/** The platform, as subscriptions name it. */
	readonly name: 'telegram' | 'discord';
	/** Posts new issues to this platform's subscribers; the delivery worker calls it. */
	readonly transport?: DeliveryTransport;
	stop(): Promise<void>;
}
