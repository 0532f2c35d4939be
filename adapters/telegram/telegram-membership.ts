import type { Bot } from 'grammy';
import type { Logger } from '../../src/logger.js';
import type { SubscriptionStore } from '../../src/subscriptions/subscription-store.js';

/**
 * Keeps subscriptions true to what Telegram reports about the bot's own membership
 * (https://core.telegram.org/bots/api#chatmemberupdated): removed from a group or channel, or
 * blocked in a private chat, ends the chat's subscriptions; a group upgraded to a supergroup
 * gets a new id (`migrate_to_chat_id`), and its subscriptions move with it.
 */
export function installMembershipHandlers(bot: Bot, subscriptions: SubscriptionStore, log: Logger): void {
	bot.on('my_chat_member', async (ctx) => {
		const { chat, new_chat_member: member } = ctx.myChatMember;
		if (member.status !== 'kicked' && member.status !== 'left') return;
		// A private chat "kicked" the bot when its reader blocked it; a group or channel removed it.
		const reason = chat.type === 'private' ? 'reader-left' : 'access-lost';
		const ended = await subscriptions.listFor({ platform: 'telegram', chatId: String(chat.id) });
		for (const subscription of ended) await subscriptions.end(subscription.id, reason);
		if (ended.length > 0) log.info({ chat: chat.id, reason, subscriptions: ended.length }, 'telegram: subscriptions ended, the bot was removed');
	});
	const migrate = async (from: number, to: number): Promise<void> => {
		const moved = await subscriptions.migrate('telegram', String(from), String(to));
		if (moved.length > 0) log.info({ from, to, subscriptions: moved.length }, 'telegram: subscriptions moved to the supergroup');
	};
	// Telegram sends both halves of a migration: `migrate_to_chat_id` in the old group and
	// `migrate_from_chat_id` in the new supergroup. Either one moves the subscriptions; the
	// second then finds nothing left to move.
	bot.on('message:migrate_to_chat_id', (ctx) => migrate(ctx.chat.id, ctx.message.migrate_to_chat_id));
	bot.on('message:migrate_from_chat_id', (ctx) => migrate(ctx.message.migrate_from_chat_id, ctx.chat.id));
}
