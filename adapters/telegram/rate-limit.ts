import { limit } from '@grammyjs/ratelimiter';
import type { Context, MiddlewareFn } from 'grammy';
import { failure } from '../../src/i18n/failures.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { commandOf } from './command-message.js';
import { answerGuestWithText } from './guest-query.js';
import { renderBlock } from './telegram-renderer.js';

export interface RateLimitOptions {
	/** Commands one user may send per window. */
	readonly limit: number;
	readonly windowMs: number;
}

export const defaultRateLimit: RateLimitOptions = { limit: 8, windowMs: 10_000 };

/** Channel posts have no user; the channel itself is then the one being limited. */
function senderKey(ctx: Context): string | undefined {
	const id = ctx.from?.id ?? ctx.senderChat?.id ?? ctx.channelPost?.chat.id;
	return id === undefined ? undefined : String(id);
}

/**
 * Per-user flood protection. Messages over the limit are dropped after one friendly notice
 * per window (a notice per message would be a flood of our own). Button presses over the
 * limit are still answered, with a toast, so the client's spinner never hangs.
 */
export function createRateLimit(options: RateLimitOptions = defaultRateLimit): MiddlewareFn<Context>[] {
	const seconds = Math.max(1, Math.ceil(options.windowMs / 1000));
	// One rendering per language, built on first use: the notice is sent when someone floods, so it must stay cheap.
	const notices = new Map<string, ReturnType<typeof renderBlock>>();
	const noticeFor = (ctx: Context): ReturnType<typeof renderBlock> => {
		const locale = translatorFor(ctx.from?.language_code).locale;
		if (!notices.has(locale)) notices.set(locale, renderBlock(failure('rate-limited', { seconds }, locale)));
		return notices.get(locale);
	};
	const messages = limit<Context, never>({
		timeFrame: options.windowMs,
		limit: options.limit,
		keyPrefix: 'message:',
		// Only commands and guest queries (a command or question from a chat the bot is not in) count:
		// group chatter the bot ignores (privacy mode off) and inline queries, which clients send on
		// every keystroke, must never earn a notice.
		keyGenerator: (ctx) => (commandOf(ctx) || ctx.guestMessage ? senderKey(ctx) : undefined),
		onLimitExceeded: (ctx) => {
			const message = commandOf(ctx)?.message;
			const notice = noticeFor(ctx);
			// A guest query is answered once, in the chat it came from: the notice is its answer.
			if (ctx.guestMessage && notice) answerGuestWithText(ctx, notice).catch(() => undefined);
			if (!message || !notice) return;
			const thread = message.is_topic_message && message.message_thread_id !== undefined ? { message_thread_id: message.message_thread_id } : {};
			ctx.api.sendMessage(message.chat.id, notice.text, { entities: [...notice.entities], ...thread }).catch(() => undefined);
		},
	});
	const buttons = limit<Context, never>({
		timeFrame: options.windowMs,
		limit: options.limit,
		keyPrefix: 'button:',
		alwaysReply: true,
		keyGenerator: (ctx) => (ctx.callbackQuery ? senderKey(ctx) : undefined),
		onLimitExceeded: (ctx) => {
			const notice = noticeFor(ctx);
			ctx.answerCallbackQuery({ text: notice?.text.slice(0, 200) ?? '⏳' }).catch(() => undefined);
		},
	});
	return [messages as MiddlewareFn<Context>, buttons as MiddlewareFn<Context>];
}
