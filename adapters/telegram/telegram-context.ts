import type { Context } from 'grammy';
import type { Chat, Message } from 'grammy/types';
import type { ChatRef, UserRef } from '../../src/command/command.js';

/**
 * The message that carries a command: a user's message in a private chat or group, or a
 * post in a channel (channel posts have no `from`; the channel itself is the sender).
 */
export function commandMessage(ctx: Context): Message | undefined {
	return ctx.message ?? ctx.channelPost;
}

/** Telegram's chat types folded into the three the commands know. */
export function chatKind(chat: Chat): ChatRef['kind'] {
	if (chat.type === 'private') return 'private';
	if (chat.type === 'channel') return 'channel';
	return 'group';
}

/**
 * Where to answer a message. A forum topic is kept as `threadId` so the answer lands in the
 * same topic; `message_thread_id` on a non-topic message only marks a reply thread, which
 * must not be passed back (Telegram would answer "message thread not found").
 */
export function chatRefOf(message: Pick<Message, 'chat' | 'message_thread_id' | 'is_topic_message'>): ChatRef {
	const chat = message.chat;
	const title = 'title' in chat && chat.title ? chat.title : undefined;
	return {
		platform: 'telegram',
		id: String(chat.id),
		kind: chatKind(chat),
		threadId: message.is_topic_message && message.message_thread_id !== undefined ? String(message.message_thread_id) : undefined,
		title,
	};
}

/** Who sent the update: the user, or for channel posts the channel. */
export function userRefOf(ctx: Context): UserRef {
	const from = ctx.from;
	if (from) return { id: String(from.id), name: [from.first_name, from.last_name].filter(Boolean).join(' ') };
	const chat = ctx.senderChat ?? ctx.chat;
	return chat ? { id: String(chat.id), name: 'title' in chat && chat.title ? chat.title : undefined } : { id: 'unknown' };
}

/**
 * The key that serialises updates: one chat answers one command at a time, in order. While an
 * answer is being written in the chat (`busy`), later updates take a lane of their own beside it,
 * in order among themselves: asking again gets "still answering" at once instead of waiting.
 */
export function sequentialKey(ctx: Context, busy: (chatId: string) => boolean = () => false): string | undefined {
	if (ctx.chat?.id !== undefined) return busy(String(ctx.chat.id)) ? `chat:${ctx.chat.id}:beside` : `chat:${ctx.chat.id}`;
	return ctx.from ? `user:${ctx.from.id}` : undefined;
}
