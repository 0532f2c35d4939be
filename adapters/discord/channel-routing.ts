import type { REST, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import type { ChannelDirectory } from './channel-directory.js';
import { createCrosspostFollowUp } from './crosspost.js';
import { forumPostMeta, startForumPost, type ForumPostMeta } from './forum-delivery.js';

export interface ChannelRoutingDeps<Message extends object> {
	readonly rest: REST;
	readonly directory: ChannelDirectory;
	/** The body of a new message, as the transport sends one (a forum post's first message is one). */
	readonly bodyOf: (message: Message) => RESTPostAPIChannelMessageJSONBody;
}

/**
 * The transport as forums and announcement channels need it, around the one that renders and
 * posts messages:
 * - the first message of a post to a forum or media channel starts a new post (a thread) titled
 *   with the issue, and the post's later messages follow it into that thread (`movedTo`), so the
 *   post is recorded as the thread and its message ids, and a correction edits the thread's first
 *   message in place;
 * - a post to an announcement channel is crossposted, a follow-up the core paces by its own limit.
 * Everything else (rendering, text channels, threads, DMs, edits) is the wrapped transport's.
 */
export function routeByChannelShape<Message extends object>(base: DeliveryTransport<Message>, deps: ChannelRoutingDeps<Message>): DeliveryTransport<Message> {
	const { rest, directory, bodyOf } = deps;
	/** A post's title and sections, by its first part's payload (renderings are cached per content, so payloads are stable). */
	const metaOf = new WeakMap<Message, ForumPostMeta>();
	return {
		...base,
		render(delivery, content, posted) {
			const parts = base.render(delivery, content, posted);
			const first = parts[0]?.payload;
			if (first && !metaOf.has(first)) metaOf.set(first, forumPostMeta(content));
			return parts;
		},
		async sendPart(delivery, chatId, payload, continuation) {
			if (continuation || delivery.subscription.kind === 'private') return base.sendPart(delivery, chatId, payload, continuation);
			const shape = await directory.shapeOf(chatId);
			if (shape.kind !== 'forum') return base.sendPart(delivery, chatId, payload, continuation);
			const threadId = await startForumPost(rest, directory, {
				forumId: chatId,
				tags: shape.tags,
				requireTag: shape.requireTag,
				meta: metaOf.get(payload) ?? { title: delivery.issueId, sections: [] },
				message: bodyOf(payload),
				createTags: delivery.subscription.sectionTags === true,
			});
			// The first message of a forum post has the thread's id.
			return { id: threadId, movedTo: threadId };
		},
		followUp: createCrosspostFollowUp(rest, directory),
	};
}
