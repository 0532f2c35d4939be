import { run, type RunnerHandle } from '@grammyjs/runner';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { keepCommandMenuCurrent } from './command-menu.js';
import type { RateLimitOptions } from './rate-limit.js';
import type { StreamTiming } from './reply-streamer.js';
import { allowedUpdates, createTelegramBot } from './telegram-bot.js';
import type { DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import { RichSupport } from './rich/rich-support.js';
import { createTelegramDeliveryTransport } from './telegram-delivery-transport.js';
import { telegramRateLimits } from './telegram-rate-limits.js';
import { createTelegramHttpClient } from './telegram-http-client.js';
import { describeTelegramError } from './telegram-errors.js';
import { createWebhookHandler, deriveWebhookSecret } from './webhook-route.js';

/** Knobs tests turn; production uses the defaults. */
export interface TelegramAdapterTuning {
	readonly rateLimit?: RateLimitOptions;
	readonly timing?: StreamTiming;
	/** Long-polling timeout in seconds (Telegram allows up to 50). */
	readonly pollTimeoutSeconds?: number;
	/** Updates handled at once when polling; {@link defaultUpdateConcurrency} unless set. */
	readonly updateConcurrency?: number;
	/** The process's one memory of whether the server speaks rich messages, when the caller shares it; else one from TELEGRAM_RICH. */
	readonly richSupport?: RichSupport;
	/** How long a guest answer may be written before it is sent with what it has; `defaultGuestAnswerMs` unless set. */
	readonly guestAnswerMs?: number;
}

/**
 * Updates handled at once when polling. Each one in progress keeps its update, context and
 * answer alive until Telegram has taken the reply; at the runner's default of 500, a backlog kept
 * so much alive that garbage collection took a fifth of the CPU (e2e benchmark: about 0.72 of a bare
 * bot at 500, 0.78–0.84 at 100; 50 and 300 did worse). A hundred still lets that many chats wait out a 429 of their own while
 * the others are served.
 */
export const defaultUpdateConcurrency = 100;

/** What the Telegram side of a process shares between its posts and its replies. */
export interface TelegramShared {
	/** Whether the Bot API server speaks rich messages: one memory per process (see rich-support.ts). */
	readonly richSupport?: RichSupport;
	/** The bot's username (after `getMe`), for the deep link in a rich post's footer; a worker that never asks posts without it. */
	readonly botUsername?: string;
}

/** The process's one memory of rich support, starting from TELEGRAM_RICH. */
export function createRichSupport(settings: AdapterDeps['settings']): RichSupport {
	return new RichSupport(settings.TELEGRAM_RICH === 'on');
}

/**
 * The transport that posts broadcasts, without receiving updates: what a `--role worker`
 * process runs, and what the adapter hands the delivery worker. Posts are rich messages while
 * the server speaks them (TELEGRAM_RICH=on), else text with entities.
 */
export function createTelegramTransport(deps: Pick<AdapterDeps, 'settings' | 'log' | 'subscriptions' | 'archive'>, shared: TelegramShared = {}): DeliveryTransport {
	const { settings, log, subscriptions, archive } = deps;
	const token = settings.TELEGRAM_BOT_TOKEN;
	if (!token) throw new Error('createTelegramTransport needs TELEGRAM_BOT_TOKEN');
	return createTelegramDeliveryTransport({
		token,
		paidBroadcast: settings.TELEGRAM_PAID_BROADCAST,
		// One socket per post the worker has in flight.
		httpClient: createTelegramHttpClient({ connections: settings.DELIVERY_CONCURRENCY }),
		limits: telegramRateLimits(settings.TELEGRAM_MESSAGES_PER_SECOND, settings.TELEGRAM_GROUP_MESSAGES_PER_MINUTE),
		richSupport: shared.richSupport ?? createRichSupport(settings),
		onRichRefused: ({ chatId, serverLacksRich, description }) => {
			if (serverLacksRich) log.warn({ description }, 'telegram: the Bot API server lacks rich messages; posts go as text from now on');
			else log.info({ chat: chatId, description }, 'telegram: a chat refused a rich post; it gets this post as text');
		},
		issueOf: (issueId: string) => archive.get(issueId),
		botUsername: shared.botUsername,
		...(settings.TELEGRAM_API_ROOT ? { apiRoot: settings.TELEGRAM_API_ROOT } : {}),
		...(subscriptions
			? {
					onChatMigrated: async (from: string, to: string) => {
						const moved = await subscriptions.migrate('telegram', from, to);
						log.info({ from, to, subscriptions: moved.length }, 'telegram: a post found the group upgraded; subscriptions moved to the supergroup');
					},
				}
			: {}),
	});
}

/** The webhook listens here unless HTTP_PORT says otherwise (Telegram's reverse proxy forwards to it). */
export const defaultWebhookPort = 8080;

/**
 * Starts the Telegram adapter: checks the token (`getMe`), registers the command menu, then
 * receives updates by long polling, or by webhook when TELEGRAM_WEBHOOK_URL is set.
 */
export async function startTelegramAdapter(deps: AdapterDeps, tuning: TelegramAdapterTuning = {}): Promise<RunningAdapter> {
	const { settings, log } = deps;
	const token = settings.TELEGRAM_BOT_TOKEN;
	if (!token) throw new Error('startTelegramAdapter needs TELEGRAM_BOT_TOKEN');
	// The webhook is a route on the bot's one HTTP server; the adapter never opens a port of its own.
	const http = settings.TELEGRAM_WEBHOOK_URL ? deps.http : undefined;
	if (settings.TELEGRAM_WEBHOOK_URL && !http) throw new Error('TELEGRAM_WEBHOOK_URL needs the bot\'s HTTP server: the composition root opens it on HTTP_PORT (default 8080)');
	const secrets = [token, ...(settings.TELEGRAM_WEBHOOK_SECRET ? [settings.TELEGRAM_WEBHOOK_SECRET] : [])];
	// One memory for posts, replies, inline results and guest answers: a refusal met by one spares the others the failed round trip.
	const richSupport = tuning.richSupport ?? createRichSupport(settings);
	const bot = createTelegramBot({
		token,
		// One socket per update handled at once, and one for the long poll.
		httpClient: createTelegramHttpClient({ connections: (tuning.updateConcurrency ?? defaultUpdateConcurrency) + 1 }),
		...(settings.TELEGRAM_API_ROOT ? { apiRoot: settings.TELEGRAM_API_ROOT } : {}),
		archive: deps.archive,
		dispatcher: deps.dispatcher,
		log,
		rateLimit: tuning.rateLimit,
		timing: tuning.timing,
		subscriptions: deps.subscriptions,
		richSupport,
		guestAnswerMs: tuning.guestAnswerMs,
		askInGroups: settings.ASK_IN_GROUPS,
		...(deps.metrics ? { onUpdate: () => deps.metrics?.updateHandled('telegram') } : {}),
	});
	try {
		await bot.init();
	} catch (error) {
		log.error({ err: describeTelegramError(error, secrets) }, 'telegram: cannot reach the Bot API or the token was refused');
		throw new Error('Telegram start-up failed (getMe); check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT');
	}
	// Built after getMe, so a rich post's footer can link to the bot.
	const transport = createTelegramTransport(deps, { richSupport, botUsername: bot.botInfo.username });
	const menu = keepCommandMenuCurrent(bot.api, deps.dispatcher, deps.archive, (error) =>
		log.warn({ err: describeTelegramError(error, secrets) }, 'telegram: could not register the command menu'),
	);
	await menu.registered;
	/** The adapter's stop: the menu's watch first, then the updates' source. */
	const stopping = (stopUpdates: () => Promise<void>) => async (): Promise<void> => {
		menu.stop();
		await stopUpdates();
	};

	const webhookUrl = settings.TELEGRAM_WEBHOOK_URL;
	if (webhookUrl && http) {
		const secret = settings.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(token);
		const handler = createWebhookHandler({ bot, path: new URL(webhookUrl).pathname, secret, log, secrets: [...secrets, secret], firstSighting: deps.coordination?.firstSighting });
		http.addRoute(handler.route);
		await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...allowedUpdates] });
		log.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'telegram adapter started');
		return { name: 'telegram', transport, stop: stopping(handler.drain) };
	}

	// A webhook left over from an earlier deployment would make getUpdates fail with 409.
	await bot.api.deleteWebhook();
	const startPolling = (): RunnerHandle => {
		const handle = run(bot, {
			sink: { concurrency: tuning.updateConcurrency ?? defaultUpdateConcurrency },
			runner: { fetch: { allowed_updates: [...allowedUpdates], timeout: tuning.pollTimeoutSeconds ?? 30 }, silent: true, maxRetryTime: Number.POSITIVE_INFINITY },
		});
		// The runner gives up only on errors retrying cannot fix (a revoked token: 401, another poller: 409).
		handle.task()?.catch((error: unknown) => log.error({ err: describeTelegramError(error, secrets) }, 'telegram: polling stopped'));
		return handle;
	};
	const stopPolling = async (handle: RunnerHandle | undefined): Promise<void> => {
		if (handle?.isRunning()) await handle.stop();
	};
	if (deps.coordination) {
		// Two instances polling one bot would fight over getUpdates (409): only the lease holder
		// polls; the others stand by (and deliver) until its lease lapses.
		let runner: RunnerHandle | undefined;
		const release = deps.coordination.whileLeader(
			'telegram-polling',
			() => {
				runner = startPolling();
				log.info({ bot: bot.botInfo.username }, 'telegram: this instance polls');
			},
			() => stopPolling(runner),
		);
		log.info({ bot: bot.botInfo.username, mode: 'polling', shared: true }, 'telegram adapter started');
		return { name: 'telegram', transport, stop: stopping(release) };
	}
	const runner = startPolling();
	log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram adapter started');
	return {
		name: 'telegram',
		transport,
		stop: stopping(() => stopPolling(runner)),
	};
}
