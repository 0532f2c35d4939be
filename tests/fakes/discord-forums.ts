/**
 * Forum posts and crossposts as the fake Discord answers them, checked as Discord checks them:
 * - `POST /channels/{forum}/threads` starts a post: a name of 1–100 characters, at most 5
 *   `applied_tags` that are the forum's own, and a first `message` valid on its own (Components
 *   V2 rules included). The post's first message has the thread's id, as on Discord.
 *   https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 * - `POST /channels/{channel}/messages/{message}/crosspost` publishes a message of an
 *   announcement channel to the servers that follow it, at most 10 per channel per hour.
 *   https://discord.com/developers/docs/resources/message#crosspost-message
 */
import { ChannelType } from 'discord.js';
import { componentsV2Problems } from './discord-components-v2.js';
import type { FakeChannel, FakeGuild } from './discord-guild.js';
import { createMessage, type FakeMessage } from './discord-messages.js';

type Answer = (status: number, payload?: unknown, headers?: Readonly<Record<string, string>>) => void;

/** Discord's bucket for crossposts: 10 per channel per hour. */
export const crosspostsPerHour = 10;
const crossposted = 1 << 0;

export interface ForumPost {
	readonly thread: FakeChannel;
	readonly message: FakeMessage;
	readonly appliedTags: readonly string[];
}

/** Starts a post in a forum or media channel, or answers why Discord would not. */
export function startForumPost(guild: FakeGuild, forum: FakeChannel, body: Record<string, unknown>, answer: Answer): ForumPost | undefined {
	if (forum.type !== ChannelType.GuildForum && forum.type !== ChannelType.GuildMedia) {
		answer(400, { message: 'Invalid Form Body', code: 50035, errors: ['message: only forum and media channels take posts with a message'] });
		return undefined;
	}
	const problems: string[] = [];
	const name = typeof body.name === 'string' ? body.name : '';
	if (name.length < 1 || name.length > 100) problems.push('name: must be 1 to 100 characters');
	const appliedTags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
	if (appliedTags.length > 5) problems.push('applied_tags: at most 5');
	const known = new Set((forum.tags ?? []).map((tag) => tag.id));
	for (const tag of appliedTags) if (!known.has(tag)) problems.push(`applied_tags: ${tag} is not a tag of this forum`);
	const message = body.message as Record<string, unknown> | undefined;
	if (!message || typeof message !== 'object') problems.push('message: required');
	else {
		problems.push(...componentsV2Problems(message).map((problem) => `message.${problem}`));
		const hasBody = (typeof message.content === 'string' && message.content !== '') || (Array.isArray(message.embeds) && message.embeds.length > 0) || (Array.isArray(message.components) && message.components.length > 0);
		if (!hasBody) problems.push('message: cannot send an empty message');
	}
	if (problems.length > 0) {
		answer(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
		return undefined;
	}
	const thread = guild.addThread(forum.id, name, ChannelType.PublicThread);
	const first = { ...createMessage(thread.id, message ?? {}), id: thread.id };
	return { thread, message: first, appliedTags };
}

/** Crossposts by channel: the times of the last hour's, for the 10-per-hour bucket. */
export class CrosspostBucket {
	private readonly times = new Map<string, number[]>();

	/** Publishes `message` of `channel`, or answers why Discord would not (wrong channel, twice, over the bucket). */
	public crosspost(channel: FakeChannel | undefined, message: FakeMessage | undefined, answer: Answer, now = Date.now()): boolean {
		if (!channel || !message || message.deleted) {
			answer(404, { message: 'Unknown Message', code: 10008 });
			return false;
		}
		if (channel.type !== ChannelType.GuildAnnouncement) {
			answer(403, { message: 'Cannot execute action on this channel type', code: 50024 });
			return false;
		}
		if ((message.flags & crossposted) !== 0) {
			answer(400, { message: 'This message has already been crossposted.', code: 40033 });
			return false;
		}
		const recent = (this.times.get(channel.id) ?? []).filter((at) => now - at < 3_600_000);
		if (recent.length >= crosspostsPerHour) {
			const retryAfter = (3_600_000 - (now - (recent[0] ?? now))) / 1000;
			answer(429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'shared' });
			return false;
		}
		recent.push(now);
		this.times.set(channel.id, recent);
		message.flags |= crossposted;
		return true;
	}

	/** Crossposts of `channelId` within the last hour. */
	public countFor(channelId: string, now = Date.now()): number {
		return (this.times.get(channelId) ?? []).filter((at) => now - at < 3_600_000).length;
	}
}
