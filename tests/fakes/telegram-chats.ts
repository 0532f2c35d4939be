import type { Chat } from 'grammy/types';
import { bad, type Answer } from './telegram-answers.js';
import type { FakeChatMembers } from './telegram-members.js';

/** A chat the fake knows, with its forum topics. */
export type FakeChat = Chat & { topics?: Set<number> };

/**
 * The chats of the fake Bot API and what stands between the bot and them: chats it was
 * blocked or kicked from, groups that became supergroups, topics that exist.
 */
export class FakeTelegramChats {
	private readonly chats = new Map<number, FakeChat>();
	private readonly blocked = new Map<number, string>();
	private readonly migrated = new Map<number, number>();

	public add(chat: Chat, topics: readonly number[] = []): void {
		this.chats.set(chat.id, { ...chat, ...(topics.length > 0 ? { topics: new Set(topics) } : {}) });
	}

	public has(chatId: number): boolean {
		return this.chats.has(chatId);
	}

	public get(chatId: number): FakeChat | undefined {
		return this.chats.get(chatId);
	}

	/** `getChat`'s lookup: a numeric id or a public `@username`. */
	public find(reference: unknown): FakeChat | undefined {
		const wanted = String(reference);
		if (!wanted.startsWith('@')) return this.chats.get(Number(wanted));
		return [...this.chats.values()].find((candidate) => 'username' in candidate && `@${candidate.username}`.toLowerCase() === wanted.toLowerCase());
	}

	/** Every send to the chat answers 403 with `description` (by default: blocked, or kicked from a group). */
	public block(chatId: number, description?: string): void {
		const chat = this.chats.get(chatId);
		this.blocked.set(chatId, description ?? (chat?.type === 'private' ? 'Forbidden: bot was blocked by the user' : 'Forbidden: bot was kicked from the group chat'));
	}

	/** The group became a supergroup: the old id answers 400 with `migrate_to_chat_id`, the new chat works. */
	public migrate(fromChatId: number, to: Chat): void {
		this.add(to);
		this.migrated.set(fromChatId, to.id);
	}

	/** Runs `then` for a chat the bot can reach, or answers the way Telegram refuses. */
	public withChat(params: Record<string, unknown>, then: (chat: FakeChat) => Answer): Answer {
		const chatId = Number(params.chat_id);
		const movedTo = this.migrated.get(chatId);
		if (movedTo !== undefined) return { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: movedTo } };
		const chat = this.chats.get(chatId);
		if (!chat) return bad('Bad Request: chat not found');
		const blocked = this.blocked.get(chat.id);
		if (blocked !== undefined) return bad(blocked, 403);
		return then(chat);
	}

	/** A topic the chat does not have is refused, as Telegram does for deleted topics. */
	public checkThread(chat: FakeChat, threadId: unknown): Answer | undefined {
		if (threadId === undefined) return undefined;
		return chat.topics?.has(Number(threadId)) ? undefined : bad('Bad Request: message thread not found');
	}

	/**
	 * `getChatMember`. Telegram shows a channel's members only to its administrators: a bot that
	 * is not one may ask about itself, and is refused for anyone else.
	 */
	public member(params: Record<string, unknown>, members: FakeChatMembers, botId: number): Answer {
		return this.withChat(params, (chat) => {
			const userId = Number(params.user_id);
			const botStatus = members.get(chat, botId).status;
			if (chat.type === 'channel' && userId !== botId && botStatus !== 'administrator' && botStatus !== 'creator') return bad('Bad Request: member list is inaccessible');
			return { ok: true, result: members.result(chat, userId, userId === botId) };
		});
	}
}
