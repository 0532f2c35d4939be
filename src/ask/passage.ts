import { plainText, type Span } from '../content/span.js';
import type { Issue, Source, Story } from '../model/issue.js';

/**
 * One paragraph or list item of a story: the unit /ask retrieves and quotes. Whole stories are
 * too long to quote and to fit many of in a prompt; a paragraph is what answers a question.
 */
export interface Passage {
	readonly issueId: string;
	/** YYYY-MM-DD, or null for an undated issue. */
	readonly date: string | null;
	readonly storyNumber: number;
	readonly storyTitle: string;
	/** Position of the passage within its story, from 0 (the "why it matters" line when there is one). */
	readonly ordinal: number;
	/** The words, with the digest's own source marks ("[1, 2]") taken out: they mean nothing outside the issue. */
	readonly text: string;
	/** The sources the passage cited, resolved against the issue's Sources list. */
	readonly sources: readonly Source[];
}

const sourceMarks = /\s*\[\d+(?:\s*[,–-]\s*\d+)*\]/g;

/** Every passage of one story, in reading order. */
export function passagesOfStory(issue: Issue, story: Story): Passage[] {
	const pieces: (readonly Span[])[] = [];
	if (story.whyItMatters) pieces.push(story.whyItMatters);
	for (const block of story.body) {
		if (block.type === 'paragraph') pieces.push(block.spans);
		else pieces.push(...block.items);
	}
	const byNumber = new Map(issue.sources.map((source) => [source.number, source]));
	const passages: Passage[] = [];
	for (const spans of pieces) {
		const text = plainText(spans).replace(sourceMarks, '').replace(/\s+/g, ' ').trim();
		if (text === '') continue;
		const cited = [...new Set(spans.flatMap((span) => (span.cite === undefined ? [] : [span.cite])))];
		passages.push({
			issueId: issue.id,
			date: issue.date,
			storyNumber: story.number,
			storyTitle: story.title,
			ordinal: passages.length,
			text,
			sources: distinctSources(cited.flatMap((number) => byNumber.get(number) ?? [])),
		});
	}
	return passages;
}

/** Digests often cite one account under several numbers; a reader needs it once. */
function distinctSources(sources: readonly Source[]): Source[] {
	const seen = new Set<string>();
	return sources.filter((source) => {
		const key = source.url ?? source.label;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Every passage of an issue, story by story. */
export function passagesOfIssue(issue: Issue): Passage[] {
	return issue.stories.flatMap((story) => passagesOfStory(issue, story));
}

/**
 * The name of the publication an issue belongs to. Given only when the bot serves several
 * publications: answers then say which one each story is from; with one they read as before.
 */
export type PublicationNameOf = (issueId: string) => string | undefined;

/** How a passage's story is named to readers and to the model: `2026-03-03 · 3`. */
export function storyLabel(passage: Pick<Passage, 'date' | 'issueId' | 'storyNumber'>): string {
	return `${passage.date ?? passage.issueId} · ${passage.storyNumber}`;
}

/** The command that opens a passage's story. */
export function storyCommand(passage: Pick<Passage, 'issueId' | 'storyNumber'>): string {
	return `/story ${passage.storyNumber} ${passage.issueId}`;
}
