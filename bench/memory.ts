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
