import MiniSearch from 'minisearch';
import { plainText } from '../content/span.js';
import type { Issue, Story } from '../model/issue.js';

export interface SearchHit {
	readonly issueId: string;
	readonly storyNumber: number;
	readonly score: number;
}

interface StoryDocument {
	id: string;
	issueId: string;
	storyNumber: number;
	title: string;
	section: string;
	text: string;
}

/**
 * Full-text search over every story of the archive, ranked by BM25 with titles weighted
 * above bodies. Prefix and fuzzy matching forgive typos and partial words ("qwe", "anthropc").
 */
export class StorySearchIndex {
	private readonly index = new MiniSearch<StoryDocument>({
		fields: ['title', 'section', 'text'],
		storeFields: ['issueId', 'storyNumber'],
		processTerm: keepTerm,
		searchOptions: {
			boost: { title: 3, section: 1.5 },
			// Expanding short terms matches half the vocabulary and costs more than it finds.
			prefix: (term) => term.length >= 4,
			fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
			maxFuzzy: 2,
			combineWith: 'AND',
		},
	});

	private readonly idsByIssue = new Map<string, string[]>();

	/** Indexes an issue's stories, replacing what was indexed for it before. */
	public replace(issue: Issue): void {
		this.remove(issue.id);
		const documents = issue.stories.map((story) => toDocument(issue.id, story));
		this.index.addAll(documents);
		this.idsByIssue.set(
			issue.id,
			documents.map((document) => document.id),
		);
	}

	public remove(issueId: string): void {
		for (const id of this.idsByIssue.get(issueId) ?? []) this.index.discard(id);
		this.idsByIssue.delete(issueId);
	}

	/** `accepts` narrows the hits by issue (one publication) before the limit is taken, so a narrow search still fills its page. */
	public search(query: string, limit: number, accepts?: (issueId: string) => boolean): SearchHit[] {
		return this.index
			.search(query, accepts ? { filter: (result) => accepts(result.issueId as string) } : {})
			.slice(0, limit)
			.map((result) => ({ issueId: result.issueId as string, storyNumber: result.storyNumber as number, score: result.score }));
	}
}

/**
 * Words too common to tell stories apart. Dropping them keeps the index small and stops
 * "the" from matching every story in the archive.
 */
const stopWords = new Set(
	'a an and are as at be by for from has have in into is it its of on or that the their this to was were will with'.split(' '),
);

function keepTerm(term: string): string | null {
	const lower = term.toLowerCase();
	return lower.length < 2 || stopWords.has(lower) ? null : lower;
}

function toDocument(issueId: string, story: Story): StoryDocument {
	const parts: string[] = [];
	if (story.whyItMatters) parts.push(plainText(story.whyItMatters));
	for (const block of story.body) {
		if (block.type === 'paragraph') parts.push(plainText(block.spans));
		else for (const item of block.items) parts.push(plainText(item));
	}
	return {
		id: `${issueId}#${story.number}`,
		issueId,
		storyNumber: story.number,
		title: story.title,
		section: [story.section, story.subsection].filter(Boolean).join(' '),
		text: parts.join('\n'),
	};
}
