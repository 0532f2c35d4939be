import type { Archive } from '../src/archive/archive.js';
import type { BroadcastSummary, CommandContext } from '../src/command/command.js';
import type { Dispatcher } from '../src/command/dispatcher.js';
import type { Settings } from '../src/config/config.js';
import type { DeliveryTransport } from '../src/delivery/delivery-transport.js';
import type { HttpServer } from '../src/http/http-server.js';
import type { Logger } from '../src/logger.js';
import type { BotMetrics } from '../src/metrics/bot-metrics.js';
import type { Coordination } from '../src/sync/coordination.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';

/** What the composition root hands every platform adapter. */
export interface AdapterDeps {
	readonly settings: Settings;
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	/**
	 * Subscriptions of every platform. Adapters pass it to commands together with their own
	 * ChatAccess, and end subscriptions when the platform says the bot was removed or blocked.
	 */
	readonly subscriptions?: SubscriptionStore;
	/** The latest broadcast's counts, for `/status`. */
	readonly broadcastStatus?: () => Promise<BroadcastSummary | undefined>;
	/** The followed feeds, for `/status`. */
	readonly feedStatus?: CommandContext['feedStatus'];
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
