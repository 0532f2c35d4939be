import { InteractionContextType, MessageFlags, type BaseInteraction, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { discordLimits } from './discord-limits.js';
import { shareOptionName } from './slash-commands.js';

/**
 * What the bot can do where an interaction came from. A reader who installed the app to their
 * account can use it in any server, DM or group DM, including where the bot is not a member:
 * there the answer can only go through the interaction's own webhook, never to the channel.
 * https://discord.com/developers/docs/resources/application#installation-context
 */
export interface InstallReach {
	/**
	 * The bot is in the place: a server it is a member of, or its own DM with the reader. Only
	 * then may anything be sent to, fetched from or typed in the channel, or a subscription point
	 * at it.
	 */
	readonly botPresent: boolean;
	/**
	 * Follow-up messages Discord accepts for one interaction, when it limits them: 5 when only
	 * the reader's install authorised it (error 40094 past that); undefined when the server install did.
	 * https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message
	 */
	readonly followUpLimit: number | undefined;
}

/** Discord's limit on follow-ups of an interaction that only a user install authorised. */
const userInstallFollowUps = 5;

/**
 * Reads the reach from the interaction itself: its `context` and its
 * `authorizing_integration_owners` (GUILD_INSTALL names the server, or "0" in the bot's DM).
 * A server install is not enough in a server: an app added with the commands scope alone has
 * no bot member, so the server must also be one the gateway told this client about.
 */
export function installReachOf(interaction: BaseInteraction): InstallReach {
	const owners = interaction.authorizingIntegrationOwners;
	// A payload naming no owner at all predates user installs: only a server install could have sent it.
	const serverInstalled = owners.guildId !== null || owners.userId === null;
	const context = interaction.context ?? (interaction.guildId ? InteractionContextType.Guild : InteractionContextType.BotDM);
	const botPresent =
		context === InteractionContextType.BotDM ||
		(context === InteractionContextType.Guild && serverInstalled && interaction.guildId !== null && interaction.client.guilds.cache.has(interaction.guildId));
	return { botPresent, followUpLimit: serverInstalled ? undefined : userInstallFollowUps };
}

/**
 * The most messages one answer may take here: the original response and the follow-ups Discord
 * allows, within our own cap; undefined where only our cap holds. Past it the composer cuts the
 * answer with its note, rather than Discord refusing the sixth follow-up and the tail being lost.
 */
export function answerMessageCap(reach: InstallReach): number | undefined {
	return reach.followUpLimit === undefined ? undefined : Math.min(discordLimits.messagesPerAnswer, reach.followUpLimit + 1);
}

/**
 * Whether an answer is for the reader alone. A slash command follows the reader's `share`
 * choice, and without one is private exactly where the bot is not a member (a public answer
 * there would speak for a bot the server never added). A button that answers with a new message
 * is private where the bot is not a member, and under a message only its reader could see.
 */
export function answersPrivately(interaction: ChatInputCommandInteraction | ButtonInteraction, reach: InstallReach): boolean {
	if (interaction.isChatInputCommand()) {
		const share = interaction.options.getBoolean(shareOptionName);
		return share === null ? !reach.botPresent : !share;
	}
	return !reach.botPresent || interaction.message.flags.has(MessageFlags.Ephemeral);
}
