import { ChannelFlags, ChannelType, DiscordAPIError, Routes, type APIChannel, type APIGuildForumTag, type REST } from 'discord.js';
import { toDeliveryError } from './discord-delivery-errors.js';

/**
 * How a channel takes an issue: `forum` (a forum or media channel: a new post per issue, with
 * its tags), `announcement` (messages, each crossposted to the servers that follow it), or
 * `messages` (a text channel, a thread, a DM).
 */
export type ChannelShape = { readonly kind: 'forum'; readonly tags: readonly APIGuildForumTag[]; readonly requireTag: boolean } | { readonly kind: 'announcement' } | { readonly kind: 'messages' };

export interface ChannelDirectory {
	/**
	 * The channel's shape, from `GET /channels/{id}` at most once per `ttlMs`. A channel Discord
	 * refuses to show (404, 403) is taken for a plain one: the post itself then meets
	 * Discord's answer (gone, no access) and the worker's policy decides on that. Throws a
	 * `DeliveryError` when Discord is busy or away.
	 */
	shapeOf(channelId: string): Promise<ChannelShape>;
	/** What the bot itself just changed (a forum's tags), so the next post sees it without asking. */
	remember(channelId: string, shape: ChannelShape): void;
}

export interface ChannelDirectoryOptions {
	/** What the gateway already knows of a channel (its cache, kept current by CHANNEL_UPDATE); asked first, so a process with a gateway asks Discord nothing. */
	readonly cached?: (channelId: string) => ChannelShape | undefined;
	/** How long a shape is trusted: a channel can be converted (text ↔ announcement) and a forum's tags edited. */
	readonly ttlMs?: number;
	readonly now?: () => number;
}

/**
 * An hour: a broadcast asks each channel once (a request beside its post, so the first broadcast
 * of the hour takes up to twice the requests of the global limit's share), and an admin's
 * conversion or new tag is seen within the hour.
 */
const defaultTtlMs = 60 * 60_000;

/**
 * The shapes of the channels the transport posts to. Subscriptions name a channel id only (the
 * core knows no channel types), and a worker process may have no gateway cache, so the
 * transport asks Discord itself; concurrent questions about one channel share one request.
 */
export function createChannelDirectory(rest: REST, options: ChannelDirectoryOptions = {}): ChannelDirectory {
	const ttlMs = options.ttlMs ?? defaultTtlMs;
	const now = options.now ?? Date.now;
	const known = new Map<string, { readonly at: number; readonly shape: Promise<ChannelShape> }>();
	const fetchShape = async (channelId: string): Promise<ChannelShape> => {
		try {
			return shapeOfChannel((await rest.get(Routes.channel(channelId))) as APIChannel);
		} catch (error) {
			// Unknown or unreadable (a 4xx, kept like an answer): the post meets Discord's answer
			// itself. Busy or away (429, 5xx, network): nothing was posted yet, so the job is retried later.
			if (error instanceof DiscordAPIError && error.status < 500) return { kind: 'messages' };
			known.delete(channelId);
			throw toDeliveryError(error);
		}
	};
	return {
		shapeOf(channelId) {
			const cached = options.cached?.(channelId);
			if (cached) return Promise.resolve(cached);
			const entry = known.get(channelId);
			if (entry && now() - entry.at < ttlMs) return entry.shape;
			// Forget idle entries now and then: a broadcast to 100,000 channels must not stay in memory.
			if (known.size > 10_000) for (const [id, old] of known) if (now() - old.at >= ttlMs) known.delete(id);
			const shape = fetchShape(channelId);
			known.set(channelId, { at: now(), shape });
			return shape;
		},
		remember(channelId, shape) {
			known.set(channelId, { at: now(), shape: Promise.resolve(shape) });
		},
	};
}

/** A channel's shape from its API payload (`GET /channels/{id}`). */
export function shapeOfChannel(channel: APIChannel): ChannelShape {
	if (channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia) return { kind: 'forum', tags: channel.available_tags, requireTag: ((channel.flags ?? 0) & ChannelFlags.RequireTag) !== 0 };
	if (channel.type === ChannelType.GuildAnnouncement) return { kind: 'announcement' };
	return { kind: 'messages' };
}
