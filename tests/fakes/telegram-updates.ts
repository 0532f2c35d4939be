import type { Chat, ChatMember, Update, User } from 'grammy/types';

/**
 * The user Telegram puts in `from` when an anonymous administrator writes as the group; the
 * group itself is then `sender_chat`. https://core.telegram.org/bots/api#message
 */
export const groupAnonymousBot: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };

type MemberStatus = ChatMember['status'];

/**
 * The bot's own membership changed (https://core.telegram.org/bots/api#chatmemberupdated):
 * `kicked` when removed from a group or channel, or when a user blocks it in a private chat.
 */
export function myChatMemberUpdate(chat: Chat, bot: User, change: { from: User; from_status?: MemberStatus; to_status: MemberStatus }): Omit<Update, 'update_id'> {
	const member = (status: MemberStatus): ChatMember => ({ status, user: { ...bot }, ...(status === 'kicked' ? { until_date: 0 } : {}) }) as ChatMember;
	return {
		my_chat_member: {
			chat,
			from: change.from,
			date: Math.floor(Date.now() / 1000),
			old_chat_member: member(change.from_status ?? 'member'),
			new_chat_member: member(change.to_status),
		},
	};
}

/** The service message a group gets when it becomes a supergroup with a new id. */
export function migrationUpdate(chat: Chat, toChatId: number, messageId: number, from: User = groupAnonymousBot): Omit<Update, 'update_id'> {
	return { message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from, migrate_to_chat_id: toChatId } as Update['message'] };
}
