import { ChannelFlags, ChannelType, type Client } from 'discord.js';
import type { ChannelShape } from './channel-directory.js';

/**
 * A channel's shape from the gateway client's cache, which GUILD_CREATE fills and CHANNEL_UPDATE
 * keeps current (a forum's tags, a text channel converted to announcements), so the process that
 * runs the gateway posts without asking Discord what each channel is. Undefined when the channel
 * is not cached (a thread the bot never saw): the directory then asks.
 */
export function cachedChannelShape(client: Client): (channelId: string) => ChannelShape | undefined {
	return (channelId) => {
		const channel = client.channels.cache.get(channelId);
		if (!channel) return undefined;
		if (channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia) {
			return {
				kind: 'forum',
				tags: channel.availableTags.map((tag) => ({ id: tag.id, name: tag.name, moderated: tag.moderated, emoji_id: tag.emoji?.id ?? null, emoji_name: tag.emoji?.name ?? null })),
				requireTag: channel.flags.has(ChannelFlags.RequireTag),
			};
		}
		return channel.type === ChannelType.GuildAnnouncement ? { kind: 'announcement' } : { kind: 'messages' };
	};
}
