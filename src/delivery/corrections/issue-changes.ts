import { z } from 'zod';
import type { Issue, Story } from '../../model/issue.js';
import { contentDigest } from '../../content/content-digest.js';

/** What the correction planner remembers of the revision subscribers last received: enough to say what changed, not the issue itself. */
export const issueBaselineSchema = z.object({
	revision: z.string(),
	/** A digest of everything that is not a story (title, lead, sections' intros). */
	frame: z.string(),
	stories: z.array(z.object({ number: z.number(), title: z.string(), url: z.string().optional(), digest: z.string() })),
});
export type IssueBaseline = z.infer<typeof issueBaselineSchema>;

/** What a correction names: stories by title, and whether anything besides the stories changed. */
export const issueChangesSchema = z.object({
	changed: z.array(z.string()),
	added: z.array(z.string()),
	removed: z.array(z.string()),
	/** The title, the lead or a section's intro changed. */
	frame: z.boolean(),
	/** No baseline was kept (an issue posted before corrections existed): the change is unknown. */
	unknown: z.boolean().optional(),
});
export type IssueChanges = z.infer<typeof issueChangesSchema>;

/** Revisions of the issue objects seen lately: a correction checks its issue's on every job. */
const revisions = new WeakMap<Issue, string>();

/** The content revision: the same issue content always gives the same id, so a republish of it maps to the same correction. */
export function issueRevision(issue: Issue): string {
	let revision = revisions.get(issue);
	if (revision === undefined) revisions.set(issue, (revision = contentDigest(issue)));
	return revision;
}

export function issueBaseline(issue: Issue): IssueBaseline {
	const { stories, sources: _sources, ...frame } = issue;
	return {
		revision: issueRevision(issue),
		frame: contentDigest({ title: frame.title, lead: frame.lead, sections: frame.sections }),
		stories: stories.map((story) => ({ number: story.number, title: story.title, ...(story.url ? { url: story.url } : {}), digest: contentDigest(storyContent(story)) })),
	};
}

/** A story's text as a reader sees it; its number is left out, so a story moved down by an insertion is not "changed". */
function storyContent(story: Story): unknown {
	const { number: _number, citations: _citations, ...content } = story;
	return content;
}

/**
 * The stories that changed between two revisions. A story is the same story when its link or
 * its title is the same; failing both, the one at the same number (a typo fixed in a title of a
 * story without a link).
 */
export function diffIssues(before: IssueBaseline | undefined, after: IssueBaseline): IssueChanges {
	if (!before) return { changed: [], added: [], removed: [], frame: false, unknown: true };
	const unmatched = new Set(before.stories);
	const changed: string[] = [];
	const added: string[] = [];
	const take = (test: (old: IssueBaseline['stories'][number]) => boolean) => {
		for (const old of unmatched) {
			if (test(old)) {
				unmatched.delete(old);
				return old;
			}
		}
		return undefined;
	};
	const pending: IssueBaseline['stories'] = [];
	for (const story of after.stories) {
		const old = take((candidate) => (story.url !== undefined && candidate.url === story.url) || candidate.title === story.title);
		if (old) {
			if (old.digest !== story.digest) changed.push(story.title);
		} else pending.push(story);
	}
	for (const story of pending) {
		const old = take((candidate) => candidate.number === story.number);
		if (old) changed.push(story.title);
		else added.push(story.title);
	}
	return { changed, added, removed: [...unmatched].map((story) => story.title), frame: before.frame !== after.frame };
}
