import type { Chat } from 'grammy/types';

/** What the fake answers for `getChatMember`: a status and, for admins, the rights that matter here. */
export interface FakeMember {
	readonly status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
	readonly can_post_messages?: boolean;
	readonly can_send_messages?: boolean;
}

/**
 * Who is what in which chat. Unset members fall back to the fake's historic default: in a
 * private chat a member, anywhere else an administrator who may post.
 */
export class FakeChatMembers {
	private readonly members = new Map<string, FakeMember>();

	public set(chatId: number, userId: number, member: FakeMember): void {
		this.members.set(`${chatId}:${userId}`, member);
	}

	public get(chat: Chat, userId: number): FakeMember {
		return this.members.get(`${chat.id}:${userId}`) ?? (chat.type === 'private' ? { status: 'member' } : { status: 'administrator', can_post_messages: true });
	}

	/** The `getChatMember` result as the Bot API shapes it. */
	public result(chat: Chat, userId: number, isBot: boolean): Record<string, unknown> {
		const member = this.get(chat, userId);
		const rights = member.status === 'administrator' ? { can_post_messages: member.can_post_messages ?? false, can_be_edited: false, is_anonymous: false } : {};
		const restrictions = member.status === 'restricted' ? { can_send_messages: member.can_send_messages ?? false, is_member: true, until_date: 0 } : {};
		return { status: member.status, user: { id: userId, is_bot: isBot, first_name: isBot ? 'Digest' : 'User' }, ...rights, ...restrictions };
	}
}
