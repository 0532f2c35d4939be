import { Bench } from 'tinybench';
import { createDispatcher } from '../src/command/dispatcher.js';
import { commands } from '../commands/index.js';
import { generatedArchive } from './generated-archive.js';
import { latency } from './stats.js';

export interface CommandLatencyFigures {
	readonly top_p50_ms: number;
	readonly top_p99_ms: number;
	readonly story_p50_ms: number;
	readonly story_p99_ms: number;
	readonly search_p50_ms: number;
	readonly search_p99_ms: number;
}

/** In-process latency of whole commands (dispatch, validation, run, every block) on a 1,000-issue archive. */
export async function measureCommandLatency(issues = 1000): Promise<CommandLatencyFigures> {
	const archive = await generatedArchive(issues);
	const dispatcher = createDispatcher(commands, { services: { archive } });
	const context = { chat: { platform: 'console' as const, id: 'bench', kind: 'private' as const }, user: { id: 'bench' } };
	const drain = async (text: string): Promise<void> => {
		for await (const _block of dispatcher.runText(text, context));
	};
	const bench = new Bench({ time: 1500, warmupTime: 300 });
	bench.add('/top', () => drain('/top'));
	bench.add('/story', () => drain('/story 17 2020-06-01'));
	bench.add('/search', () => drain('/search qwen small models'));
	await bench.run();
	const top = latency(bench, '/top');
	const story = latency(bench, '/story');
	const search = latency(bench, '/search');
	return {
		top_p50_ms: top.p50,
		top_p99_ms: top.p99,
		story_p50_ms: story.p50,
		story_p99_ms: story.p99,
		search_p50_ms: search.p50,
		search_p99_ms: search.p99,
	};
}
