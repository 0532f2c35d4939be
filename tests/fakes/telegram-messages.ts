import type { Chat, Message, MessageEntity, User } from 'grammy/types';
import { bad, type Answer } from './telegram-answers.js';
import type { FakeTelegramChats } from './telegram-chats.js';
import type { RichCensusResult } from './telegram-rich-validation.js';
import { checkMessageText, checkReplyMarkup } from './telegram-validation.js';

/** A message the bot sent, with its latest edit. */
export interface StoredMessage {
	readonly message_id: number;
	readonly chat_id: number;
	text: string;
	entities: MessageEntity[];
	reply_markup?: unknown;
	readonly message_thread_id?: number;
	readonly from_bot: boolean;
	/** A rich message (Bot API 10.1) as sent or last edited; `text` is then empty. */
	rich_message?: unknown;
	/** What the fake's rich validator counted in `rich_message`. */
	census?: RichCensusResult;
	/** An ephemeral message (Bot API 10.2): the one member who sees it. */
	readonly receiver_user_id?: number;
	readonly ephemeral_message_id?: number;
}

/** The messages of the fake's chats: what the bot sent and edited, validated as Telegram does. */
export class FakeTelegramMessages {
	private readonly messages = new Map<number, StoredMessage[]>();
	private readonly nextMessageId = new Map<number, number>();

	public constructor(
		private readonly chats: FakeTelegramChats,
		private readonly me: User,
	) {}

	/** The bot's messages in a chat, oldest first, as they read now (after edits). */
	public botMessages(chatId: number): StoredMessage[] {
		return (this.messages.get(chatId) ?? []).filter((message) => message.from_bot);
	}

	/** One of the bot's messages in a chat, by id. */
	public find(chatId: number, messageId: number): StoredMessage | undefined {
		return this.messages.get(chatId)?.find((message) => message.message_id === messageId && message.from_bot);
	}

	/** Keeps a message another part of the fake validated (a rich or an ephemeral one). */
	public add(stored: StoredMessage): void {
		this.messages.set(stored.chat_id, [...(this.messages.get(stored.chat_id) ?? []), stored]);
	}

	/**
	 * What `sendMessage` checks before it keeps a text message (its thread, text and entities,
	 * buttons): the refusal, or the text Telegram would keep. Ephemeral text messages are checked
	 * the same way.
	 */
	public checkText(chat: Chat, params: Record<string, unknown>): Answer | { readonly text: string } {
		const thread = this.chats.checkThread(chat, params.message_thread_id);
		if (thread) return thread;
		const checked = checkMessageText(params.text, params.parse_mode, params.entities);
		if ('error' in checked) return bad(checked.error);
		const markup = checkReplyMarkup(params.reply_markup);
		if (markup) return bad(markup);
		return { text: checked.text };
	}

	public send(params: Record<string, unknown>): Answer {
		return this.chats.withChat(params, (chat) => {
			const checked = this.checkText(chat, params);
			if ('ok' in checked) return checked;
			const stored: StoredMessage = {
				message_id: this.allocateId(chat.id),
				chat_id: chat.id,
				text: checked.text,
				entities: (params.entities as MessageEntity[] | undefined) ?? [],
				...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
				...(params.message_thread_id !== undefined ? { message_thread_id: Number(params.message_thread_id) } : {}),
				from_bot: true,
			};
			this.messages.set(chat.id, [...(this.messages.get(chat.id) ?? []), stored]);
			return { ok: true, result: this.toMessage(chat, stored) };
		});
	}

	public draft(params: Record<string, unknown>): Answer {
		return this.chats.withChat(params, (chat) => {
			if (chat.type !== 'private') return bad('Bad Request: drafts can be sent only to private chats');
			if (!Number.isInteger(params.draft_id) || params.draft_id === 0) return bad('Bad Request: draft_id must be non-zero');
			const checked = checkMessageText(params.text ?? '', params.parse_mode, params.entities, { allowEmpty: true });
			return 'error' in checked ? bad(checked.error) : { ok: true, result: true };
		});
	}

	public edit(params: Record<string, unknown>): Answer {
		return this.chats.withChat(params, (chat) => {
			const stored = this.messages.get(chat.id)?.find((message) => message.message_id === Number(params.message_id) && message.from_bot);
			if (!stored) return bad('Bad Request: message to edit not found');
			const checked = checkMessageText(params.text, params.parse_mode, params.entities);
			if ('error' in checked) return bad(checked.error);
			const markup = checkReplyMarkup(params.reply_markup);
			if (markup) return bad(markup);
			const entities = (params.entities as MessageEntity[] | undefined) ?? [];
			if (stored.text === checked.text && JSON.stringify(stored.entities) === JSON.stringify(entities) && JSON.stringify(stored.reply_markup) === JSON.stringify(params.reply_markup)) {
				return bad('Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
			}
			stored.text = checked.text;
			stored.entities = entities;
			stored.reply_markup = params.reply_markup;
			// A rich message edited with plain text becomes a text message.
			delete stored.rich_message;
			delete stored.census;
			return { ok: true, result: this.toMessage(chat, stored) };
		});
	}

	/** Someone in the chat deleted a message: later edits of it answer "message to edit not found", as Telegram does. */
	public delete(chatId: number, messageId: number): boolean {
		const kept = (this.messages.get(chatId) ?? []).filter((message) => message.message_id !== messageId);
		const removed = kept.length !== (this.messages.get(chatId) ?? []).length;
		this.messages.set(chatId, kept);
		return removed;
	}

	/** The next message id in a chat: Telegram numbers messages per chat. */
	public allocateId(chatId: number): number {
		const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
		this.nextMessageId.set(chatId, id);
		return id;
	}

	private toMessage(chat: Chat, stored: StoredMessage): Message {
		return {
			message_id: stored.message_id,
			date: Math.floor(Date.now() / 1000),
			chat,
			from: this.me,
			text: stored.text,
			...(stored.entities.length > 0 ? { entities: stored.entities } : {}),
			...(stored.message_thread_id !== undefined ? { message_thread_id: stored.message_thread_id, is_topic_message: true } : {}),
		} as Message;
	}
}
