import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { ChatRef, UserRef } from '../../src/command/command.js';

type AnyInteraction = ChatInputCommandInteraction | ButtonInteraction | AutocompleteInteraction;

/**
 * Where the interaction came from, in the core's neutral terms. Built from the raw ids only:
 * with just the Guilds intent the channel may not be cached (DMs never are).
 */
export function chatOf(interaction: AnyInteraction): ChatRef {
	const channel = interaction.channel;
	const thread = channel?.isThread() ? channel : undefined;
	const id = thread?.parentId ?? interaction.channelId ?? interaction.user.id;
	return {
		platform: 'discord',
		id,
		kind: interaction.inGuild() ? 'group' : 'private',
		...(thread ? { threadId: thread.id } : {}),
		...(interaction.guild?.name ? { title: interaction.guild.name } : {}),
	};
}

/** The user who pressed or typed. Snowflakes stay strings: they overflow a JS number. */
export function userOf(interaction: AnyInteraction): UserRef {
	return { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username };
}
