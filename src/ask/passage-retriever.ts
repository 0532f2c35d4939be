import { setImmediate } from 'node:timers/promises';
import type { Archive } from '../archive/archive.js';
import type { Issue } from '../model/issue.js';
import { passagesOfStory, type Passage } from './passage.js';
import { PassageIndex, type DateRange } from './passage-index.js';
import { parseQuestionDates } from './question-dates.js';

/** What a question found. */
export interface Retrieval {
	readonly passages: readonly Passage[];
	/** The dates the question named, when it named any. */
	readonly range?: DateRange;
	/** The question's subject words, dates taken out. */
	readonly topic: string;
}

export interface PassageRetriever {
	/** The best passages for a question: from every publication, or from the one whose slug is given. */
	retrieve(question: string, limit: number, publication?: string): Retrieval;
	/**
	 * Builds the index in the background, a few issues per turn of the event loop, so that the
	 * first question neither waits for it nor stalls every other chat while a large archive is
	 * indexed (seconds for a thousand issues). A question asked before it ends finishes the rest.
	 */
	warmUp(): Promise<void>;
}

/** Issues indexed per turn of the event loop while warming up: a few milliseconds of work. */
const issuesPerTurn = 20;

/**
 * Passages of the whole archive, kept in step with ingest: the index is built by `warmUp` or on
 * the first question, whichever comes first, and every issue added or updated afterwards
 * replaces its passages at once.
 */
export function createPassageRetriever(archive: Archive): PassageRetriever {
	let index: PassageIndex | undefined;
	// While warming up: the index being filled and the issues still to add to it.
	let warming: { readonly index: PassageIndex; readonly pending: Issue[] } | undefined;
	archive.onIssue(({ issue }) => {
		if (warming) {
			// A newer version than the one waiting: index it now, and drop the older one still pending.
			const at = warming.pending.findIndex((candidate) => candidate.id === issue.id);
			if (at >= 0) warming.pending.splice(at, 1);
		}
		(index ?? warming?.index)?.replace(issue);
	});
	const finish = (): PassageIndex => {
		if (index) return index;
		const built = warming?.index ?? new PassageIndex();
		const pending = warming?.pending ?? archive.list().map((entry) => entry.issue);
		while (pending.length > 0) built.replace(pending.shift()!);
		warming = undefined;
		index = built;
		return built;
	};

	return {
		async warmUp() {
			if (index || warming) return;
			warming = { index: new PassageIndex(), pending: archive.list().map((entry) => entry.issue) };
			while (warming && warming.pending.length > 0) {
				for (const issue of warming.pending.splice(0, issuesPerTurn)) warming.index.replace(issue);
				await setImmediate();
			}
			finish();
		},
		retrieve(question, limit, publication) {
			index ??= finish();
			// "This week" is the named publication's latest week, which need not be the archive's.
			const { topic, range } = parseQuestionDates(question, archive.latest(publication)?.date ?? undefined);
			if (!/[\p{L}\p{N}]/u.test(topic)) {
				// Only a date ("what happened this week?"): the stories of those issues, top stories first.
				return { passages: range ? leadPassages(archive, range, limit, publication) : [], topic, ...(range ? { range } : {}) };
			}
			const accepts = publication === undefined ? undefined : (issueId: string): boolean => archive.get(issueId)?.publication === publication;
			const passages: Passage[] = [];
			for (const hit of index.search(topic, limit, range, accepts)) {
				const story = archive.get(hit.issueId)?.issue.stories.find((candidate) => candidate.number === hit.storyNumber);
				const issue = archive.get(hit.issueId)?.issue;
				const passage = issue && story ? passagesOfStory(issue, story).find((candidate) => candidate.ordinal === hit.ordinal) : undefined;
				if (passage) passages.push(passage);
			}
			// "What happened this week?" names only a date once its question words are dropped.
			if (passages.length === 0 && range) return { passages: leadPassages(archive, range, limit, publication), topic, range };
			return { passages, topic, ...(range ? { range } : {}) };
		},
	};
}

/** The first passage of each story of the issues in range (of one publication, or all), newest issue first. */
function leadPassages(archive: Archive, range: DateRange, limit: number, publication: string | undefined): Passage[] {
	const out: Passage[] = [];
	for (const entry of archive.list(publication)) {
		if (!entry.date || entry.date < range.from || entry.date > range.to) continue;
		for (const story of entry.issue.stories) {
			const first = passagesOfStory(entry.issue, story)[0];
			if (first) out.push(first);
			if (out.length >= limit) return out;
		}
	}
	return out;
}
