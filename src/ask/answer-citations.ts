import type { Span } from '../content/span.js';
import type { Passage } from './passage.js';
import { citationSpan } from './story-citations.js';
import type { CitationResolver } from './markdown-stream.js';

/**
 * Reads the model's citations against the passages it was given: `[2]` (a passage number, as the
 * prompt asks), `[1, 2]`, or `[2026-03-03 · 3]` (a story label, which models sometimes copy).
 * A citation of anything not given is removed — the reader never sees a source that the answer
 * was not built from — and `used` collects the passages actually cited, in order.
 */
export function createCitationResolver(given: readonly Passage[]): { resolve: CitationResolver; used: () => Passage[] } {
	const used: Passage[] = [];
	const note = (passage: Passage): Span => {
		if (!used.includes(passage)) used.push(passage);
		return citationSpan(passage);
	};
	const resolve: CitationResolver = (inner) => {
		const text = inner.trim();
		if (/^\d{1,3}(\s*,\s*\d{1,3})*$/.test(text)) {
			const spans: Span[] = [];
			for (const number of text.split(/\s*,\s*/).map(Number)) {
				const passage = given[number - 1];
				if (passage && !spans.some((span) => span.command === citationSpan(passage).command)) spans.push(note(passage));
			}
			return spans;
		}
		const story = /^(\S+?)\s*[·,:]\s*(?:story\s*)?#?(\d{1,4})$/i.exec(text);
		if (story && (/^\d{4}-\d{2}-\d{2}/.test(story[1]!) || given.some((candidate) => candidate.issueId === story[1]))) {
			const [, issue, number] = story;
			const passage = given.find((candidate) => (candidate.date === issue || candidate.issueId === issue) && candidate.storyNumber === Number(number));
			return passage ? [note(passage)] : [];
		}
		return undefined;
	};
	return { resolve, used: () => [...used] };
}
