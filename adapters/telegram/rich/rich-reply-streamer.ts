import { GrammyError } from 'grammy';
import type { Message } from 'grammy/types';
import type { ReplyPart } from '../../../src/content/block.js';
import { translatorFor } from '../../../src/i18n/translator.js';
import { stoppedNote } from '../../reply/answer-stops.js';
import { liveEditIntervalMs } from '../../reply/live-edits.js';
import { runReplyPipeline, type ReplySurface } from '../../reply/reply-pipeline.js';
import { DraftStream, draftRefreshMs } from '../draft-stream.js';
import { defaultStreamTiming, streamReply, type StreamReplyOptions } from '../reply-streamer.js';
import { describeTelegramError } from '../telegram-errors.js';
import { startTyping, type TypingIndicator } from '../typing-indicator.js';
import { richDraftForm } from './rich-draft-stream.js';
import { RichMessageTooLargeError } from './rich-message-error.js';
import { RichReplyPacker, richReplyKey, type RichReply } from './rich-reply-packer.js';
import type { RichSupport } from './rich-support.js';

export interface StreamRichReplyOptions extends StreamReplyOptions {
	/** The process's one memory of whether the server speaks rich messages; a refusal here is noted in it. */
	readonly richSupport: RichSupport;
}

/** Why an answer went the entity way after all; the answer itself is not lost. */
type EntityReason = 'server-lacks-rich' | 'refused' | 'too-large';

/**
 * Delivers an answer as rich messages (Bot API 10.1): Telegram's rich packer and surface for the
 * shared reply pipeline, as `streamReply` is for the entity form.
 *
 * Private chats: a generated answer (`/ask`) shows a Thinking block at once, then rich drafts of
 * the answer as it grows (citations as footnotes), with Telegram's stop button; any answer still
 * growing after the draft delay is previewed the same way. Then `sendRichMessage` persists it, the
 * last draft being exactly the final message's content.
 *
 * Groups: drafts exist only in private chats, and an ephemeral message (`receiverUserId`) cannot be
 * streamed either — `editEphemeralMessageText` is not guaranteed to reach the reader, so the
 * answer is shown once, complete, with "typing…" while it is written.
 *
 * Falling back, nothing lost: when the server does not know the rich methods (404, noted in
 * `richSupport` for every later answer), when Telegram refuses this rich message (400), or when
 * the content cannot be a rich message, the same parts go out the entity way (`streamReply`).
 * Only a refusal of the first message does that: parts already on screen are never sent twice.
 */
export async function streamRichReply(options: StreamRichReplyOptions): Promise<Message[]> {
	const { api, target, timing = defaultStreamTiming, generated = false, log, richSupport } = options;
	const chatId = Number(target.chat.id);
	const thread = target.chat.threadId !== undefined ? { message_thread_id: Number(target.chat.threadId) } : {};
	const t = options.translator ?? translatorFor();
	const sent: Message[] = [];
	const drafts =
		target.chat.kind === 'private'
			? new DraftStream(richDraftForm({ api, chatId, thread, draftId: options.draftId }, t.text('answer-thinking'), richSupport), {
					intervalMs: timing.draftIntervalMs,
					firstAfterMs: generated ? 0 : timing.draftIntervalMs,
					canStop: generated,
					refreshMs: timing.draftRefreshMs ?? draftRefreshMs,
					log,
				})
			: undefined;
	let typing: TypingIndicator | undefined;
	let entityWay: EntityReason | undefined;
	const packer = new RichReplyPacker(options.botUsername);

	const send = async (message: RichReply, first: boolean): Promise<void> => {
		const quote = first && target.chat.kind === 'group' && target.replyToMessageId !== undefined && options.receiverUserId === undefined;
		const result = await api.sendRichMessage(chatId, message.rich, {
			...thread,
			ephemeral_message_parameters: options.receiverUserId !== undefined ? { receiver_user_id: options.receiverUserId } : undefined,
			reply_parameters: quote ? { message_id: target.replyToMessageId!, allow_sending_without_reply: true } : undefined,
			reply_markup: message.keyboard,
		});
		richSupport.noteAccepted();
		sent.push(result);
	};

	/** Why a failed first send should go the entity way, or undefined to let the failure stand. */
	const fallbackFor = (error: unknown): EntityReason | undefined => {
		if (sent.length > 0) return undefined;
		if (richSupport.noteRefusal(error)) return 'server-lacks-rich';
		return error instanceof GrammyError && error.error_code === 400 ? 'refused' : undefined;
	};

	const surface: ReplySurface<RichReply, RichReplyPacker> = {
		async open() {
			if (generated) drafts?.thinking();
			typing = startTyping(api, chatId, thread, generated && !drafts ? 0 : timing.typingAfterMs, () => drafts?.active !== true || !drafts.delivered);
		},
		grew(grown) {
			drafts?.show({ version: grown.version, render: () => grown.pack().at(-1)?.rich });
		},
		async settle() {},
		async finish(done, { stopped }) {
			const messages = packOrUndefined(done);
			if (!messages) entityWay = 'too-large';
			if (!richSupport.enabled) entityWay = 'server-lacks-rich';
			if (entityWay || !messages || messages.length === 0) {
				drafts?.close();
				return undefined;
			}
			// A stopped draft stays as it was (`keep_on_stop`) until the message replaces it; drafting on would undo the stop.
			if (stopped) drafts?.close();
			else {
				const rich = messages.at(-1)?.rich;
				await drafts?.finish(rich ? { version: done.version, render: () => rich } : undefined);
			}
			typing?.stop();
			for (const [index, message] of messages.entries()) {
				try {
					await send(message, index === 0);
				} catch (error) {
					entityWay = fallbackFor(error);
					if (!entityWay) throw error;
					log?.warn({ chatId, err: describeTelegramError(error), reason: entityWay }, 'telegram: rich answer refused; sending it the entity way');
					return undefined;
				}
			}
			return { key: richReplyKey(messages[0]!) };
		},
		close() {
			drafts?.close();
			typing?.stop();
		},
		live: {
			intervalMs: timing.liveEditIntervalMs ?? liveEditIntervalMs,
			createPacker: () => new RichReplyPacker(options.botUsername),
			key: richReplyKey,
			edit: async ({ rich, keyboard }) => {
				await api.editMessageText(chatId, sent[0]!.message_id, rich, { reply_markup: keyboard });
			},
			failed: (error) => {
				log?.warn({ chatId, messageId: sent[0]?.message_id, err: describeTelegramError(error) }, 'telegram: live answer edit failed');
				return 'go-on';
			},
			background: (edits) => {
				edits.catch((error: unknown) => log?.error({ err: error }, 'telegram: live answer failed'));
			},
		},
	};
	await runReplyPipeline(options.reply, { packer, surface, signal: options.signal, stoppedNote: () => stoppedNote(t) });
	if (!entityWay) return sent;
	// The answer is complete: the entity form sends it at once, with no Thinking draft of its own.
	return streamReply({ ...options, reply: replay(packer.received), generated: false });
}

/** The answer as rich messages, or undefined for content no rich message can hold (a heading longer than a message). */
export function packOrUndefined(packer: RichReplyPacker): readonly RichReply[] | undefined {
	try {
		return packer.pack();
	} catch (error) {
		if (error instanceof RichMessageTooLargeError) return undefined;
		throw error;
	}
}

async function* replay(parts: readonly ReplyPart[]): AsyncIterable<ReplyPart> {
	yield* parts;
}
