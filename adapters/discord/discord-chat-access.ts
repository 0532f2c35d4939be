import { ChannelType, InteractionContextType, PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type Guild, type GuildBasedChannel } from 'discord.js';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import type { PermissionName } from '../../src/content/failure-codes.js';
import { failure } from '../../src/i18n/failures.js';
import { installReachOf } from './install-reach.js';

/** The interactions that run commands, and so may subscribe. */
export type CommandInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** How a channel is named on Discord: its mention ("<#id>"), its id, or "#name" in this server. */
const discordChannelReference = /^(?:<#\d{17,20}>|\d{17,20}|#[\p{L}\p{N}_-]{1,100})$/u;

/** Where a subscription may point: text and announcement channels, their threads, and forum and media channels (a post per issue). */
const postableTypes: ReadonlySet<ChannelType> = new Set([
	ChannelType.GuildText,
	ChannelType.GuildAnnouncement,
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
	ChannelType.AnnouncementThread,
	ChannelType.GuildForum,
	ChannelType.GuildMedia,
]);

/**
 * What the bot needs to post an issue: see the channel, send in it (threads have their own
 * permission for that) and embed links, because stories are embeds.
 * https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
 */
const channelNeeds = [
	{ flag: PermissionFlagsBits.ViewChannel, name: 'view-channel' },
	{ flag: PermissionFlagsBits.SendMessages, name: 'send-messages' },
	{ flag: PermissionFlagsBits.EmbedLinks, name: 'embed-links' },
] as const satisfies readonly PermissionNeed[];
const threadNeeds = [
	{ flag: PermissionFlagsBits.ViewChannel, name: 'view-channel' },
	{ flag: PermissionFlagsBits.SendMessagesInThreads, name: 'send-messages-in-threads' },
	{ flag: PermissionFlagsBits.EmbedLinks, name: 'embed-links' },
] as const satisfies readonly PermissionNeed[];
/**
 * A forum (or media) channel takes a post per issue: starting a post is Send Messages (the
 * forum's settings call it "Create Posts"), and a long issue's later messages go into the post,
 * a thread, which is Send Messages in Threads ("Send Messages in Posts").
 * https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 */
const forumNeeds = [...channelNeeds, { flag: PermissionFlagsBits.SendMessagesInThreads, name: 'send-messages-in-threads' }] as const satisfies readonly PermissionNeed[];
/** Creating the tags a forum lacks (`/settings tags on`) edits the forum's tags, which Discord leaves to Manage Threads. */
const tagNeeds = [...forumNeeds, { flag: PermissionFlagsBits.ManageThreads, name: 'manage-threads' }] as const satisfies readonly PermissionNeed[];

interface PermissionNeed {
	readonly flag: bigint;
	readonly name: PermissionName;
}

type TargetPurpose = Parameters<ChatAccess['resolveTarget']>[1];

/** What the bot needs in this channel for this purpose; creating tags asks more only of forums, since nothing else has tags. */
function neededIn(channel: GuildBasedChannel, purpose: Exclude<TargetPurpose, 'manage'>): readonly PermissionNeed[] {
	if (channel.isThread()) return threadNeeds;
	if (channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia) return purpose === 'section-tags' ? tagNeeds : forumNeeds;
	return channelNeeds;
}

/**
 * Answers the subscription commands' questions for one interaction. In a server the member
 * must have Manage Channels: registration already hides the commands from others
 * (`default_member_permissions`), but server admins can override that per role or channel in
 * Integrations settings, so it is checked again here. In a DM the user manages their own DM.
 * From a user install in a server without the bot, nothing is looked up: the bot can reach no
 * channel there, and the reader is told that subscribing needs the server install.
 */
export function createDiscordChatAccess(interaction: CommandInteraction): ChatAccess {
	return {
		isChatReference: (text) => discordChannelReference.test(text),
		resolveTarget: async (reference, purpose) => {
			if (!interaction.inGuild()) return resolveInDm(interaction, reference);
			if (!installReachOf(interaction).botPresent) return { ok: false, failure: failure('server-install-needed', {}) };
			return resolveInGuild(interaction, reference, purpose);
		},
		listScope: () => (interaction.guildId ? { platform: 'discord', communityId: interaction.guildId } : { platform: 'discord', chatId: interaction.channelId ?? interaction.user.id }),
	};
}

async function resolveInGuild(interaction: CommandInteraction, reference: string | undefined, purpose: TargetPurpose): Promise<TargetResolution> {
	const guild = interaction.guild ?? (interaction.guildId ? interaction.client.guilds.cache.get(interaction.guildId) : undefined);
	const channel = guild ? forumOfPost(guild, await findChannel(guild, reference ?? interaction.channelId ?? ''), reference) : undefined;
	if (!guild || !channel) return { ok: false, failure: failure('target-not-found', { reference: reference ?? 'this channel' }) };
	const label = `<#${channel.id}>`;
	if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) return { ok: false, failure: failure('not-admin', { where: label }) };
	if (!postableTypes.has(channel.type)) return { ok: false, failure: failure('cannot-post', { where: label, reason: 'not-text-channel' }) };
	if (purpose !== 'manage') {
		const missing = await missingPermissions(guild, channel, neededIn(channel, purpose));
		if (missing.length > 0) return { ok: false, failure: failure('cannot-post', { where: label, reason: 'missing-permissions', permissions: missing }) };
	}
	// A thread is a channel of its own on Discord: posts go to the thread's id, not the parent's.
	return { ok: true, resolved: { target: { platform: 'discord', chatId: channel.id }, kind: 'community-channel', communityId: guild.id, label } };
}

async function resolveInDm(interaction: CommandInteraction, reference: string | undefined): Promise<TargetResolution> {
	const dmChannelId = interaction.channelId;
	// A group DM cannot receive posts from a bot that is not in it; a server channel named from a DM cannot be checked against the user's roles.
	if (interaction.context === InteractionContextType.PrivateChannel || !dmChannelId) {
		return { ok: false, failure: failure('cannot-post', { where: 'this conversation', reason: 'dm-only' }) };
	}
	if (reference !== undefined && parseChannelId(reference) !== dmChannelId) return { ok: false, failure: failure('target-not-found', { reference }) };
	return { ok: true, resolved: { target: { platform: 'discord', chatId: dmChannelId }, kind: 'private', label: 'this DM' } };
}

/** A channel option arrives as an id; typed text may say `<#id>` or `#name`. Only this server's channels count. */
async function findChannel(guild: Guild, reference: string): Promise<GuildBasedChannel | undefined> {
	const byName = /^#(.+)$/.exec(reference.trim());
	if (byName) return guild.channels.cache.find((candidate) => candidate.name === byName[1] && postableTypes.has(candidate.type));
	const id = parseChannelId(reference);
	if (!id) return undefined;
	const cached = guild.channels.cache.get(id);
	if (cached) return cached;
	try {
		// Not cached: a private thread the bot was never told about, for instance.
		const fetched = await guild.client.channels.fetch(id);
		return fetched && !fetched.isDMBased() && fetched.guildId === guild.id ? fetched : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A slash command cannot be sent in a forum itself, only inside one of its posts: a command
 * sent there without naming a channel means the forum, which then gets a post per issue. A
 * post named outright stays a thread subscription.
 */
function forumOfPost(guild: Guild, channel: GuildBasedChannel | undefined, reference: string | undefined): GuildBasedChannel | undefined {
	if (reference !== undefined || !channel?.isThread() || !channel.parentId) return channel;
	const parent = guild.channels.cache.get(channel.parentId);
	return parent && (parent.type === ChannelType.GuildForum || parent.type === ChannelType.GuildMedia) ? parent : channel;
}

function parseChannelId(reference: string): string | undefined {
	return /^(?:<#)?(\d{17,20})>?$/.exec(reference.trim())?.[1];
}

/** The permissions the bot lacks in the channel (worded as Discord's settings name them, in the reader's language). */
async function missingPermissions(guild: Guild, channel: GuildBasedChannel, needs: readonly PermissionNeed[]): Promise<PermissionName[]> {
	let me = guild.members.me;
	if (!me) {
		try {
			me = await guild.members.fetchMe();
		} catch {
			return needs.map((need) => need.name);
		}
	}
	const permissions = channel.permissionsFor(me);
	return needs.filter((need) => !permissions.has(need.flag)).map((need) => need.name);
}
