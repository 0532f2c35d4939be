import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import type { BatchRequest, BatchTiming } from './publication-bot-child.js';
import { availableParallelism } from 'node:os';
import { median, percentile } from './stats.js';

/** One case's per-call latency, in milliseconds: the median and the p99 of its batches (CPU time), and the median by the wall clock. */
export interface CaseLatency {
	readonly p50: number;
	readonly p99: number;
	readonly wallP50: number;
}

export interface PublicationLatencyFigures {
	readonly one_top: CaseLatency;
	readonly many_top: CaseLatency;
	readonly one_search: CaseLatency;
	readonly many_search: CaseLatency;
	readonly many_search_one: CaseLatency;
	/** many / one, p99 of the batches: the issue asks for at most 1.10. */
	readonly top_ratio: number;
	readonly search_ratio: number;
	/** many / one, median of the batches. */
	readonly top_ratio_p50: number;
	readonly search_ratio_p50: number;
	/** many / one, median of the batches by the wall clock, which counts time other processes had the core. */
	readonly top_ratio_wall_p50: number;
	readonly search_ratio_wall_p50: number;
	/** Calls per timed batch, and batches per case. */
	readonly top_batch: number;
	readonly search_batch: number;
	readonly top_samples: number;
	readonly search_samples: number;
}

/** What the measurement is made of; the defaults are the bench's. */
export interface PublicationBenchOptions {
	/** A `/top` batch lasts about this long, so a sample is not one 40 µs call at the mercy of a timer tick or a GC pause. */
	readonly topBatchMs?: number;
	readonly topSamples?: number;
	/** A `/search` batch: one call takes 0.1–0.2 s on 2,000 issues, and a mean of a few keeps one slow call from being the p99 of fifty batches. */
	readonly searchBatchMs?: number;
	readonly searchSamples?: number;
}

/** One bot in its own process (bench/publication-bot-child.ts), asked to time batches of a command. */
interface Bot {
	readonly pid: number;
	batch(request: BatchRequest): Promise<BatchTiming>;
	stop(): void;
}

/** Moves every thread of each bot onto the last core, where `taskset` is available; elsewhere the bots stay where the system put them. */
function pinToOneCore(bots: readonly Bot[]): void {
	try {
		for (const bot of bots) execFileSync('taskset', ['-a', '-p', '-c', String(availableParallelism() - 1), String(bot.pid)], { stdio: 'ignore' });
	} catch {
		// Without taskset the rounds still alternate; only a difference between cores remains.
	}
}

/** A command, and the bot it is asked of. */
interface Case {
	readonly bot: Bot;
	readonly text: string;
	readonly collect?: boolean;
	/** In a process holding both archives: which bot answers. */
	readonly which?: 'one' | 'many';
}

/**
 * `/top` and `/search` on the same number of issues held as one publication or spread over
 * many: publications may not make the archive slower to answer. `/top` names its publication in
 * the many case (without one, several publications get a chooser); `/search` spans all
 * publications in both, and once more within one publication.
 *
 * For `/top` each bot runs in a process of its own, as a bot with one publication and a bot with
 * twenty are different processes: in one process the two would share the JIT's feedback for
 * every function the commands run, a mix of shapes neither bot ever sees, and `/top` is mostly
 * such functions. `/search` is mostly the index's own walk, whose speed follows where its nodes
 * lie in memory: two processes that filled the same index differ by up to 15 % from run to run,
 * so both bots answer it from one process whose two archives were filled side by side. Both bots are asked in the
 * same rounds, one batch of each in turn, the order reversed every round, so load from other
 * processes on this shared machine falls on both alike. A sample is a batch of calls timed
 * together (its per-call mean), so a `/top` of 40 µs is measured above the timer's resolution;
 * the p99 and the median are taken over the batches. A batch's time is the CPU time its process
 * spent on it (user + system, its own garbage collection included): both commands run without
 * I/O here, so on a core of their own that is their latency, while the wall clock of a shared
 * 2-core machine also counts the moments other processes held the core, and one such moment in
 * a hundred batches was the p99. The wall clock's medians are reported beside it.
 */
export async function measurePublicationLatency(publications = 20, perPublication = 100, options: PublicationBenchOptions = {}): Promise<PublicationLatencyFigures> {
	const total = publications * perPublication;
	const [one, many, both] = await Promise.all([startBot(['one', String(total), '1']), startBot(['many', String(total), String(publications)]), startBot(['both', String(total), String(publications)])]);
	try {
		// The bots on one core, taking turns: a core's load (and on a 2-vCPU machine its sibling's) falls on all alike.
		pinToOneCore([one, many, both]);
		const named = `pub-${String(7 % publications).padStart(2, '0')}`;
		const top: Case[] = [
			{ bot: one, text: '/top' },
			{ bot: many, text: `/top ${named}` },
		];
		const topBatch = await batchFor(top, options.topBatchMs ?? 25, 3_000);
		const topTimes = await timeInRounds(top, topBatch, options.topSamples ?? 120);

		const search: Case[] = [
			{ bot: both, text: '/search qwen small models', collect: true, which: 'one' },
			{ bot: both, text: '/search qwen small models', collect: true, which: 'many' },
			{ bot: both, text: `/search ${named} qwen small models`, collect: true, which: 'many' },
		];
		const searchBatch = await batchFor(search, options.searchBatchMs ?? 400, 1_000);
		const searchTimes = await timeInRounds(search, searchBatch, options.searchSamples ?? 50);

		const latencyOf = (times: BatchTimes): CaseLatency => ({ p50: median(times.cpu), p99: percentile(times.cpu, 0.99), wallP50: median(times.wall) });
		const [oneTop, manyTop] = topTimes.map(latencyOf) as [CaseLatency, CaseLatency];
		const [oneSearch, manySearch, manySearchOne] = searchTimes.map(latencyOf) as [CaseLatency, CaseLatency, CaseLatency];
		return {
			one_top: oneTop,
			many_top: manyTop,
			one_search: oneSearch,
			many_search: manySearch,
			many_search_one: manySearchOne,
			top_ratio: manyTop.p99 / oneTop.p99,
			search_ratio: manySearch.p99 / oneSearch.p99,
			top_ratio_p50: manyTop.p50 / oneTop.p50,
			search_ratio_p50: manySearch.p50 / oneSearch.p50,
			top_ratio_wall_p50: manyTop.wallP50 / oneTop.wallP50,
			search_ratio_wall_p50: manySearch.wallP50 / oneSearch.wallP50,
			top_batch: topBatch,
			search_batch: searchBatch,
			top_samples: topTimes[0]?.cpu.length ?? 0,
			search_samples: searchTimes[0]?.cpu.length ?? 0,
		};
	} finally {
		one.stop();
		many.stop();
		both.stop();
	}
}

/** Forks a bot and waits until its archive is filled. */
async function startBot(args: readonly string[]): Promise<Bot> {
	const child: ChildProcess = fork(new URL('./publication-bot-child.ts', import.meta.url).pathname, [...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	await new Promise<void>((resolve, reject) => {
		child.once('message', () => resolve());
		child.once('exit', (code) => reject(new Error(`the publication bench's bot exited with ${String(code)} before it was ready`)));
	});
	return {
		pid: child.pid ?? 0,
		batch: (request) =>
			new Promise((resolve) => {
				child.once('message', (timing: BatchTiming) => resolve(timing));
				child.send(request);
			}),
		stop: () => child.kill(),
	};
}

/**
 * Warms every case up for `warmupMs` (the JIT tiers a command's functions up over its first
 * thousands of calls: a bot whose `/top` had run for 0.4 s still answered 2–8 times slower in
 * its first dozen batches), then times the first case alone and returns the calls per batch
 * that make its batch last `batchMs`; every case then runs batches of that size, so each does
 * the same number of calls.
 */
async function batchFor(cases: readonly Case[], batchMs: number, warmupMs: number): Promise<number> {
	const perCall = async (item: Case, ms: number): Promise<number> => {
		const probe = await item.bot.batch({ text: item.text, batch: 1, ...(item.which ? { bot: item.which } : {}) });
		const calls = Math.max(1, Math.round(ms / Math.max(probe.wallMs, 0.001)));
		return (await item.bot.batch({ text: item.text, batch: calls, collect: item.collect ?? false, ...(item.which ? { bot: item.which } : {}) })).cpuMs;
	};
	for (const item of cases) {
		for (let warmed = 0; warmed < warmupMs; warmed += 250) await perCall(item, 250);
	}
	return Math.max(1, Math.round(batchMs / (await perCall(cases[0]!, 250))));
}

/** Per-call milliseconds of each batch of one case, by CPU time and by the wall clock. */
interface BatchTimes {
	readonly cpu: number[];
	readonly wall: number[];
}

/** `samples` batches of each case, in rounds. */
async function timeInRounds(cases: readonly Case[], batch: number, samples: number): Promise<BatchTimes[]> {
	const times = cases.map((): BatchTimes => ({ cpu: [], wall: [] }));
	for (let round = 0; round < samples; round += 1) {
		const order = cases.map((_item, index) => index);
		if (round % 2 === 1) order.reverse();
		for (const index of order) {
			const item = cases[index]!;
			const timing = await item.bot.batch({ text: item.text, batch, collect: item.collect ?? false, ...(item.which ? { bot: item.which } : {}) });
			times[index]!.cpu.push(timing.cpuMs);
			times[index]!.wall.push(timing.wallMs);
		}
	}
	return times;
}
