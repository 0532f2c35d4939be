import type { APIGuildForumTag, RESTPostAPIGuildForumThreadsJSONBody } from 'discord.js';
import { truncate } from './discord-limits.js';

/** Discord's limits on a forum post: its title, the tags one post may carry, a forum's tags and a tag's name. */
export const forumPostLimits = { name: 100, appliedTags: 5, forumTags: 20, tagName: 20 } as const;

/** What a new issue's post in a forum needs: its title, its sections, and the first message. */
export interface ForumPostInput {
	readonly title: string;
	readonly sections: readonly string[];
	/** The first message's body (a Components V2 card or the embed form). */
	readonly message: RESTPostAPIGuildForumThreadsJSONBody['message'];
}

/**
 * The body of `POST /channels/{forum}/threads` for one issue: titled with the issue's title
 * (cut to 100 characters), with the forum's existing tags whose names match the issue's
 * sections. Tags are only matched here, never created: a forum's tags are its admins' choice
 * (forum-delivery.ts creates them first when a subscription asked for it).
 */
export function forumPostBody(input: ForumPostInput, forumTags: readonly Pick<APIGuildForumTag, 'id' | 'name' | 'moderated'>[], canManageThreads: boolean, requireTag = false): RESTPostAPIGuildForumThreadsJSONBody {
	// A moderated tag can only be applied by a member with Manage Threads.
	const usable = forumTags.filter((tag) => canManageThreads || !tag.moderated);
	const matching = matchingTags(input.sections, usable);
	// A forum that requires a tag refuses a post without one (code 40067): rather than lose the
	// issue, it gets the forum's first tag the bot may apply.
	const chosen = matching.length === 0 && requireTag ? usable.slice(0, 1) : matching;
	const appliedTags = chosen.slice(0, forumPostLimits.appliedTags).map((tag) => tag.id);
	return { name: truncate(input.title.replace(/\s+/g, ' ').trim() || 'Issue', forumPostLimits.name), message: input.message, ...(appliedTags.length > 0 ? { applied_tags: appliedTags } : {}) };
}

/**
 * The sections no tag of the forum matches, as names for new tags (cut to 20 characters), in
 * order and without repeats, as many as the forum has room for (20 tags a forum).
 */
export function sectionsWithoutTag(sections: readonly string[], forumTags: readonly Pick<APIGuildForumTag, 'name'>[]): string[] {
	const room = forumPostLimits.forumTags - forumTags.length;
	const missing = new Map<string, string>();
	for (const section of sections) {
		const name = truncate(section.replace(/\s+/g, ' ').trim(), forumPostLimits.tagName);
		// A long section's tag is its name cut short, which the section no longer matches: compare the cut name too.
		if (name === '' || matchingTags([section], forumTags).length > 0 || forumTags.some((tag) => fold(tag.name) === fold(name)) || missing.has(fold(name))) continue;
		missing.set(fold(name), name);
	}
	return [...missing.values()].slice(0, Math.max(0, room));
}

/** The tags whose name is a section's title or a word of it, case and accents aside ("AI" matches "AI & Research"). */
function matchingTags<T extends Pick<APIGuildForumTag, 'name'>>(sections: readonly string[], tags: readonly T[]): T[] {
	const sectionWords = sections.map((section) => new Set([fold(section), ...fold(section).split(/[^\p{L}\p{N}]+/u).filter(Boolean)]));
	return tags.filter((tag) => sectionWords.some((words) => words.has(fold(tag.name))));
}

function fold(value: string): string {
	return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
