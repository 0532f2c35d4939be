import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const subscribers = 200;
const concurrency = 4;
let folder: string | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
	if (child && child.exitCode === null) child.kill('SIGKILL');
	if (folder) await rm(folder, { recursive: true, force: true });
});

/** Sends made before the first run stops acknowledging posts, leaving `concurrency` of them in flight. */
const stallAfter = 40;

function start(dataDir: string, outFile: string, stall: number): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, outFile, String(subscribers), String(concurrency), String(stall)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function lines(file: string): string[] {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

async function exitOf(process: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	process.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	process.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => process.once('exit', (exitCode) => resolve(exitCode)));
	return { code, stdout, stderr };
}

describe('when the bot is killed with SIGKILL in the middle of a broadcast and started again', () => {
	it('then every subscriber gets the issue, and the only duplicates are posts that were in flight', async () => {
		folder = await mkdtemp(join(tmpdir(), 'digestbot-crash-'));
		const dataDir = join(folder, 'data');
		const outFile = join(folder, 'posts.txt');

		child = start(dataDir, outFile, stallAfter);
		const firstExit = exitOf(child);
		// Every worker slot is then holding a post that went out but was never acknowledged.
		while (lines(outFile).length < stallAfter + concurrency && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
		child.kill('SIGKILL');
		const killed = await firstExit;
		const beforeRestart = lines(outFile).length;
		expect(killed.code, killed.stderr).toBeNull();
		expect(beforeRestart).toBe(stallAfter + concurrency);

		child = start(dataDir, outFile, 0);
		const restarted = await exitOf(child);
		expect(restarted.code, restarted.stderr).toBe(0);

		const posts = lines(outFile);
		const perSubscriber = new Map<string, number>();
		for (const id of posts) perSubscriber.set(id, (perSubscriber.get(id) ?? 0) + 1);
		expect(perSubscriber.size).toBe(subscribers);
		const duplicates = posts.length - subscribers;
		expect(duplicates).toBeGreaterThan(0);
		expect(duplicates).toBeLessThanOrEqual(concurrency);
		const stats = JSON.parse(restarted.stdout.trim()) as { delivered: number; pending: number };
		expect(stats).toMatchObject({ delivered: subscribers, pending: 0 });
	});
});
