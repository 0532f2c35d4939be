import MiniSearch from 'minisearch';
import type { Issue } from '../model/issue.js';
import { passagesOfIssue } from './passage.js';

/** Where a passage is, as the index keeps it: the words themselves are read back from the archive. */
export interface PassageHit {
	readonly issueId: string;
	readonly date: string | null;
	readonly storyNumber: number;
	readonly ordinal: number;
	readonly score: number;
}

/** Inclusive YYYY-MM-DD bounds. */
export interface DateRange {
	readonly from: string;
	readonly to: string;
}

interface PassageDocument {
	id: string;
	issueId: string;
	date: string;
	storyNumber: number;
	ordinal: number;
	title: string;
	text: string;
}

/**
 * Words of a question that say nothing about its subject. Questions are matched with OR (a
 * question has words no passage holds: "what did … release"), so these would otherwise match
 * everything.
 */
const stopWords = new Set(
	(
		'a an and are as at be by for from has have in into is it its of on or that the their this to was were will with ' +
		'what which who whom whose when where why how did does do done about tell me us any some there these those was ' +
		'happened happen news story stories week month today latest recent issue digest say said'
	).split(' '),
);

function keepTerm(term: string): string | null {
	const lower = term.toLowerCase();
	return lower.length < 2 || stopWords.has(lower) ? null : lower;
}

/**
 * Full-text search over passages (story paragraphs and list items) of every issue, ranked by
 * BM25 like the story index (src/archive/search-index.ts), with story titles boosted so a
 * passage of the story a question names outranks a passing mention elsewhere.
 */
export class PassageIndex {
	private readonly index = new MiniSearch<PassageDocument>({
		fields: ['title', 'text'],
		storeFields: ['issueId', 'date', 'storyNumber', 'ordinal'],
		processTerm: keepTerm,
		searchOptions: {
			boost: { title: 2 },
			prefix: (term) => term.length >= 4,
			fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
			maxFuzzy: 2,
			combineWith: 'OR',
		},
	});

	private readonly idsByIssue = new Map<string, string[]>();

	/** Indexes an issue's passages, replacing what was indexed for it before. */
	public replace(issue: Issue): void {
		this.remove(issue.id);
		const documents = passagesOfIssue(issue).map(
			(passage): PassageDocument => ({
				id: `${issue.id}#${passage.storyNumber}#${passage.ordinal}`,
				issueId: issue.id,
				date: issue.date ?? '',
				storyNumber: passage.storyNumber,
				ordinal: passage.ordinal,
				title: passage.storyTitle,
				text: passage.text,
			}),
		);
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

	public get size(): number {
		return this.index.documentCount;
	}

	/**
	 * Best passages first. Scores within about 2 % of each other count as a tie, and a tie goes to
	 * the newer issue: the same story repeated across issues should be quoted from the latest.
	 */
	public search(query: string, limit: number, range?: DateRange): PassageHit[] {
		const results = this.index.search(query, range ? { filter: (result) => inRange(result.date as string, range) } : {});
		return results
			.map((result) => ({
				issueId: result.issueId as string,
				date: (result.date as string) || null,
				storyNumber: result.storyNumber as number,
				ordinal: result.ordinal as number,
				score: result.score,
			}))
			.sort((a, b) => tieBucket(b.score) - tieBucket(a.score) || (b.date ?? '').localeCompare(a.date ?? '') || b.score - a.score)
			.slice(0, limit);
	}
}

function tieBucket(score: number): number {
	return Math.round(Math.log(Math.max(score, 1e-9)) * 50);
}

function inRange(date: string, range: DateRange): boolean {
	return date !== '' && date >= range.from && date <= range.to;
}
