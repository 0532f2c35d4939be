import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { snowflake, userPayload, type FakeIdentity } from './discord-payloads.js';

/** A permission overwrite as Discord sends it: `type` 0 is a role, 1 a member. */
export interface FakeOverwrite {
	readonly id: string;
	readonly type: 0 | 1;
	readonly allow: string;
	readonly deny: string;
}

/** A channel or thread of the fake server. */
export interface FakeChannel {
	readonly id: string;
	readonly name: string;
	readonly type: ChannelType;
	/** The channel a thread belongs to. */
	readonly parentId?: string;
	readonly overwrites: FakeOverwrite[];
	/** A forum's or media channel's tags (`available_tags`). */
	readonly tags?: readonly FakeForumTag[];
}

/** A forum tag as Discord sends it in `available_tags`; applying a moderated one needs Manage Threads. */
export interface FakeForumTag {
	readonly id: string;
	readonly name: string;
	readonly moderated: boolean;
}

const threadTypes: readonly ChannelType[] = [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread];

/** What the bot's own role grants unless a test takes something away: enough to post embeds anywhere. */
export const botRolePermissions =
	PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ReadMessageHistory;

/** What @everyone may do on the fake server: ordinary member rights, no Manage Channels. */
export const everyonePermissions = 2_248_473_465_835_073n;

/** A member who may subscribe channels (`memberPermissions` of an interaction). */
export const managerPermissions = everyonePermissions | PermissionFlagsBits.ManageChannels;

/**
 * The fake server's channels, threads, roles and the bot's membership, kept so that
 * GUILD_CREATE, `GET /channels/:id` and interaction payloads agree, and discord.js can compute
 * `channel.permissionsFor(botMember)` from real overwrites.
 * https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
export class FakeGuild {
	public readonly channels = new Map<string, FakeChannel>();
	public readonly botRoleId = snowflake();

	/** The bot, user and application of the fake, with this server's guild and first channel ids. */
	public constructor(public readonly identity: FakeIdentity) {
		this.channels.set(identity.channelId, { id: identity.channelId, name: 'channel-0', type: ChannelType.GuildText, overwrites: [] });
	}

	/** Adds a text channel (or announcement channel) known from the next GUILD_CREATE on. */
	public addChannel(name: string, type: ChannelType = ChannelType.GuildText): FakeChannel {
		const channel: FakeChannel = { id: snowflake(), name, type, overwrites: [] };
		this.channels.set(channel.id, channel);
		return channel;
	}

	/** Adds a forum (or media) channel with tags of these names, known from the next GUILD_CREATE on. */
	public addForum(name: string, tagNames: readonly string[] = [], type: ChannelType.GuildForum | ChannelType.GuildMedia = ChannelType.GuildForum): FakeChannel {
		const tags = tagNames.map((tagName) => ({ id: snowflake(), name: tagName, moderated: false }));
		const channel: FakeChannel = { id: snowflake(), name, type, overwrites: [], tags };
		this.channels.set(channel.id, channel);
		return channel;
	}

	public addThread(parentId: string, name: string, type: ChannelType = ChannelType.PublicThread): FakeChannel {
		const thread: FakeChannel = { id: snowflake(), name, type, parentId, overwrites: [] };
		this.channels.set(thread.id, thread);
		return thread;
	}

	/**
	 * A forum's new tags (`PATCH /channels/{forum}` with `available_tags`): kept ones by id, new
	 * ones (no id) get one. Answers why Discord would refuse, or undefined once done.
	 * https://discord.com/developers/docs/resources/channel#modify-channel
	 */
	public setForumTags(channelId: string, tags: readonly { id?: string; name?: string; moderated?: boolean }[]): string | undefined {
		const channel = this.channels.get(channelId);
		if (!channel?.tags) return 'available_tags: only forum and media channels have tags';
		if (tags.length > 20) return 'available_tags: at most 20';
		const known = new Map(channel.tags.map((tag) => [tag.id, tag]));
		const next: FakeForumTag[] = [];
		for (const tag of tags) {
			const name = tag.name ?? (tag.id ? known.get(tag.id)?.name : undefined) ?? '';
			if (name.length < 1 || name.length > 20) return 'available_tags: a name is 1 to 20 characters';
			if (tag.id !== undefined && !known.has(tag.id)) return `available_tags: ${tag.id} is not a tag of this forum`;
			next.push({ id: tag.id ?? snowflake(), name, moderated: tag.moderated ?? false });
		}
		this.channels.set(channelId, { ...channel, tags: next });
		return undefined;
	}

	/** Takes permissions from the bot in one channel, as a member overwrite would. */
	public denyBot(channelId: string, deny: bigint): void {
		const channel = this.channels.get(channelId);
		if (!channel) throw new Error(`no channel ${channelId}`);
		channel.overwrites.push({ id: this.identity.botUserId, type: 1, allow: '0', deny: String(deny) });
	}

	public isThread(channel: FakeChannel): boolean {
		return threadTypes.includes(channel.type);
	}

	/** The channel as `GET /channels/:id`, CHANNEL_DELETE and THREAD_DELETE carry it. */
	public channelPayload(channel: FakeChannel, position = 0) {
		const { guildId } = this.identity;
		if (this.isThread(channel)) {
			return {
				id: channel.id,
				type: channel.type,
				guild_id: guildId,
				name: channel.name,
				parent_id: channel.parentId ?? null,
				owner_id: this.identity.userId,
				thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
				member_count: 1,
				message_count: 0,
			};
		}
		const forum = channel.tags ? { available_tags: channel.tags.map((tag) => ({ ...tag, emoji_id: null, emoji_name: null })), default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 } : {};
		return { id: channel.id, type: channel.type, guild_id: guildId, name: channel.name, position, permission_overwrites: channel.overwrites, nsfw: false, parent_id: null, ...forum };
	}

	/** A channel as an interaction's `resolved.channels` carries it: partial, with the invoker's permissions. */
	public resolvedChannel(channelId: string, permissions: string) {
		const channel = this.channels.get(channelId);
		if (!channel) return { id: channelId, type: ChannelType.GuildText, name: 'unknown', permissions };
		return { id: channel.id, type: channel.type, name: channel.name, parent_id: channel.parentId ?? null, guild_id: this.identity.guildId, permissions };
	}

	/** The bot as a member: GUILD_CREATE includes the current user, and discord.js caches it as `guild.members.me`. */
	public botMember() {
		return { user: userPayload(this.identity.botUserId, 'digestbot', true), roles: [this.botRoleId], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null };
	}

	public payload() {
		const { identity } = this;
		const all = [...this.channels.values()];
		return {
			id: identity.guildId,
			name: 'Fake Guild',
			icon: null,
			owner_id: identity.userId,
			unavailable: false,
			member_count: 2,
			large: false,
			joined_at: new Date().toISOString(),
			features: [],
			roles: [
				{ id: identity.guildId, name: '@everyone', permissions: String(everyonePermissions), position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
				{ id: this.botRoleId, name: 'digestbot', permissions: String(botRolePermissions), position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0 },
			],
			channels: all.filter((channel) => !this.isThread(channel)).map((channel, position) => this.channelPayload(channel, position)),
			threads: all.filter((channel) => this.isThread(channel)).map((channel) => this.channelPayload(channel)),
			members: [this.botMember()],
			emojis: [],
			stickers: [],
			voice_states: [],
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			premium_tier: 0,
			preferred_locale: 'en-US',
			system_channel_id: null,
			afk_channel_id: null,
			afk_timeout: 300,
			verification_level: 0,
			default_message_notifications: 0,
			explicit_content_filter: 0,
			mfa_level: 0,
			nsfw_level: 0,
		};
	}
}
