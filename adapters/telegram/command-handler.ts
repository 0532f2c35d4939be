import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { Archive } from '../../src/archive/archive.js';
import { parseCommandLine } from '../../src/command/command-line.js';
import type { ChatRef, CommandContext } from '../../src/command/command.js';
import type { Dispatcher, Invocation } from '../../src/command/dispatcher.js';
import { translatorFor } from '../../src/i18n/translator.js';
import type { AnswersInProgress, AnswerStops } from '../reply/answer-stops.js';
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
	/** Generated answers in private chats, by {@link draftStopKey}, for the stop button on their drafts. */
	readonly stops?: AnswerStops;
	/** Chats with a generated answer streaming, whose next updates pass beside it (see `sequentialKey`). */
	readonly inProgress?: AnswersInProgress;
}

/** The key a generated answer's AbortController is kept under: what `stopped_message_generation` carries. */
export function draftStopKey(chatId: string | number, draftId: number): string {
	return `${chatId}:${draftId}`;
}

/** The command that answers plain text in a private chat, when the dispatcher has it. */
const questionCommand = 'ask';

/**
 * What a message asks for: the command it types, or — plain text in a private chat, where
 * nothing but the bot can be meant — a question for /ask when there is one. Undefined leaves
 * the text to the dispatcher, which answers a non-command with a hint.
 */
export function invocationOf(text: string, chat: ChatRef, dispatcher: Dispatcher): Invocation | undefined {
	const line = parseCommandLine(text);
	if (line) return { name: line.name, text: line.argumentText };
	if (chat.kind === 'private' && dispatcher.find(questionCommand)) return { name: questionCommand, text: text.trim() };
	return undefined;
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
	const invocation = invocationOf(message.text, chat, deps.dispatcher);
	// Beside an answer still being written in this chat (asking again: "still answering"), a second
	// live preview would compete with the first for the chat's drafts: it is answered as a plain one.
	const generated = invocation !== undefined && deps.dispatcher.find(invocation.name)?.generated === true && deps.inProgress?.has(chat.id) !== true;
	const draftId = deps.nextDraftId();
	// Only a generated answer can be stopped, and only in a private chat, where its drafts carry the button.
	const controller = generated ? new AbortController() : undefined;
	const forget = controller && chat.kind === 'private' ? deps.stops?.register(draftStopKey(chat.id, draftId), controller) : undefined;
	const done = generated ? deps.inProgress?.begin(chat.id) : undefined;
	const context = { ...commandContextFor(ctx, chat, deps), ...(controller ? { signal: controller.signal } : {}) };
	try {
		const reply = invocation ? deps.dispatcher.run(invocation, context) : deps.dispatcher.runText(message.text, context);
		await streamReply({
			api: ctx.api,
			target: { chat, replyToMessageId: message.message_id },
			reply,
			draftId,
			log: deps.log,
			generated,
			botUsername: ctx.me.username,
			// Only a generated answer can be stopped, the one case the streamer adds words of its own.
			...(controller ? { signal: controller.signal, translator: translatorFor(await deps.dispatcher.localeFor(context)) } : {}),
			...(deps.timing ? { timing: deps.timing } : {}),
		});
	} finally {
		forget?.();
		done?.();
	}
}
