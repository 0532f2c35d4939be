import type { Chat, Message, Update, User } from 'grammy/types';
import { bad, type Answer } from './telegram-answers.js';
import type { FakeTelegramChats } from './telegram-chats.js';
import type { FakeTelegramMessages, StoredMessage } from './telegram-messages.js';
import { checkRichMessage, type RichCensusResult } from './telegram-rich-validation.js';
import { checkInlineResult } from './telegram-inline-results.js';
import { checkReplyMarkup } from './telegram-validation.js';

/** How a Bot API server older than 10.1 answers a method it does not have. */
export const methodNotFound = (): Answer => bad('Not Found: method not found', 404);

/** A rich draft as the reader saw it. */
export interface FakeRichDraft {
	readonly draftId: number;
	readonly richMessage: unknown;
	readonly census: RichCensusResult;
	readonly canStop: boolean;
	readonly at: number;
}

/** A guest query the bot answered (`answerGuestQuery`): the chat it was summoned in and what it put there. */
export interface FakeGuestAnswer {
	readonly guestQueryId: string;
	readonly chat: Chat;
	readonly result: Record<string, unknown>;
	readonly inlineMessageId: string;
}

/**
 * What Bot API 10.0–10.2 added to the fake: rich messages (`sendRichMessage`,
 * `sendRichMessageDraft`, `editMessageText` with `rich_message`), ephemeral messages
 * (`ephemeral_message_parameters`) and guest queries (`guest_message`, `answerGuestQuery`).
 * Every rich payload passes `checkRichMessage` first. With `supported` false the fake is an
 * older server: the new methods are "method not found" (404), and the new parameters are unknown
 * fields it ignores — an ephemeral message goes to the whole chat, an edit carrying only
 * `rich_message` has no text — which is what a bot must be ready for.
 */
export class FakeRichMessages {
	public supported = true;
	/** Chats that refuse rich messages for their own reason, with the description of the 400. */
	public readonly refusingChats = new Map<number, string>();
	private readonly drafts = new Map<number, FakeRichDraft[]>();
	private readonly openGuestQueries = new Map<string, Chat>();
	public readonly guestAnswers: FakeGuestAnswer[] = [];
	private nextEphemeralId = 1;
	private nextGuestId = 1;

	public constructor(
		private readonly chats: FakeTelegramChats,
		private readonly messages: FakeTelegramMessages,
	) {}

	public send(params: Record<string, unknown>): Answer {
		if (!this.supported) return methodNotFound();
		return this.chats.withChat(params, (chat) => {
			const refusal = this.refusingChats.get(chat.id);
			if (refusal !== undefined) return bad(refusal);
			const thread = this.chats.checkThread(chat, params.message_thread_id);
			if (thread) return thread;
			const checked = checkRichMessage(params.rich_message);
			if ('error' in checked) return bad(checked.error);
			const markup = checkReplyMarkup(params.reply_markup);
			if (markup) return bad(markup);
			const ephemeral = this.ephemeralReceiver(chat, params);
			if (typeof ephemeral === 'object') return ephemeral;
			return this.store(chat, params, { text: '', entities: [], rich_message: params.rich_message, census: checked.census }, ephemeral);
		});
	}

	/** `sendMessage` with `ephemeral_message_parameters`; undefined when the plain path should serve it. */
	public sendEphemeralText(params: Record<string, unknown>): Answer | undefined {
		if (!this.supported || params.ephemeral_message_parameters === undefined) return undefined;
		return this.chats.withChat(params, (chat) => {
			const checked = this.messages.checkText(chat, params);
			if ('ok' in checked) return checked;
			const ephemeral = this.ephemeralReceiver(chat, params);
			if (typeof ephemeral === 'object') return ephemeral;
			return this.store(chat, params, { text: checked.text, entities: (params.entities as StoredMessage['entities'] | undefined) ?? [] }, ephemeral);
		});
	}

	public draft(params: Record<string, unknown>): Answer {
		if (!this.supported) return methodNotFound();
		return this.chats.withChat(params, (chat) => {
			if (chat.type !== 'private') return bad('Bad Request: drafts can be sent only to private chats');
			if (!Number.isInteger(params.draft_id) || params.draft_id === 0) return bad('Bad Request: draft_id must be non-zero');
			const checked = checkRichMessage(params.rich_message, { draft: true });
			if ('error' in checked) return bad(checked.error);
			const list = this.drafts.get(chat.id) ?? [];
			list.push({ draftId: Number(params.draft_id), richMessage: params.rich_message, census: checked.census, canStop: params.can_stop === true, at: Date.now() });
			this.drafts.set(chat.id, list);
			return { ok: true, result: true };
		});
	}

	/** `editMessageText`: with `rich_message` on a server that has it, the rich edit; otherwise undefined (the text path). */
	public edit(params: Record<string, unknown>): Answer | undefined {
		if (!this.supported || params.rich_message === undefined) return undefined;
		return this.chats.withChat(params, (chat) => {
			const stored = this.messages.find(chat.id, Number(params.message_id));
			if (!stored) return bad('Bad Request: message to edit not found');
			if (params.text !== undefined) return bad('Bad Request: text and rich_message can not be used together');
			const checked = checkRichMessage(params.rich_message);
			if ('error' in checked) return bad(checked.error);
			const markup = checkReplyMarkup(params.reply_markup);
			if (markup) return bad(markup);
			if (JSON.stringify(stored.rich_message) === JSON.stringify(params.rich_message) && JSON.stringify(stored.reply_markup) === JSON.stringify(params.reply_markup)) {
				return bad('Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
			}
			stored.text = '';
			stored.entities = [];
			stored.rich_message = params.rich_message;
			stored.census = checked.census;
			stored.reply_markup = params.reply_markup;
			return { ok: true, result: this.toMessage(chat, stored) };
		});
	}

	/** The rich drafts the fake accepted in a chat, oldest first. */
	public draftsIn(chatId: number): FakeRichDraft[] {
		return [...(this.drafts.get(chatId) ?? [])];
	}

	/** The `guest_message` update of a user who @mentions the bot in a chat it is not a member of (Bot API 10.0). */
	public guestUpdate(chat: Chat, from: User, text: string, messageId: number): Omit<Update, 'update_id'> {
		const id = `gq${this.nextGuestId++}`;
		this.openGuestQueries.set(id, chat);
		const message = { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from, text, guest_query_id: id } as Message;
		return { guest_message: message } as Omit<Update, 'update_id'>;
	}

	public answerGuest(params: Record<string, unknown>): Answer {
		if (!this.supported) return methodNotFound();
		const id = String(params.guest_query_id ?? '');
		const chat = this.openGuestQueries.get(id);
		if (!chat) return bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
		const problem = checkInlineResult(params.result, { rich: true });
		if (problem) return bad(problem);
		const result = params.result as Record<string, unknown>;
		this.openGuestQueries.delete(id);
		const answer: FakeGuestAnswer = { guestQueryId: id, chat, result, inlineMessageId: `gm${id}` };
		this.guestAnswers.push(answer);
		return { ok: true, result: { inline_message_id: answer.inlineMessageId } };
	}

	/** The receiver of an ephemeral message, undefined for a normal one, or Telegram's refusal. */
	private ephemeralReceiver(chat: Chat, params: Record<string, unknown>): number | undefined | Answer {
		const ephemeral = params.ephemeral_message_parameters as { receiver_user_id?: unknown } | undefined;
		if (ephemeral === undefined) return undefined;
		if (!Number.isInteger(ephemeral.receiver_user_id) || Number(ephemeral.receiver_user_id) <= 0) return bad('Bad Request: receiver_user_id is invalid');
		if (chat.type === 'channel') return bad('Bad Request: ephemeral messages can not be sent to channels');
		return Number(ephemeral.receiver_user_id);
	}

	private store(chat: Chat, params: Record<string, unknown>, content: Pick<StoredMessage, 'text' | 'entities' | 'rich_message' | 'census'>, receiver: number | undefined): Answer {
		const stored: StoredMessage = {
			// An ephemeral message has message_id 0 and its own ephemeral_message_id (Bot API 10.2).
			message_id: receiver === undefined ? this.messages.allocateId(chat.id) : 0,
			chat_id: chat.id,
			...content,
			...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
			...(params.message_thread_id !== undefined ? { message_thread_id: Number(params.message_thread_id) } : {}),
			...(receiver !== undefined ? { receiver_user_id: receiver, ephemeral_message_id: this.nextEphemeralId++ } : {}),
			from_bot: true,
		};
		this.messages.add(stored);
		return { ok: true, result: this.toMessage(chat, stored) };
	}

	private toMessage(chat: Chat, stored: StoredMessage): Message {
		return {
			message_id: stored.message_id,
			date: Math.floor(Date.now() / 1000),
			chat,
			...(stored.rich_message !== undefined ? { rich_message: stored.rich_message } : { text: stored.text, ...(stored.entities.length > 0 ? { entities: stored.entities } : {}) }),
			...(stored.receiver_user_id !== undefined ? { receiver_user: { id: stored.receiver_user_id, is_bot: false, first_name: 'User' }, ephemeral_message_id: stored.ephemeral_message_id } : {}),
			...(stored.message_thread_id !== undefined ? { message_thread_id: stored.message_thread_id, is_topic_message: true } : {}),
		} as Message;
	}
}
