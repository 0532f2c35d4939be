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

export interface FakeIdentity {
	readonly applicationId: string;
	readonly botUserId: string;
	readonly guildId: string;
	readonly channelId: string;
	readonly userId: string;
}

export function createIdentity(): FakeIdentity {
	return { applicationId: snowflake(), botUserId: snowflake(), guildId: snowflake(), channelId: snowflake(), userId: snowflake() };
}

export function userPayload(id: string, username: string, bot = false) {
	return { id, username, discriminator: '0', global_name: username, avatar: null, bot, flags: 0, public_flags: 0 };
}

export function guildPayload(identity: FakeIdentity, channelIds: readonly string[]) {
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
		roles: [{ id: identity.guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
		channels: channelIds.map((id, position) => ({ id, type: 0, guild_id: identity.guildId, name: `channel-${position}`, position, permission_overwrites: [], nsfw: false, parent_id: null })),
		threads: [],
		members: [],
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

export type InteractionOptionPayload = { readonly name: string; readonly type: number; readonly value: string | number; readonly focused?: boolean };

/** Where an interaction happens: a server channel (as a member) or a DM (as a user). */
export interface InteractionPlace {
	readonly dm?: boolean;
}

/** The common envelope of every INTERACTION_CREATE. `entitlements` is required: discord.js maps over it. */
export function interactionEnvelope(identity: FakeIdentity, type: number, data: object, place: InteractionPlace = {}, extra: object = {}) {
	const user = userPayload(identity.userId, 'reader');
	const where = place.dm
		? { user, channel_id: identity.userId, channel: { id: identity.userId, type: 1, recipients: [user] }, context: 1 }
		: {
				guild_id: identity.guildId,
				channel_id: identity.channelId,
				channel: { id: identity.channelId, type: 0, guild_id: identity.guildId, name: 'channel-0' },
				member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: '2248473465835073', nick: null, avatar: null },
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
		locale: 'en-US',
		app_permissions: '2248473465835073',
		entitlements: [],
		authorizing_integration_owners: { '0': identity.guildId },
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
