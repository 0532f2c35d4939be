import type { Context } from 'grammy';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import { translatorFor } from '../../src/i18n/translator.js';
import type { AnswersInProgress, AnswerStops } from '../reply/answer-stops.js';
import type { Logger } from '../../src/logger.js';
import { answerReceiver, type AskInGroups } from './answer-receiver.js';
import { streamReply, type StreamReplyOptions, type StreamTiming } from './reply-streamer.js';
import { streamRichReply } from './rich/rich-reply-streamer.js';
import type { RichSupport } from './rich/rich-support.js';
import { commandOf, invocationOf } from './command-message.js';
import { chatRefOf } from './telegram-context.js';
import { originOf } from './telegram-origin.js';

export interface CommandHandlerDeps {
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	readonly timing?: StreamTiming;
	/** Hands out draft ids: non-zero and distinct per answer. */
	readonly nextDraftId: () => number;
	/** Generated answers in private chats, by {@link draftStopKey}, for the stop button on their drafts. */
	readonly stops?: AnswerStops;
	/** Chats with a generated answer streaming, whose next updates pass beside it (see `sequentialKey`). */
	readonly inProgress?: AnswersInProgress;
	/** Whether answers go as rich messages (Bot API 10.1); absent: the entity form only. */
	readonly richSupport?: RichSupport;
	/** Where `/ask` answers in a group; default `private` (see `answerReceiver`). */
	readonly askInGroups?: AskInGroups;
}

/** The key a generated answer's AbortController is kept under: what `stopped_message_generation` carries. */
export function draftStopKey(chatId: string | number, draftId: number): string {
	return `${chatId}:${draftId}`;
}

/** Runs a typed command (a message or a channel post) and streams the answer back. */
export async function handleCommandMessage(ctx: Context, deps: CommandHandlerDeps): Promise<void> {
	const command = commandOf(ctx);
	if (!command) return;
	const { message } = command;
	const chat = chatRefOf(message);
	const invocation = invocationOf(command, chat, deps.dispatcher);
	const prepared = invocation ? deps.dispatcher.prepare(invocation) : undefined;
	// Beside an answer still being written in this chat (asking again: "still answering"), a second
	// live preview would compete with the first for the chat's drafts: it is answered as a plain one.
	const generated = prepared?.command?.generated === true && deps.inProgress?.has(chat.id) !== true;
	const draftId = deps.nextDraftId();
	// Only a generated answer can be stopped, and only in a private chat, where its drafts carry the button.
	const controller = generated ? new AbortController() : undefined;
	const forget = controller && chat.kind === 'private' ? deps.stops?.register(draftStopKey(chat.id, draftId), controller) : undefined;
	const done = generated ? deps.inProgress?.begin(chat.id) : undefined;
	const origin = originOf(ctx, chat);
	try {
		const answer = prepared?.run(origin, controller?.signal);
		const reply = answer?.reply ?? deps.dispatcher.notACommand(origin);
		const options: StreamReplyOptions = {
			api: ctx.api,
			target: { chat, replyToMessageId: message.message_id },
			reply,
			draftId,
			log: deps.log,
			generated,
			botUsername: ctx.me.username,
			// Only a generated answer can be stopped, the one case the streamer adds words of its own.
			...(controller && answer ? { signal: controller.signal, translator: translatorFor(await answer.locale) } : {}),
			...(deps.timing ? { timing: deps.timing } : {}),
			receiverUserId: answerReceiver(prepared?.command?.name, message, deps.askInGroups ?? 'private'),
		};
		// Checked per answer: after the server refuses a rich method once, every later answer goes the entity way.
		if (deps.richSupport?.enabled === true) await streamRichReply({ ...options, richSupport: deps.richSupport });
		else await streamReply(options);
	} finally {
		forget?.();
		done?.();
	}
}
