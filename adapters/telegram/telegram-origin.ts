import type { Context } from 'grammy';
import type { ChatRef, Origin } from '../../src/command/command.js';
import { createTelegramChatAccess } from './telegram-chat-access.js';
import { userRefOf } from './telegram-context.js';

/**
 * Where a Telegram update came from, as the dispatcher takes it: the chat, the sender, the
 * sender's app language (a chat's `/settings language` choice wins over it in the dispatcher)
 * and Telegram's answers about the chat. Built in this one place for messages and buttons alike.
 */
export function originOf(ctx: Context, chat: ChatRef): Origin {
	return { chat, user: userRefOf(ctx), locale: ctx.from?.language_code, access: createTelegramChatAccess(ctx, chat) };
}
