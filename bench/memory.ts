import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedStore } from './seed-store.js';

const run = promisify(execFile);

export interface MemoryFigures {
	readonly peak_rss_mb_loaded: number;
	readonly peak_rss_mb_baseline: number;
}

/** Peak RSS of a fresh process that loads 1,000 issues and 100,000 subscriptions, against a process that loads nothing. */
export async function measureLoadedMemory(issues = 1000, subscribers = 100_000): Promise<MemoryFigures> {
	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-memory-'));
	const emptyDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-empty-'));
	try {
		await seedStore(dataDir, issues, subscribers);
		const child = new URL('./memory-loaded-child.ts', import.meta.url).pathname;
		const measure = async (dir: string): Promise<number> => {
			const { stdout } = await run(process.execPath, ['--import', 'tsx', child, dir], { maxBuffer: 1 << 20 });
			return (JSON.parse(stdout) as { peakRssMb: number }).peakRssMb;
		};
		return { peak_rss_mb_loaded: await measure(dataDir), peak_rss_mb_baseline: await measure(emptyDir) };
	} finally {
		await rm(dataDir, { recursive: true, force: true });
		await rm(emptyDir, { recursive: true, force: true });
	}
}

export interface FanoutMemoryFigures {
	readonly peak_rss_mb_fanout: number;
	/** RSS growth per 10,000 completed deliveries from 25 % to 75 % of the broadcast, MB (the last sample follows its end). */
	readonly slopeMbPer10k: number;
	/** The same for the live V8 heap (measured after a collection): negative when it shrinks as jobs finish. */
	readonly heapSlopeMbPer10k: number;
	readonly samples: readonly { delivered: number; rssMb: number; heapMb: number }[];
	readonly perSecond: number;
}

/** Peak RSS of a fresh process that broadcasts one issue to `subscribers` subscriptions on SQLite. */
export async function measureFanoutMemory(subscribers = 100_000): Promise<FanoutMemoryFigures> {
	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-fanout-memory-'));
	try {
		await seedStore(dataDir, 0, subscribers);
		const child = new URL('./memory-fanout-child.ts', import.meta.url).pathname;
		const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, dataDir, String(subscribers)], { maxBuffer: 1 << 20 });
		const result = JSON.parse(stdout) as { delivered: number; seconds: number; samples: { delivered: number; rssMb: number; heapMb: number }[]; peakRssMb: number };
		if (result.delivered !== subscribers) throw new Error(`fan-out memory: ${result.delivered} of ${subscribers} delivered`);
		const first = result.samples[0]!;
		const third = result.samples[2] ?? result.samples.at(-1)!;
		const per10k = (from: number, to: number): number => (third.delivered > first.delivered ? ((to - from) / (third.delivered - first.delivered)) * 10_000 : 0);
		return {
			peak_rss_mb_fanout: result.peakRssMb,
			slopeMbPer10k: per10k(first.rssMb, third.rssMb),
			heapSlopeMbPer10k: per10k(first.heapMb, third.heapMb),
			samples: result.samples,
			perSecond: result.delivered / result.seconds,
		};
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}
