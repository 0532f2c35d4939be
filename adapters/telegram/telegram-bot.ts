import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Archive } from '../../src/archive/archive.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import { handleCallbackQuery } from './callback-handler.js';
import { AnswersInProgress, AnswerStops } from '../reply/answer-stops.js';
import { draftStopKey, handleCommandMessage } from './command-handler.js';
import type { SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { createErrorBoundary } from './error-boundary.js';
import { handleGuestQuery } from './guest-query.js';
import { answerInlineQuery } from './inline-query.js';
import { createRateLimit, type RateLimitOptions } from './rate-limit.js';
import type { StreamTiming } from './reply-streamer.js';
import { describeTelegramError } from './telegram-errors.js';
import { installMembershipHandlers } from './telegram-membership.js';
import { sequentialKey } from './telegram-context.js';
import { createTelegramHttpClient, type TelegramHttpClient } from './telegram-http-client.js';
import type { AskInGroups } from './answer-receiver.js';
import type { RichSupport } from './rich/rich-support.js';

export interface TelegramBotOptions {
	readonly token: string;
	/** Another Bot API server (self-hosted, or a test fake), without a trailing slash. */
	readonly apiRoot?: string;
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	/** Skips `getMe` at start-up when the identity is already known. */
	readonly botInfo?: UserFromGetMe;
	readonly rateLimit?: RateLimitOptions;
	readonly timing?: StreamTiming;
	/** Retries of one API call on 429/5xx/network errors before the reply gives up. */
	readonly maxRetryAttempts?: number;
	/** For what Telegram reports of chats (the bot removed, a group upgraded); commands reach subscriptions through the dispatcher. */
	readonly subscriptions?: SubscriptionStore;
	/** Told of every update, e.g. for `/metrics`. */
	readonly onUpdate?: () => void;
	/** The HTTP client replies and the long poll go through; undici with a pool of {@link defaultReplyConnections} unless set. */
	readonly httpClient?: TelegramHttpClient;
	/**
	 * Whether the server speaks rich messages: the process's one instance, shared with the posts'
	 * transport so one refusal turns both to the entity form. Absent: replies use entities only.
	 */
	readonly richSupport?: RichSupport;
	/** How long a guest answer may be written before it is sent with what it has; 20 s (`defaultGuestAnswerMs`) unless set. */
	readonly guestAnswerMs?: number;
	/** Where `/ask` answers in a group (`ASK_IN_GROUPS`); default `private`, an ephemeral message to the asker. */
	readonly askInGroups?: AskInGroups;
}

/** Sockets for replies when the caller does not size the pool: the updates the runner handles at once by default, plus the long poll. */
export const defaultReplyConnections = 101;

/**
 * Builds the bot: transport policy (retries) on the API, then the update pipeline — error
 * boundary, per-chat ordering, flood limit, and the three kinds of update the bot answers.
 * How updates arrive (long polling or webhook) is the caller's choice.
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
	const { archive, dispatcher, log } = options;
	const bot = new Bot(options.token, {
		...(options.botInfo ? { botInfo: options.botInfo } : {}),
		client: { ...(options.httpClient ?? createTelegramHttpClient({ connections: defaultReplyConnections })), ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
	});
	// One retry policy for every call: wait out 429 `retry_after`, back off on 5xx and network errors.
	bot.api.config.use(autoRetry({ maxRetryAttempts: options.maxRetryAttempts ?? 3, maxDelaySeconds: 60 }));

	let draftCounter = Math.floor(Math.random() * 1_000_000);
	const nextDraftId = (): number => {
		draftCounter = (draftCounter % 2_000_000_000) + 1;
		return draftCounter;
	};
	const stops = new AnswerStops();
	const inProgress = new AnswersInProgress();
	const deps = { stops, inProgress, dispatcher, log, nextDraftId, timing: options.timing, richSupport: options.richSupport, askInGroups: options.askInGroups };

	if (options.onUpdate) {
		const onUpdate = options.onUpdate;
		bot.use((_context, next) => {
			onUpdate();
			return next();
		});
	}
	bot.use(createErrorBoundary(log, [options.token]));
	// Before per-chat ordering: the press must reach the answer it stops while that answer still runs.
	bot.on('stopped_message_generation', (ctx) => {
		const stopped = ctx.update.stopped_message_generation;
		const outcome = stops.stop(draftStopKey(stopped.chat.id, stopped.draft_id));
		log.debug({ chatId: stopped.chat.id, draftId: stopped.draft_id, outcome }, 'telegram: reader stopped an answer');
	});
	bot.use(sequentialize((ctx) => sequentialKey(ctx, (chatId) => inProgress.has(chatId))));
	bot.use(...createRateLimit(options.rateLimit));
	bot.on(['message:text', 'channel_post:text'], (ctx) => handleCommandMessage(ctx, deps));
	bot.on('callback_query:data', (ctx) => handleCallbackQuery(ctx, deps));
	bot.on('inline_query', (ctx) => answerInlineQuery(ctx, { archive, publications: dispatcher.publications }, options.richSupport));
	bot.on('guest_message', (ctx) => handleGuestQuery(ctx, { dispatcher, log, richSupport: options.richSupport, answerWithinMs: options.guestAnswerMs }));
	if (options.subscriptions) installMembershipHandlers(bot, options.subscriptions, log);
	// Reached only if the boundary itself failed; grammY's default handler would rethrow.
	bot.catch((error) => log.error({ updateId: error.ctx.update.update_id, err: describeTelegramError(error.error, [options.token]) }, 'unhandled bot error'));
	return bot;
}

/** The update kinds the pipeline above handles; Telegram sends nothing else. */
export const allowedUpdates = ['message', 'channel_post', 'callback_query', 'inline_query', 'guest_message', 'my_chat_member', 'stopped_message_generation'] as const;
