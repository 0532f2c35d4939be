import { Routes, type APIChannel, type APIGuildForumTag, type REST, type RESTPatchAPIChannelJSONBody, type RESTPostAPIGuildForumThreadsJSONBody } from 'discord.js';
import type { Block } from '../../src/content/block.js';
import { plainText } from '../../src/content/span.js';
import type { ChannelDirectory } from './channel-directory.js';
import { toDeliveryError } from './discord-delivery-errors.js';
import { forumPostBody, sectionsWithoutTag } from './forum-post.js';

/** What a forum post is titled and tagged with, read from the neutral blocks. */
export interface ForumPostMeta {
	readonly title: string;
	readonly sections: readonly string[];
}

/**
 * The title (the first top-level heading: the title, without its date; else the first
 * paragraph's first words) and the section
 * names of a post's content: `full` posts head each section, the shorter formats name a story's
 * section in its card's footer (its first part, before " · ").
 */
export function forumPostMeta(content: readonly Block[]): ForumPostMeta {
	let title = '';
	const sections = new Set<string>();
	for (const block of content) {
		if (block.type === 'heading' && block.level === 1 && title === '') title = block.spans[0]?.text ?? plainText(block.spans);
		else if (block.type === 'heading' && block.level === 2) sections.add(plainText(block.spans).trim());
		else if (block.type === 'card' && block.story && block.footer) sections.add(block.footer.split(' · ')[0]?.trim() ?? '');
	}
	sections.delete('');
	// A correction post has no heading: its bold first words ("Correction: …") title it.
	if (title === '') title = content.find((block) => block.type === 'paragraph')?.spans[0]?.text ?? '';
	return { title, sections: [...sections] };
}

export interface ForumPostRequest {
	readonly forumId: string;
	readonly tags: readonly APIGuildForumTag[];
	/** The forum refuses posts without a tag. */
	readonly requireTag: boolean;
	readonly meta: ForumPostMeta;
	readonly message: RESTPostAPIGuildForumThreadsJSONBody['message'];
	/** `/settings tags on`: create the tags the forum lacks (the admin's check found Manage Threads). */
	readonly createTags: boolean;
}

/**
 * Starts one issue's post in a forum or media channel (`POST /channels/{forum}/threads`) and
 * returns the thread's id, which is also its first message's id. The forum's tags matching the
 * issue's sections are applied; missing ones are created first only when the subscription asked
 * for it, and a refusal to create them costs the tags, never the post.
 * https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 */
export async function startForumPost(rest: REST, directory: ChannelDirectory, request: ForumPostRequest): Promise<string> {
	const tags = request.createTags ? await createMissingTags(rest, directory, request) : request.tags;
	try {
		const thread = (await rest.post(Routes.threads(request.forumId), { body: forumPostBody({ title: request.meta.title, sections: request.meta.sections, message: request.message }, tags, request.createTags, request.requireTag) })) as APIChannel;
		return thread.id;
	} catch (error) {
		throw toDeliveryError(error);
	}
}

/** Adds a tag for each section the forum has none for (`PATCH /channels/{forum}`), keeping every existing tag as it is. */
async function createMissingTags(rest: REST, directory: ChannelDirectory, request: ForumPostRequest): Promise<readonly APIGuildForumTag[]> {
	const missing = sectionsWithoutTag(request.meta.sections, request.tags);
	if (missing.length === 0) return request.tags;
	const body: RESTPatchAPIChannelJSONBody = {
		available_tags: [...request.tags.map(({ id, name, moderated, emoji_id, emoji_name }) => ({ id, name, moderated, emoji_id, emoji_name })), ...missing.map((name) => ({ name }))],
	};
	try {
		const forum = (await rest.patch(Routes.channel(request.forumId), { body })) as APIChannel;
		const tags = 'available_tags' in forum && forum.available_tags ? forum.available_tags : request.tags;
		directory.remember(request.forumId, { kind: 'forum', tags, requireTag: request.requireTag });
		return tags;
	} catch {
		// Permission taken away since `/settings tags on`, or the forum full: post with the tags it has.
		return request.tags;
	}
}
