/**
 * The composition root: reads the configuration once, opens the store, fills the archive,
 * chooses the delivery backend (backends.ts), opens the one HTTP server with the bot's routes
 * (bot-routes.ts) and starts the adapters the configuration asks for. It lives in adapters/
 * because it is the one module that may know every adapter; the core and the commands never
 * import it, and nothing in src/ opens a server or a connection on its own.
 */
import { Archive } from '../src/archive/archive.js';
import { ingestDirectory } from '../src/ingest/ingest.js';
import { createPublicationSources } from '../src/publications/publication-sources.js';
import { createPublicationCatalogue } from '../src/publications/publication-catalogue.js';
import { createKeyvIssueStore, createMemoryIssueStore } from '../src/archive/issue-store.js';
import { createAskServiceFromSettings } from '../src/ask/ask-from-settings.js';
import { createDispatcher, type Dispatcher, type DispatcherServices } from '../src/command/dispatcher.js';
import { createKeyvChatLanguageStore } from '../src/i18n/chat-language-store.js';
import { cacheChatLanguages } from '../src/i18n/cached-chat-language-store.js';
import { loadConfig, type Settings } from '../src/config/config.js';
import { ConfigError } from '../src/errors/config-error.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { storeRetryEveryMs } from '../src/store/redis-keyv.js';
import { alwaysUpStoreHealth, createStoreHealth, type StoreHealth } from '../src/store/store-health.js';
import { redactStoreUrl } from '../src/store/store-url.js';
import { createHealthRoute } from '../src/http/health-route.js';
import { createHttpServer } from '../src/http/http-server.js';
import { redactFeed, startFeeds } from '../src/feeds/start-feeds.js';
import { createDeliveryEngine, type Transports } from '../src/publish/delivery-engine.js';
import { startPublishing } from '../src/publish/start-publishing.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../src/subscriptions/subscription-store.js';
import { createBotMetrics } from '../src/metrics/bot-metrics.js';
import { createKeyvReaderMemory } from '../src/readers/reader-memory.js';
import { rememberPrivateDeliveries } from '../src/readers/delivery-memory.js';
import { commands } from '../commands/index.js';
import type { AdapterDeps, RunningAdapter } from './adapter.js';
import { openBackends } from './backends.js';
import { createBotRoutes } from './bot-routes.js';
import { runConsoleAdapter } from './console/console-adapter.js';
import { startConsoleFeeds } from './console/console-feeds.js';
import { startDiscordAdapter } from './discord/index.js';
import { createTelegramTransport, defaultWebhookPort, startTelegramAdapter } from './telegram/index.js';
import { createDiscordDelivery } from './discord/discord-delivery-transport.js';

async function main(): Promise<void> {
	let settings: Settings;
	try {
		settings = loadConfig({ ...process.env, ...roleArgument(process.argv.slice(2)) });
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`${error.message}\n`);
			process.exit(2);
		}
		throw error;
	}
	const onPlatforms = Boolean(settings.TELEGRAM_BOT_TOKEN || settings.DISCORD_TOKEN);
	const log = createLogger(settings.LOG_LEVEL ?? (onPlatforms ? 'info' : 'warn'));
	installCrashGuards(log);
	const storeUrl = settings.STORE_URL;
	const storeHealth = storeUrl?.startsWith('redis') ? createStoreHealth({ url: storeUrl, log, retryEveryMs: storeRetryEveryMs }) : alwaysUpStoreHealth();
	log.debug({ store: redactStoreUrl(storeUrl ?? settings.dataDir) }, 'opening the store');
	const keyv = await createKeyv({ ...(storeUrl ? { url: storeUrl } : {}), dataDir: settings.dataDir, health: storeHealth });
	const metrics = createBotMetrics();
	metrics.readStoreUpFrom(() => storeHealth.state() === 'up');
	const reachedAtStart = await reachedWithin(storeHealth, firstReachMs);
	// The console without its store still answers from the issue files (everything but what a
	// reader's memory or a chat's settings need); a bot on platforms waits for the store and says so.
	if (!reachedAtStart && onPlatforms) await waitForStore(storeHealth, settings);
	const publicationSources = createPublicationSources({ digestDir: settings.digestDir, entries: settings.PUBLICATIONS });
	const archive = new Archive(reachedAtStart || onPlatforms ? createKeyvIssueStore(keyv) : createMemoryIssueStore(), { publicationOf: publicationSources.of });
	await archive.load();
	await ingestDirectory(archive, settings.digestDir, log);
	const publications = createPublicationCatalogue({ issues: archive, entries: settings.PUBLICATIONS, defaultSlug: publicationSources.defaultSlug });
	const ask = createAskServiceFromSettings(settings, archive, log, metrics);
	ask.warmUp().catch((error: unknown) => log.error({ err: error }, 'could not index passages for /ask'));
	const readers = createKeyvReaderMemory(keyv, archive);
	const languages = cacheChatLanguages(createKeyvChatLanguageStore(keyv));
	// The one dispatcher: every process-wide service a command uses is handed to it here, once.
	const dispatcherFor = (services: Pick<DispatcherServices, 'subscriptions' | 'broadcastStatus' | 'feedStatus'>): Dispatcher =>
		createDispatcher(commands, {
			services: { archive, publications, log, ask, languages, ...services },
			adminIds: settings.ADMIN_IDS,
			readers,
			onOutcome: (outcome) => {
				metrics.commandAnswered(outcome.command, outcome.outcome, outcome.durationMs);
				log.debug({ command: outcome.command, outcome: outcome.outcome, ms: Math.round(outcome.durationMs * 100) / 100, code: outcome.failureCode }, 'command');
			},
		});

	if (!onPlatforms) {
		// No platform token: the console answers stdin and follows FEED_URLS; nothing is published or delivered.
		// A feed's items are remembered in the store: without it, the console does not follow feeds.
		const feeds = reachedAtStart ? await startConsoleFeeds({ settings, keyv, archive, log }) : undefined;
		log.info({ issues: archive.size, adapter: 'console' }, 'digestbot ready');
		const notice = reachedAtStart ? undefined : `The store (${redactStoreUrl(storeUrl ?? '')}) is unavailable: answering from the issue files${settings.FEED_URLS.length > 0 ? ', not following FEED_URLS' : ''}; what needs the store says so.`;
		await runConsoleAdapter({ dispatcher: dispatcherFor({}), input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY), ...(notice ? { notice } : {}) });
		await feeds?.stop();
		await keyv.disconnect();
		return;
	}

	const subscriptions = createKeyvSubscriptionStore(keyv);
	// The one choice of backend: embedded on SQLite, BullMQ and shared leases on Redis.
	const backends = await openBackends(settings, archive, log);
	const { coordination } = backends;
	const engine = await createDeliveryEngine({ backend: backends.delivery, settings, keyv, archive, subscriptions, log, publications, onDelivered: rememberPrivateDeliveries(readers), onOutcome: (platform, outcome) => metrics.deliveryOutcome(platform, outcome) });
	metrics.readQueueDepthFrom(() => engine.depth());
	// Queue, planner and the watcher first: the adapters' /status reads them. Delivery starts once the adapters hand over their transports.
	const publishing = await startPublishing({ engine, archive, publications, subscriptions, keyv, log, digestDir: settings.digestDir, coordination, plan: settings.ROLE !== 'worker', deliver: settings.ROLE !== 'web', watch: settings.ROLE !== 'worker' });
	// After the planner listens: an item a feed files is then posted like any new issue.
	const feeds = await startFeeds({ settings, keyv, archive, markHandled: (issueId, reason) => publishing.queue.skipBroadcast(issueId, reason), log });
	// One HTTP server for every endpoint (publishing, health, feeds, metrics, the Telegram
	// webhook), listening before the adapters start so the webhook can be registered on it, and
	// after the planner listens so an issue posted to it is planned.
	const port = settings.HTTP_PORT ?? (settings.TELEGRAM_WEBHOOK_URL ? defaultWebhookPort : undefined);
	const http = port !== undefined ? createHttpServer({ routes: createBotRoutes({ settings, archive, publishing, feeds, log, metrics, store: storeHealth, publications }), log }) : undefined;
	const httpPort = port !== undefined ? await http?.listen(port) : undefined;
	const dispatcher = dispatcherFor({ subscriptions, broadcastStatus: () => publishing.broadcastStatus(), feedStatus: async () => (await feeds.status()).map(redactFeed) });
	const deps: AdapterDeps = { settings, archive, dispatcher, log, subscriptions, coordination, metrics, http };
	const running: RunningAdapter[] = [];
	// A worker only delivers: it builds the transports and receives no updates.
	if (settings.ROLE === 'worker') running.push(...workerTransports(settings, subscriptions, log, archive));
	else {
		if (settings.TELEGRAM_BOT_TOKEN) running.push(await startTelegramAdapter(deps));
		if (settings.DISCORD_TOKEN) running.push(await startDiscordAdapter(deps));
	}
	const transports: Transports = {};
	for (const adapter of running) if (adapter.transport) transports[adapter.name] = adapter.transport;
	publishing.deliverThrough(transports);
	log.info({ issues: archive.size, adapters: running.map((adapter) => adapter.name), httpPort }, 'digestbot ready');
	const shutdown = async (signal: string): Promise<void> => {
		log.info({ signal }, 'shutting down');
		await http?.close();
		await feeds.stop();
		await publishing.stop();
		await Promise.allSettled(running.map((adapter) => adapter.stop()));
		await backends.close();
		await keyv.disconnect();
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** How long start-up waits for the store before it says so and carries on without it (console) or waits on (platforms). */
const firstReachMs = 1_500;

/** Whether the store answered within `ms`. */
async function reachedWithin(health: StoreHealth, ms: number): Promise<boolean> {
	if (health.state() === 'up') return true;
	let timer: NodeJS.Timeout | undefined;
	const reached = await Promise.race([health.whenUp().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
	clearTimeout(timer);
	return reached;
}

/**
 * Waits until the store is first reached (its health logs the URL, the error and the retry
 * interval). Meanwhile the HTTP port, if one is configured, answers `/health` with 503 so a load
 * balancer or an orchestrator sees why this instance is not ready; the bot's own server takes the
 * port once the store answers.
 */
async function waitForStore(health: StoreHealth, settings: Settings): Promise<void> {
	const port = settings.HTTP_PORT;
	const waiting = port !== undefined ? createHttpServer({ routes: [createHealthRoute(() => ({}), settings.PUBLISH_TOKEN, () => health.state())] }) : undefined;
	await waiting?.listen(port ?? 0);
	await health.whenUp();
	await waiting?.close();
}

/** `--role web|worker|all` on the command line (`npm start -- --role worker`), as the ROLE setting. */
function roleArgument(argv: readonly string[]): { ROLE?: string } {
	const index = argv.findIndex((argument) => argument === '--role' || argument.startsWith('--role='));
	if (index < 0) return {};
	const argument = argv[index] ?? '';
	return { ROLE: argument.includes('=') ? argument.slice('--role='.length) : (argv[index + 1] ?? '') };
}

/** The delivery side of each configured platform, for a process that receives no updates. */
function workerTransports(settings: Settings, subscriptions: SubscriptionStore, log: Logger, archive: Archive): RunningAdapter[] {
	const adapters: RunningAdapter[] = [];
	if (settings.TELEGRAM_BOT_TOKEN) adapters.push({ name: 'telegram', transport: createTelegramTransport({ settings, log, subscriptions, archive }), stop: () => Promise.resolve() });
	if (settings.DISCORD_TOKEN) {
		const delivery = createDiscordDelivery({ token: settings.DISCORD_TOKEN, globalRequestsPerSecond: settings.DISCORD_REQUESTS_PER_SECOND, apiRoot: settings.DISCORD_API_ROOT, componentsV2: settings.DISCORD_COMPONENTS_V2 === 'on' });
		adapters.push({ name: 'discord', transport: delivery.transport, stop: () => Promise.resolve(delivery.stop()) });
	}
	return adapters;
}

/** A bad update or a failed send must never take the process down: log it and carry on. */
function installCrashGuards(log: Logger): void {
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception'));
}

await main();
