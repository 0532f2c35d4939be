import { Events, type AnyThreadChannel, type Client, type DMChannel, type NonThreadGuildBasedChannel } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import type { SubscriptionFilter, SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { EndReason } from '../../src/subscriptions/subscription.js';

/**
 * Ends subscriptions the moment Discord says their channel is gone, instead of waiting for the
 * next broadcast to fail on it: a deleted channel or thread (CHANNEL_DELETE, THREAD_DELETE,
 * both sent with the Guilds intent) and a server the bot was removed from (GUILD_DELETE).
 * Whatever happened while the bot was offline is caught by delivery instead: posting to such a
 * channel answers Unknown Channel or Missing Access, which ends the subscription too.
 * @returns A function that stops listening.
 */
export function watchSubscriptionLifecycle(client: Client, store: SubscriptionStore, log: Logger): () => void {
	const endAll = async (filter: SubscriptionFilter, reason: EndReason): Promise<void> => {
		try {
			for (const subscription of await store.listFor(filter)) {
				const ended = await store.end(subscription.id, reason);
				if (ended) log.info({ subscription: ended.id, guild: ended.communityId, reason }, 'discord subscription ended');
			}
		} catch (error) {
			// Delivery will find the channel gone and end the subscription then; nothing is lost but a failed post.
			log.warn({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error), reason }, 'could not end discord subscriptions');
		}
	};
	/** A deleted channel takes its threads with it, and Discord sends no THREAD_DELETE for them: the threads known to the cache end too. */
	const onChannelDelete = (channel: DMChannel | NonThreadGuildBasedChannel | AnyThreadChannel): void => {
		const threadIds = 'threads' in channel ? [...channel.threads.cache.keys()] : [];
		void (async () => {
			for (const id of [channel.id, ...threadIds]) await endAll({ platform: 'discord', chatId: id }, 'chat-gone');
		})();
	};
	/**
	 * GUILD_DELETE with `unavailable: true` is an outage, which discord.js reports as
	 * GuildUnavailable and never as GuildDelete, so an outage never reaches this handler.
	 * `guild.available` is deliberately not checked: after an outage it stays false until the
	 * server comes back, and a bot kicked in the meantime would then keep posting into the void.
	 * https://discord.com/developers/docs/events/gateway-events#guild-delete
	 */
	const onGuildDelete = (guild: { readonly id: string }): void => void endAll({ platform: 'discord', communityId: guild.id }, 'access-lost');
	client.on(Events.ChannelDelete, onChannelDelete);
	client.on(Events.ThreadDelete, onChannelDelete);
	client.on(Events.GuildDelete, onGuildDelete);
	return () => {
		client.off(Events.ChannelDelete, onChannelDelete);
		client.off(Events.ThreadDelete, onChannelDelete);
		client.off(Events.GuildDelete, onGuildDelete);
	};
}
