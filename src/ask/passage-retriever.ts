import type { Archive } from '../archive/archive.js';
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
	retrieve(question: string, limit: number): Retrieval;
}

/**
 * Passages of the whole archive, kept in step with ingest: the index is built on the first
 * question (a bot nobody asks pays nothing for it) and every issue added or updated afterwards
 * replaces its passages at once.
 */
export function createPassageRetriever(archive: Archive): PassageRetriever {
	let index: PassageIndex | undefined;
	archive.onIssue(({ issue }) => index?.replace(issue));
	const build = (): PassageIndex => {
		const built = new PassageIndex();
		for (const entry of archive.list()) built.replace(entry.issue);
		return built;
	};

	return {
		retrieve(question, limit) {
			index ??= build();
			const { topic, range } = parseQuestionDates(question, archive.latest()?.date ?? undefined);
			if (!/[\p{L}\p{N}]/u.test(topic)) {
				// Only a date ("what happened this week?"): the stories of those issues, top stories first.
				return { passages: range ? leadPassages(archive, range, limit) : [], topic, ...(range ? { range } : {}) };
			}
			const passages: Passage[] = [];
			for (const hit of index.search(topic, limit, range)) {
				const story = archive.get(hit.issueId)?.issue.stories.find((candidate) => candidate.number === hit.storyNumber);
				const issue = archive.get(hit.issueId)?.issue;
				const passage = issue && story ? passagesOfStory(issue, story).find((candidate) => candidate.ordinal === hit.ordinal) : undefined;
				if (passage) passages.push(passage);
			}
			// "What happened this week?" names only a date once its question words are dropped.
			if (passages.length === 0 && range) return { passages: leadPassages(archive, range, limit), topic, range };
			return { passages, topic, ...(range ? { range } : {}) };
		},
	};
}

/** The first passage of each story of the issues in range, newest issue first. */
function leadPassages(archive: Archive, range: DateRange, limit: number): Passage[] {
	const out: Passage[] = [];
	for (const entry of archive.list()) {
		if (!entry.date || entry.date < range.from || entry.date > range.to) continue;
		for (const story of entry.issue.stories) {
			const first = passagesOfStory(entry.issue, story)[0];
			if (first) out.push(first);
			if (out.length >= limit) return out;
		}
	}
	return out;
}
