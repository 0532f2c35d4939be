import { buildDigest, type StoryFixture } from '../../../builders/digest-builder.js';

/** Twelve sections of fourteen stories, each long enough and citing enough that the issue passes 60 KB. */
export function largeDigest(): string {
	let source = 0;
	const sections: Record<string, StoryFixture[]> = {};
	for (let section = 1; section <= 12; section += 1) {
		sections[`Section ${section}`] = Array.from({ length: 14 }, (_, index) => ({
			title: `Story ${section}.${index + 1} about a launch`,
			text: `${'A sentence of reporting that says what happened and why it counts. '.repeat(4)}More detail follows here`,
			cites: [(source % 200) + 1, ((source += 1) % 200) + 1],
		}));
	}
	return buildDigest({ title: 'A very large issue', date: '2026-04-01', top: [{ title: 'The lead story', why: 'It matters a great deal.', cites: [1, 2] }], sections, sources: 200 });
}
