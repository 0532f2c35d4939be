import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { Reply } from '../../src/content/block.js';
import type { ChatRef } from '../../src/command/command.js';
import type { Logger } from '../../src/logger.js';
import { buildKeyboard } from './callback-data.js';
import { describeTelegramError } from './telegram-errors.js';
import type { TelegramText } from './telegram-text.js';
import { ReplyPacker } from './telegram-renderer.js';
import { startTyping } from './typing-indicator.js';

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
}

/**
 * Delivers an answer as the command produces it. In private chats an answer still growing
 * after `draftIntervalMs` is shown as a live draft (`sendMessageDraft`) and then persisted with
 * `sendMessage`, since a draft is an ephemeral preview; one that is ready sooner is just sent.
 * Groups and channels do not allow drafts, and editing a message to stream it would spend the
 * ~20 edits/minute a group allows, so there each part is sent as soon as no later block can
 * change it.
 * https://core.telegram.org/bots/api#sendmessagedraft
 */
export async function streamReply(options: StreamReplyOptions): Promise<Message[]> {
	const { api, target, timing = defaultStreamTiming } = options;
	const chatId = Number(target.chat.id);
	const thread = target.chat.threadId !== undefined ? { message_thread_id: Number(target.chat.threadId) } : {};
	const packer = new ReplyPacker();
	const sent: Message[] = [];
	let useDrafts = target.chat.kind === 'private';
	let lastDraft = { text: '', at: Date.now() };
	const typing = startTyping(api, chatId, thread, timing.typingAfterMs);

	const send = async (part: TelegramText, last: boolean, keyboard?: ReturnType<typeof buildKeyboard>): Promise<void> => {
		const quote = sent.length === 0 && target.chat.kind === 'group' && target.replyToMessageId !== undefined;
		// Telegram clears "typing…" when a message arrives; after the last part nothing more is coming.
		if (last) typing.stop();
		else typing.pause();
		const message = await api.sendMessage(chatId, part.text, {
			entities: [...part.entities],
			...thread,
			link_preview_options: { is_disabled: true },
			...(quote ? { reply_parameters: { message_id: target.replyToMessageId!, allow_sending_without_reply: true } } : {}),
			...(last && keyboard ? { reply_markup: keyboard } : {}),
		});
		sent.push(message);
	};

	const draft = async (part: TelegramText): Promise<void> => {
		const now = Date.now();
		if (now - lastDraft.at < timing.draftIntervalMs || part.text === lastDraft.text) return;
		lastDraft = { text: part.text, at: now };
		try {
			await api.sendMessageDraft(chatId, options.draftId, part.text, { entities: [...part.entities], ...thread });
		} catch (error) {
			// A draft is a nicety: if Telegram refuses it (older server, chat settings), answer without.
			useDrafts = false;
			options.log?.debug({ err: describeTelegramError(error) }, 'draft refused; sending without drafts');
		}
	};

	try {
		// Until drafts render text deltas, a growing paragraph is shown once it is complete.
		for await (const block of completeBlocks(options.reply)) {
			packer.add(block);
			while (sent.length < packer.finished.length) await send(packer.finished[sent.length]!, false);
			if (useDrafts && packer.current) await draft(packer.current);
		}
		const rendered = packer.result();
		const keyboard = buildKeyboard(rendered.actionRows);
		for (let index = sent.length; index < rendered.parts.length; index += 1) {
			await send(rendered.parts[index]!, index === rendered.parts.length - 1, keyboard);
		}
		return sent;
	} finally {
		typing.stop();
	}
}
