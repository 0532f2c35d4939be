import { Bench } from 'tinybench';
import { createAskService } from '../src/ask/ask-service.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { commands } from '../commands/index.js';
import { generatedArchive } from './generated-archive.js';
import { latency } from './stats.js';

export interface AskExtractiveFigures {
	/** Building the passage index on the first question (once per process). */
	readonly ask_index_build_ms: number;
	readonly ask_extractive_p50_ms: number;
	readonly ask_extractive_p99_ms: number;
}

/** The questions the issue names, one with a relative date: retrieval, date filter and the whole reply. */
const questions = ['/ask what did Qwen release?', '/ask what happened with the DoW contract this month?', '/ask which stories were about OCR?'];

/** In-process latency of a whole extractive `/ask` (dispatch, retrieval, every block) on a generated archive. */
export async function measureAskExtractive(issues = 1000): Promise<AskExtractiveFigures> {
	const archive = await generatedArchive(issues);
	const dispatcher = createDispatcher(commands, { services: { archive, ask: createAskService({ archive, perMinute: 1e9 }) } });
	const context = { chat: { platform: 'console' as const, id: 'bench', kind: 'private' as const }, user: { id: 'bench' } };
	const drain = async (text: string): Promise<void> => {
		for await (const _part of dispatcher.runText(text, context));
	};
	const started = performance.now();
	await drain(questions[0]!);
	const buildMs = performance.now() - started;
	let next = 0;
	const bench = new Bench({ time: 3000, warmupTime: 300 });
	bench.add('/ask', () => drain(questions[next++ % questions.length]!));
	await bench.run();
	const ask = latency(bench, '/ask');
	return { ask_index_build_ms: buildMs, ask_extractive_p50_ms: ask.p50, ask_extractive_p99_ms: ask.p99 };
}
