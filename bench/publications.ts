import { Bench } from 'tinybench';
import { Archive } from '../src/archive/archive.js';
import type { IssueStore } from '../src/archive/issue-store.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { commands } from '../commands/index.js';
import { generatedIssue } from './generated-archive.js';
import { latency } from './stats.js';

export interface PublicationLatencyFigures {
	readonly one_top_p99_ms: number;
	readonly many_top_p99_ms: number;
	readonly one_search_p99_ms: number;
	readonly many_search_p99_ms: number;
	readonly many_search_one_p99_ms: number;
	/** many / one, p99: the issue asks for at most 1.10. */
	readonly top_ratio: number;
	readonly search_ratio: number;
}

/**
 * `/top` and `/search` on the same number of issues held as one publication or spread over
 * many, side by side in one run: publications may not make the archive slower to answer.
 * `/top` names its publication in the many case (without one, several publications get a
 * chooser); `/search` spans all publications in both, and once more within one publication.
 */
export async function measurePublicationLatency(publications = 20, perPublication = 100): Promise<PublicationLatencyFigures> {
	const total = publications * perPublication;
	const one = await archiveOf(total, () => undefined);
	const many = await archiveOf(total, (n) => `pub-${String(n % publications).padStart(2, '0')}`);
	const context = { chat: { platform: 'console' as const, id: 'bench', kind: 'private' as const }, user: { id: 'bench' } };
	const oneDispatcher = createDispatcher(commands, { services: { archive: one } });
	const manyDispatcher = createDispatcher(commands, { services: { archive: many } });
	const drain = async (dispatcher: typeof oneDispatcher, text: string): Promise<void> => {
		for await (const _block of dispatcher.runText(text, context));
	};
	const bench = new Bench({ time: 1500, warmupTime: 300 });
	bench.add('one /top', () => drain(oneDispatcher, '/top'));
	bench.add('many /top', () => drain(manyDispatcher, '/top pub-07'));
	bench.add('one /search', () => drain(oneDispatcher, '/search qwen small models'));
	bench.add('many /search', () => drain(manyDispatcher, '/search qwen small models'));
	bench.add('many /search one', () => drain(manyDispatcher, '/search pub-07 qwen small models'));
	await bench.run();
	const figures = {
		one_top_p99_ms: latency(bench, 'one /top').p99,
		many_top_p99_ms: latency(bench, 'many /top').p99,
		one_search_p99_ms: latency(bench, 'one /search').p99,
		many_search_p99_ms: latency(bench, 'many /search').p99,
		many_search_one_p99_ms: latency(bench, 'many /search one').p99,
	};
	return { ...figures, top_ratio: figures.many_top_p99_ms / figures.one_top_p99_ms, search_ratio: figures.many_search_p99_ms / figures.one_search_p99_ms };
}

/** `count` generated issues (distinct dates and words), each filed in the publication `publicationOf` gives (undefined: the default). */
async function archiveOf(count: number, publicationOf: (n: number) => string | undefined): Promise<Archive> {
	const discard: IssueStore = { entries: async function* () {}, put: async () => {} };
	const archive = new Archive(discard);
	for (let n = 0; n < count; n += 1) {
		const text = generatedIssue(n);
		await archive.put(parseIssue(text).issue, { bytes: text, file: `issue-${n}.md`, publication: publicationOf(n) });
	}
	return archive;
}
