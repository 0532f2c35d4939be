import type { Api, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { Reply } from '../../src/content/block.js';
import type { ChatRef } from '../../src/command/command.js';
import type { Logger } from '../../src/logger.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { stoppedNote } from '../reply/answer-stops.js';
import { liveEditIntervalMs } from '../reply/live-edits.js';
import { runReplyPipeline, type ReplySurface } from '../reply/reply-pipeline.js';
import { DraftStream, draftRefreshMs, textDraftForm } from './draft-stream.js';
import { describeTelegramError } from './telegram-errors.js';
import { TelegramMessagePacker, telegramMessageKey, type TelegramMessage } from './telegram-message-packer.js';
import type { TelegramText } from './telegram-text.js';
import { startTyping, type TypingIndicator } from './typing-indicator.js';

/** Where an answer goes and what it answers. */
export interface ReplyTarget {
	readonly chat: ChatRef;
	/** The command message, quoted by the first part in groups so the answer is findable. */
	readonly replyToMessageId?: number;
}

export interface StreamTiming {
	/** Show "typing…" if no message has been sent this long after the command. */
	readonly typingAfterMs: number;
	/**
	 * Draft updates closer together than this are skipped, and the first waits this long after the
	 * command: an answer complete sooner arrives as one message with no preview before it.
	 */
	readonly draftIntervalMs: number;
	/** A draft unchanged this long is sent again (Telegram drops one after 30 s); default {@link draftRefreshMs}. */
	readonly draftRefreshMs?: number;
	/** At most one edit of a live answer (`/status` during a broadcast) per interval; default {@link liveEditIntervalMs}. */
	readonly liveEditIntervalMs?: number;
}

export const defaultStreamTiming: StreamTiming = { typingAfterMs: 800, draftIntervalMs: 300 };

export interface StreamReplyOptions {
	readonly api: Api;
	readonly target: ReplyTarget;
	readonly reply: Reply;
	/** Non-zero and unique per answer: Telegram animates changes to drafts with the same id. */
	readonly draftId: number;
	readonly timing?: StreamTiming;
	readonly log?: Logger;
	/**
	 * The answer is written while the reader waits (`CommandShape.generated`): private chats see
	 * "Thinking…" at once and drafts with Telegram's stop button; elsewhere "typing…" shows at once.
	 */
	readonly generated?: boolean;
	/** Aborted when the reader stops the answer; what was written is then sent, marked stopped. */
	readonly signal?: AbortSignal;
	/** The bot's username: citations then link to the story they cite (see `linkCitations`). */
	readonly botUsername?: string;
	/** The language of the adapter's own words (the stopped note): the one the command answered in. */
	readonly translator?: Translator;
	/**
	 * In a group, the one member who sees the answer (an ephemeral message, Bot API 10.2): see
	 * `answerReceiver`. A server older than 10.2 ignores the parameter and shows it to the chat.
	 */
	readonly receiverUserId?: number;
}

/**
 * Delivers an answer as the command produces it: Telegram's packer and surface for the shared
 * reply pipeline (`adapters/reply/reply-pipeline.ts`).
 *
 * Private chats: an answer still growing after `draftIntervalMs` is shown as a live draft
 * (`sendMessageDraft`) that grows with every text delta, paced to one draft per interval with
 * the latest text always sent last; then it is persisted with `sendMessage` (a draft is an
 * ephemeral preview), the last draft being exactly the final message. One that is ready sooner
 * is just sent. A generated answer shows "Thinking…" at once, and its drafts carry the stop button.
 *
 * Groups and channels do not allow drafts, and editing a message to stream it would spend the
 * ~20 edits/minute a group allows, so there "typing…" shows while the answer is written and each
 * part is sent as soon as nothing later can change it (a part is full, or the answer is done).
 * No Stop is offered there: a short answer is on screen only once it is complete, so there is
 * nothing to stop by the time a button could be shown, and removing one would cost an edit.
 * https://core.telegram.org/bots/api#sendmessagedraft
 */
export async function streamReply(options: StreamReplyOptions): Promise<Message[]> {
	const { api, target, timing = defaultStreamTiming, generated = false, log } = options;
	const chatId = Number(target.chat.id);
	const thread = target.chat.threadId !== undefined ? { message_thread_id: Number(target.chat.threadId) } : {};
	const sent: Message[] = [];
	const drafts =
		target.chat.kind === 'private'
			? new DraftStream(textDraftForm({ api, chatId, thread, draftId: options.draftId }), {
					intervalMs: timing.draftIntervalMs,
					// A generated answer is slow by nature: its first words are shown as soon as they come.
					firstAfterMs: generated ? 0 : timing.draftIntervalMs,
					canStop: generated,
					refreshMs: timing.draftRefreshMs ?? draftRefreshMs,
					...(log ? { log } : {}),
				})
			: undefined;
	let typing: TypingIndicator | undefined;

	const send = async (part: TelegramText, last: boolean, keyboard?: InlineKeyboard): Promise<void> => {
		// An answer only the asker sees needs no quote to be found.
		const quote = sent.length === 0 && target.chat.kind === 'group' && target.replyToMessageId !== undefined && options.receiverUserId === undefined;
		// Telegram clears "typing…" when a message arrives; after the last part nothing more is coming.
		if (last) typing?.stop();
		else typing?.pause();
		const message = await api.sendMessage(chatId, part.text, {
			entities: [...part.entities],
			...thread,
			ephemeral_message_parameters: options.receiverUserId !== undefined ? { receiver_user_id: options.receiverUserId } : undefined,
			link_preview_options: { is_disabled: true },
			...(quote ? { reply_parameters: { message_id: target.replyToMessageId!, allow_sending_without_reply: true } } : {}),
			...(last && keyboard ? { reply_markup: keyboard } : {}),
		});
		sent.push(message);
	};

	const surface: ReplySurface<TelegramMessage, TelegramMessagePacker> = {
		async open() {
			if (generated) drafts?.thinking();
			// In a private chat the Thinking draft says an answer is coming; typing is the fallback there.
			typing = startTyping(api, chatId, thread, generated && !drafts ? 0 : timing.typingAfterMs, () => drafts?.active !== true || !drafts.delivered);
		},
		async grew(packer) {
			while (sent.length < packer.finished.length) await send(packer.finished[sent.length]!, false);
			const current = packer.current;
			if (current && current.text !== '') drafts?.show(current);
		},
		async settle() {},
		async finish(packer, { stopped }) {
			const rendered = packer.result();
			// A stopped draft stays as it was (`keep_on_stop`) until the message replaces it; drafting on would undo the stop.
			if (stopped) drafts?.close();
			else {
				const last = rendered.parts.at(-1);
				await drafts?.finish(last && last.text !== '' ? last : undefined);
			}
			const { keyboard } = rendered;
			for (let index = sent.length; index < rendered.parts.length; index += 1) {
				await send(rendered.parts[index]!, index === rendered.parts.length - 1, keyboard);
			}
			const first = rendered.parts[0];
			if (!sent[0] || !first) return undefined;
			return { key: telegramMessageKey({ text: first, keyboard: rendered.parts.length === 1 ? keyboard : undefined }) };
		},
		close() {
			drafts?.close();
			typing?.stop();
		},
		live: {
			intervalMs: timing.liveEditIntervalMs ?? liveEditIntervalMs,
			createPacker: () => new TelegramMessagePacker(options.botUsername),
			key: telegramMessageKey,
			edit: async ({ text, keyboard }) => {
				await api.editMessageText(chatId, sent[0]!.message_id, text.text, { entities: [...text.entities], link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
			},
			failed: (error) => {
				log?.warn({ chatId, messageId: sent[0]?.message_id, err: describeTelegramError(error) }, 'telegram: live answer edit failed');
				return 'go-on';
			},
			// Not awaited: updates of this chat are answered one at a time, and a live answer that
			// edits itself for minutes must not hold up the reader's next command.
			background: (edits) => {
				edits.catch((error: unknown) => log?.error({ err: error }, 'telegram: live answer failed'));
			},
		},
	};
	await runReplyPipeline(options.reply, {
		packer: new TelegramMessagePacker(options.botUsername),
		surface,
		signal: options.signal,
		stoppedNote: () => stoppedNote(options.translator ?? translatorFor()),
	});
	return sent;
}
