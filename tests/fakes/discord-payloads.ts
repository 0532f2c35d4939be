/**
 * Builders for the JSON a Discord server sends, shaped as discord.js expects it. Kept apart
 * from the server so a test can read what an interaction looks like in one place.
 */

const discordEpoch = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh id that looks like a real snowflake (17–19 digits); discord.js parses timestamps from them. */
export function snowflake(): string {
	sequence = (sequence + 1n) & 0xfffn;
	return String(((BigInt(Date.now()) - discordEpoch) << 22n) | (1n << 17n) | sequence);
}

/** The shard Discord routes a guild's events to: https://discord.com/developers/docs/events/gateway#sharding */
export function shardOfGuild(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh snowflake whose guild would land on `shard` of `shardCount` (its timestamp moved back a few ms). */
export function snowflakeOnShard(shard: number, shardCount: number): string {
	const id = BigInt(snowflake());
	const offset = (BigInt(shardOfGuild(String(id), shardCount)) - BigInt(shard) + BigInt(shardCount)) % BigInt(shardCount);
	return String(id - (offset << 22n));
}

export interface FakeIdentity {
	readonly applicationId: string;
	readonly botUserId: string;
	readonly guildId: string;
	readonly channelId: string;
	readonly userId: string;
	/** The DM channel between the user and the bot: DMs are channels with their own id. */
	readonly dmChannelId: string;
}

export function createIdentity(): FakeIdentity {
	return { applicationId: snowflake(), botUserId: snowflake(), guildId: snowflake(), channelId: snowflake(), userId: snowflake(), dmChannelId: snowflake() };
}

export function userPayload(id: string, username: string, bot = false) {
	return { id, username, discriminator: '0', global_name: username, avatar: null, bot, flags: 0, public_flags: 0 };
}

export type InteractionOptionPayload = { readonly name: string; readonly type: number; readonly value: string | number | boolean; readonly focused?: boolean };

/** Where an interaction happens: a server channel (as a member) or a DM (as a user). */
export interface InteractionPlace {
	readonly dm?: boolean;
	/** The server channel or thread the command was used in (default: the identity's channel). */
	readonly channel?: { readonly id: string; readonly type: number; readonly name: string; readonly parent_id?: string | null };
	/** The member's permissions in that channel (default: @everyone's, without Manage Channels). */
	readonly memberPermissions?: bigint;
	/** A different user than the identity's (the id must be a snowflake). */
	readonly userId?: string;
	/** The user's client language, as Discord sends it in `locale` (default "en-US"). */
	readonly locale?: string;
	/** Another server of the fake (`FakeDiscordServer.addGuild`) than the identity's; `channel` defaults to its first channel. */
	readonly guild?: { readonly identity: FakeIdentity };
	/**
	 * The reader installed the app to their account and uses it where the bot is not a member:
	 * `authorizing_integration_owners` names the user (key "1"), and in a server the payload
	 * carries a server the bot never received (no GUILD_CREATE), as Discord sends it.
	 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-authorizing-integration-owners-object
	 */
	readonly userInstall?: boolean;
}

/** The common envelope of every INTERACTION_CREATE. `entitlements` is required: discord.js maps over it. */
export function interactionEnvelope(botIdentity: FakeIdentity, type: number, data: object, place: InteractionPlace = {}, extra: object = {}) {
	const identity = place.userInstall && !place.dm ? { ...botIdentity, guildId: snowflake(), channelId: snowflake() } : place.guild?.identity ?? botIdentity;
	const user = userPayload(place.userId ?? identity.userId, 'reader');
	const channel = place.channel ?? { id: identity.channelId, type: 0, name: 'channel-0' };
	const where = place.dm
		? { user, channel_id: identity.dmChannelId, channel: { id: identity.dmChannelId, type: 1, recipients: [user] }, context: place.userInstall ? 2 : 1 }
		: {
				guild_id: identity.guildId,
				channel_id: channel.id,
				channel: { ...channel, guild_id: identity.guildId },
				member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: String(place.memberPermissions ?? 2_248_473_465_835_073n), nick: null, avatar: null },
				guild_locale: 'en-US',
				context: 0,
			};
	return {
		id: snowflake(),
		application_id: identity.applicationId,
		type,
		data,
		token: `fake-interaction-token-${snowflake()}`,
		version: 1,
		locale: place.locale ?? 'en-US',
		app_permissions: '2248473465835073',
		entitlements: [],
		authorizing_integration_owners: place.userInstall ? { '1': user.id } : { '0': identity.guildId },
		...(place.userInstall && !place.dm ? { guild: { id: identity.guildId, locale: 'en-US', features: [] } } : {}),
		attachment_size_limit: 8_388_608,
		...where,
		...extra,
	};
}

/** A message as the REST API returns it; discord.js builds a Message from it. */
export function messagePayload(identity: FakeIdentity, channelId: string, id: string, body: Readonly<Record<string, unknown>>, webhook: boolean) {
	return {
		id,
		channel_id: channelId,
		type: webhook ? 20 : 0,
		author: userPayload(identity.botUserId, 'digestbot', true),
		content: typeof body.content === 'string' ? body.content : '',
		embeds: Array.isArray(body.embeds) ? body.embeds : [],
		components: Array.isArray(body.components) ? body.components : [],
		attachments: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		tts: false,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		flags: typeof body.flags === 'number' ? body.flags : 0,
		...(webhook ? { webhook_id: identity.applicationId, application_id: identity.applicationId } : {}),
	};
}
