import { createHash } from 'node:crypto';
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
	title: string;
	text: string;
}

/** Where one passage text appears: digests reprint a paragraph (a recurring item, a story carried over). */
interface Location {
	readonly issueId: string;
	readonly date: string | null;
	readonly storyNumber: number;
	readonly ordinal: number;
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
 *
 * A passage reprinted word for word in several issues is one document with several locations:
 * it is quoted once, from its newest issue (in the question's dates), and a search does not
 * score the same words once per issue.
 */
export class PassageIndex {
	private readonly index = new MiniSearch<PassageDocument>({
		fields: ['title', 'text'],
		processTerm: keepTerm,
		searchOptions: {
			boost: { title: 2 },
			prefix: (term) => term.length >= 4,
			fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
			maxFuzzy: 2,
			combineWith: 'OR',
		},
	});

	private readonly locations = new Map<string, Location[]>();
	private readonly keysByIssue = new Map<string, string[]>();

	/** Indexes an issue's passages, replacing what was indexed for it before. */
	public replace(issue: Issue): void {
		this.remove(issue.id);
		const keys: string[] = [];
		for (const passage of passagesOfIssue(issue)) {
			const key = createHash('sha1').update(passage.storyTitle).update('\n').update(passage.text).digest('base64url').slice(0, 16);
			const location: Location = { issueId: issue.id, date: issue.date, storyNumber: passage.storyNumber, ordinal: passage.ordinal };
			const existing = this.locations.get(key);
			if (existing) existing.push(location);
			else {
				this.locations.set(key, [location]);
				this.index.add({ id: key, title: passage.storyTitle, text: passage.text });
			}
			keys.push(key);
		}
		this.keysByIssue.set(issue.id, keys);
	}

	public remove(issueId: string): void {
		for (const key of new Set(this.keysByIssue.get(issueId) ?? [])) {
			const left = (this.locations.get(key) ?? []).filter((location) => location.issueId !== issueId);
			if (left.length > 0) this.locations.set(key, left);
			else {
				this.locations.delete(key);
				this.index.discard(key);
			}
		}
		this.keysByIssue.delete(issueId);
	}

	/** Distinct passage texts indexed. */
	public get size(): number {
		return this.index.documentCount;
	}

	/**
	 * Best passages first. Scores within about 2 % of each other count as a tie, and a tie goes to
	 * the newer issue. `accepts` narrows the issues (one publication) before the limit is taken,
	 * so a question about one publication still gets its full share of passages.
	 */
	public search(query: string, limit: number, range?: DateRange, accepts?: (issueId: string) => boolean): PassageHit[] {
		const hits: PassageHit[] = [];
		for (const result of this.index.search(query)) {
			const location = newestIn(this.locations.get(result.id as string) ?? [], range, accepts);
			if (location) hits.push({ ...location, score: result.score });
		}
		return hits
			.sort((a, b) => tieBucket(b.score) - tieBucket(a.score) || (b.date ?? '').localeCompare(a.date ?? '') || b.score - a.score)
			.slice(0, limit);
	}
}

function newestIn(locations: readonly Location[], range: DateRange | undefined, accepts: ((issueId: string) => boolean) | undefined): Location | undefined {
	let best: Location | undefined;
	for (const location of locations) {
		if (range && (!location.date || location.date < range.from || location.date > range.to)) continue;
		if (accepts && !accepts(location.issueId)) continue;
		if (!best || (location.date ?? '') > (best.date ?? '')) best = location;
	}
	return best;
}

function tieBucket(score: number): number {
	return Math.round(Math.log(Math.max(score, 1e-9)) * 50);
}
