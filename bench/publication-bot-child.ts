/**
 * One bot's archive and dispatcher for bench/publications.ts, in a process of its own: the
 * 2,000 generated issues as one publication (`one`) or spread over N (`many N`), or both bots,
 * their archives filled side by side (`both`), each request naming its bot. The parent
 * sends `{ text, batch, collect }`; the child collects garbage if asked and waits until the
 * heap's sweeping is done, runs the command `batch` times and answers the batch's CPU and wall
 * time per call.
 *
 * usage (forked with IPC): node --import tsx bench/publication-bot-child.ts one|many|both COUNT PUBLICATIONS
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Archive } from '../src/archive/archive.js';
import type { IssueStore } from '../src/archive/issue-store.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { commands } from '../commands/index.js';
import { generatedIssue } from './generated-archive.js';

export interface BatchRequest {
	readonly text: string;
	readonly batch: number;
	/** Collect garbage before the batch (for a command that makes much of it: `/search`). */
	readonly collect?: boolean;
	/** In a `both` process: which bot answers. */
	readonly bot?: 'one' | 'many';
}

export interface BatchTiming {
	readonly cpuMs: number;
	readonly wallMs: number;
}

const [kind = 'one', count = '2000', publications = '20'] = process.argv.slice(2);
const discard: IssueStore = { entries: async function* () {}, put: async () => {} };
const archives = { one: new Archive(discard), many: new Archive(discard) };
for (let n = 0; n < Number(count); n += 1) {
	const text = generatedIssue(n);
	const { issue } = parseIssue(text);
	if (kind !== 'many') await archives.one.put(issue, { bytes: text, file: `issue-${n}.md` });
	if (kind !== 'one') await archives.many.put(issue, { bytes: text, file: `issue-${n}.md`, publication: `pub-${String(n % Number(publications)).padStart(2, '0')}` });
}
const dispatchers = { one: createDispatcher(commands, { services: { archive: archives.one } }), many: createDispatcher(commands, { services: { archive: archives.many } }) };
const context = { chat: { platform: 'console' as const, id: 'bench', kind: 'private' as const }, user: { id: 'bench' } };

/**
 * A full collection before every `/search` batch: a heap holding 2,000 issues and their index
 * takes a full collection about as long as a search, and left to itself it lands in whichever
 * batch is running, by chance. Each batch still pays for the garbage it makes. `/top` makes
 * little garbage and is timed without: right after a full collection its calls are several
 * times slower for a while, which is not the latency a reader meets.
 */
const collectGarbage = ((): (() => void) => {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
})();

/** Collects, then waits until the process is idle: V8 sweeps on helper threads after `gc()` returns, and that CPU time is not the next batch's. */
async function quietHeap(): Promise<void> {
	collectGarbage();
	for (let tries = 0; tries < 20; tries += 1) {
		const cpu = process.cpuUsage();
		await new Promise((resolve) => setTimeout(resolve, 10));
		const spent = process.cpuUsage(cpu);
		if (spent.user + spent.system < 1_000) return;
	}
}

async function runBatch({ text, batch, collect, bot }: BatchRequest): Promise<BatchTiming> {
	const dispatcher = dispatchers[bot ?? (kind === 'many' ? 'many' : 'one')];
	if (collect) await quietHeap();
	const cpu = process.cpuUsage();
	const started = performance.now();
	for (let call = 0; call < batch; call += 1) for await (const _block of dispatcher.runText(text, context));
	const wallMs = performance.now() - started;
	const spent = process.cpuUsage(cpu);
	return { cpuMs: (spent.user + spent.system) / 1000 / batch, wallMs: wallMs / batch };
}

process.on('message', (request: BatchRequest) => {
	void runBatch(request).then((timing) => process.send?.(timing));
});
process.send?.('ready');
