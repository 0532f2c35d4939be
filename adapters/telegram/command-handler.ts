import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { Archive } from '../../src/archive/archive.js';
import { parseCommandLine } from '../../src/command/command-line.js';
import type { ChatRef, CommandContext } from '../../src/command/command.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import type { SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { streamReply, type StreamTiming } from './reply-streamer.js';
import { createTelegramChatAccess } from './telegram-chat-access.js';
import { chatRefOf, commandMessage, userRefOf } from './telegram-context.js';

export interface CommandHandlerDeps {
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	/** Subscriptions, for /subscribe and friends; absent, those commands say they are unavailable. */
	readonly subscriptions?: SubscriptionStore;
	readonly broadcastStatus?: CommandContext['broadcastStatus'];
	readonly feedStatus?: CommandContext['feedStatus'];
	/** `ADMIN_IDS`: who may see /status. */
	readonly adminIds?: readonly string[];
	readonly timing?: StreamTiming;
	/** Hands out draft ids: non-zero and distinct per answer. */
	readonly nextDraftId: () => number;
}

/**
 * Decides whether a message is for this bot. In private chats every text is (a non-command
 * earns a hint); in groups and channels only commands count, and a command addressed to
 * another bot (`/top@otherbot`) is left alone.
 */
export function isAddressedToBot(message: Message, botUsername: string): boolean {
	const text = message.text ?? '';
	const line = parseCommandLine(text);
	if (!line) return message.chat.type === 'private';
	return !line.mention || line.mention.toLowerCase() === botUsername.toLowerCase();
}

/**
 * The context every command run from Telegram gets. Built in this one place so that what the
 * commands may use (stores, access checks) is added once for messages and buttons alike.
 */
export function commandContextFor(ctx: Context, chat: ChatRef, deps: Pick<CommandHandlerDeps, 'archive' | 'log' | 'subscriptions' | 'broadcastStatus' | 'feedStatus' | 'adminIds'>): Omit<CommandContext, 'commands'> {
	const user = userRefOf(ctx);
	return {
		archive: deps.archive,
		chat,
		user,
		log: deps.log,
		// The reader's client language; a chat's `/settings language` choice wins over it in the dispatcher.
		...(ctx.from?.language_code ? { locale: ctx.from.language_code } : {}),
		...(deps.subscriptions ? { subscriptions: deps.subscriptions, access: createTelegramChatAccess(ctx, chat) } : {}),
		...(deps.broadcastStatus ? { broadcastStatus: deps.broadcastStatus } : {}),
		...(deps.feedStatus ? { feedStatus: deps.feedStatus } : {}),
		// A channel post has no user: the channel itself is never a bot administrator.
		isBotAdmin: ctx.from !== undefined && (deps.adminIds ?? []).includes(String(ctx.from.id)),
	};
}

/** Runs a typed command (a message or a channel post) and streams the answer back. */
export async function handleCommandMessage(ctx: Context, deps: CommandHandlerDeps): Promise<void> {
	const message = commandMessage(ctx);
	if (!message?.text || !isAddressedToBot(message, ctx.me.username)) return;
	const chat = chatRefOf(message);
	const reply = deps.dispatcher.runText(message.text, commandContextFor(ctx, chat, deps));
	await streamReply({
		api: ctx.api,
		target: { chat, replyToMessageId: message.message_id },
		reply,
		draftId: deps.nextDraftId(),
		log: deps.log,
		...(deps.timing ? { timing: deps.timing } : {}),
	});
}
