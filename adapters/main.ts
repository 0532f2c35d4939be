/**
 * The composition root: reads the configuration once, opens the store, fills the archive and
 * starts the adapter the configuration asks for. It lives in adapters/ because it is the one
 * module that may know every adapter; the core and the commands never import it.
 */
import { Archive } from '../src/archive/archive.js';
import { ingestDirectory } from '../src/archive/ingest.js';
import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { createAskServiceFromSettings } from '../src/ask/ask-from-settings.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { loadConfig, type Settings } from '../src/config/config.js';
import { ConfigError } from '../src/errors/config-error.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createKeyv } from '../src/store/create-keyv.js';
import type { DeliveryTransport } from '../src/delivery/delivery-transport.js';
import { createHttpServer } from '../src/http/http-server.js';
import { redactFeed } from '../src/feeds/start-feeds.js';
import { startPublishing, type RunningPublishing } from '../src/publish/start-publishing.js';
import { createKeyvSubscriptionStore } from '../src/subscriptions/subscription-store.js';
import { createKeyvReaderMemory } from '../src/readers/reader-memory.js';
import { rememberPrivateDeliveries } from '../src/readers/delivery-memory.js';
import { commands } from '../commands/index.js';
import type { AdapterDeps, RunningAdapter } from './adapter.js';
import { runConsoleAdapter } from './console/console-adapter.js';
import { startDiscordAdapter } from './discord/index.js';
import { defaultWebhookPort, startTelegramAdapter } from './telegram/index.js';

async function main(): Promise<void> {
	let settings: Settings;
	try {
		settings = loadConfig(process.env);
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
	const keyv = await createKeyv({ ...(settings.STORE_URL ? { url: settings.STORE_URL } : {}), dataDir: settings.dataDir });
	const archive = new Archive(createKeyvIssueStore(keyv));
	await archive.load();
	await ingestDirectory(archive, settings.digestDir, log);
	const ask = createAskServiceFromSettings(settings, archive, log);
	const readers = createKeyvReaderMemory(keyv, archive);
	const dispatcher = createDispatcher(commands, {
		shared: { ask },
		readers,
		onOutcome: (outcome) => log.debug({ command: outcome.command, outcome: outcome.outcome, ms: Math.round(outcome.durationMs * 100) / 100, code: outcome.failureCode }, 'command'),
	});

	const subscriptions = createKeyvSubscriptionStore(keyv);
	// Set once publishing starts, after the adapters: /status asks it through this reference.
	const publishingRef: { current?: RunningPublishing } = {};
	// One HTTP server for every endpoint (publishing, health, the Telegram webhook), opened
	// before the adapters so the webhook can be registered on it.
	const port = settings.HTTP_PORT ?? (settings.TELEGRAM_WEBHOOK_URL ? defaultWebhookPort : undefined);
	const http = onPlatforms && port !== undefined ? createHttpServer({ routes: [], log }) : undefined;
	const httpPort = http && port !== undefined ? await http.listen(port) : undefined;
	const deps: AdapterDeps = {
		settings,
		archive,
		dispatcher,
		log,
		subscriptions,
		broadcastStatus: async () => publishingRef.current?.broadcastStatus(),
		feedStatus: async () => (await publishingRef.current?.feeds.status())?.map(redactFeed) ?? [],
		...(http ? { http } : {}),
	};
	const running: RunningAdapter[] = [];
	if (settings.TELEGRAM_BOT_TOKEN) running.push(await startTelegramAdapter(deps));
	if (settings.DISCORD_TOKEN) running.push(await startDiscordAdapter(deps));

	if (running.length === 0) {
		log.info({ issues: archive.size, adapter: 'console' }, 'digestbot ready');
		await runConsoleAdapter({ archive, dispatcher, input: process.stdin, output: process.stdout, log, interactive: Boolean(process.stdin.isTTY) });
		await keyv.disconnect();
		return;
	}
	// After the adapters: the worker needs their transports, and recovers an interrupted broadcast at once.
	const transports: Partial<Record<RunningAdapter['name'], DeliveryTransport>> = {};
	for (const adapter of running) if (adapter.transport) transports[adapter.name] = adapter.transport;
	const publishing = await startPublishing({ settings, keyv, archive, subscriptions, transports, log, onDelivered: rememberPrivateDeliveries(readers), ...(http && httpPort !== undefined ? { http: { server: http, port: httpPort } } : {}) });
	publishingRef.current = publishing;
	log.info({ issues: archive.size, adapters: running.map((adapter) => adapter.name), httpPort: publishing.httpPort }, 'digestbot ready');
	const shutdown = async (signal: string): Promise<void> => {
		log.info({ signal }, 'shutting down');
		await publishing.stop();
		await http?.close();
		await Promise.allSettled(running.map((adapter) => adapter.stop()));
		await keyv.disconnect();
		process.exit(0);
	};
	process.once('SIGINT', () => void shutdown('SIGINT'));
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A bad update or a failed send must never take the process down: log it and carry on. */
function installCrashGuards(log: Logger): void {
	process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
	process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception'));
}

await main();
