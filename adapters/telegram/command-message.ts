import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import { parseCommandLine, type CommandLine } from '../../src/command/command-line.js';
import type { ChatRef } from '../../src/command/command.js';
import type { Dispatcher, Invocation } from '../../src/command/dispatcher.js';
import { commandMessage } from './telegram-context.js';

/** A text message meant for this bot, read once: the flood limit and the command handler both need it. */
export interface CommandMessage {
	readonly message: Message & { readonly text: string };
	/** The command it types; undefined for plain text (a private chat's question or a non-command). */
	readonly line: CommandLine | undefined;
}

/** Each update's reading, kept for as long as grammY keeps its context. `null`: not for this bot. */
const readings = new WeakMap<Context, CommandMessage | null>();

/**
 * The text message an update carries, if it is meant for this bot. In private chats every text
 * is (a non-command earns a hint); in groups and channels only commands count, and a command
 * addressed to another bot (`/top@otherbot`) is left alone. The text is parsed on the first
 * call for an update; later middleware gets the same reading.
 */
export function commandOf(ctx: Context): CommandMessage | undefined {
	let reading = readings.get(ctx);
	if (reading === undefined) readings.set(ctx, (reading = read(ctx) ?? null));
	return reading ?? undefined;
}

function read(ctx: Context): CommandMessage | undefined {
	const message = commandMessage(ctx);
	if (message?.text === undefined) return undefined;
	const line = parseCommandLine(message.text);
	if (!line) return message.chat.type === 'private' ? { message: message as CommandMessage['message'], line } : undefined;
	if (line.mention && line.mention.toLowerCase() !== ctx.me.username.toLowerCase()) return undefined;
	return { message: message as CommandMessage['message'], line };
}

/** The command that answers plain text in a private chat, when the dispatcher has it. */
const questionCommand = 'ask';

/**
 * What a message asks for: the command it types, or — plain text in a private chat, where
 * nothing but the bot can be meant — a question for /ask when there is one. Undefined: the
 * dispatcher answers the text as no command, with a hint.
 */
export function invocationOf(command: CommandMessage, chat: ChatRef, dispatcher: Pick<Dispatcher, 'find'>): Invocation | undefined {
	if (command.line) return { name: command.line.name, text: command.line.argumentText };
	if (chat.kind === 'private' && dispatcher.find(questionCommand)) return { name: questionCommand, text: command.message.text.trim() };
	return undefined;
}
