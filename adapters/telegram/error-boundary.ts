import type { Context, MiddlewareFn } from 'grammy';
import { failure } from '../../src/i18n/failures.js';
import type { Logger } from '../../src/logger.js';
import { answerGuestWithText } from './guest-query.js';
import { describeTelegramError, isForbidden } from './telegram-errors.js';
import { renderBlock } from './telegram-renderer.js';
import { commandMessage } from './telegram-context.js';

/**
 * The one place an unexpected error in handling an update ends up. It logs with the update
 * id (and never the token), apologises to the user where there is someone to apologise to,
 * and swallows the error: one bad update must not stop the runner or the process.
 */
export function createErrorBoundary(log: Logger, secrets: readonly string[]): MiddlewareFn<Context> {
	return async (ctx, next) => {
		try {
			await next();
		} catch (error) {
			const forbidden = isForbidden(error);
			log[forbidden ? 'warn' : 'error']({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, err: describeTelegramError(error, secrets) }, forbidden ? 'telegram refused the chat' : 'update failed');
			if (forbidden) return;
			await apologise(ctx).catch((apologyError: unknown) =>
				log.warn({ updateId: ctx.update.update_id, err: describeTelegramError(apologyError, secrets) }, 'could not apologise'),
			);
		}
	};
}

async function apologise(ctx: Context): Promise<void> {
	const sorry = renderBlock(failure('internal-error', {}, ctx.from?.language_code));
	if (!sorry) return;
	if (ctx.callbackQuery) {
		await ctx.answerCallbackQuery({ text: sorry.text.slice(0, 200) });
		return;
	}
	if (ctx.inlineQuery) return;
	// A guest query is answered only through its query: the bot cannot post in that chat.
	if (ctx.guestMessage) {
		await answerGuestWithText(ctx, sorry);
		return;
	}
	const message = commandMessage(ctx);
	if (!message) return;
	await ctx.api.sendMessage(message.chat.id, sorry.text, {
		entities: [...sorry.entities],
		...(message.is_topic_message && message.message_thread_id !== undefined ? { message_thread_id: message.message_thread_id } : {}),
	});
}
