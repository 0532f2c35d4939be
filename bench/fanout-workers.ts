import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Chat } from 'grammy/types';
import { createKeyvDeliveryQueue } from '../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { createKeyv } from '../src/store/create-keyv.js';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import { FakeTelegramBotApi } from '../tests/fakes/telegram-bot-api.js';
import { openSetup, referenceDigest, startWorker } from '../tests/scale/scale-harness.js';
import { seedSubscriptions } from './seed-store.js';

/**
 * Scale-out fan-out: posts/s of N BullMQ worker processes on Redis, and of one bot process on
 * SQLite, to the same in-process Telegram fake, limits off. The clock runs from the moment
 * the workers have jobs to the last post the fake accepted; CPU is the worker processes' own
 * (user + system from /proc), so the scaling can be judged beyond a 2-core machine.
 */
export interface WorkersFigures {
	readonly postsPerSecond: number;
	readonly cpuMicrosPerPost: number;
	readonly duplicates: number;
}

const redisUrl = 'redis://127.0.0.1:6379';
/** Above any rate this machine reaches: measures overhead, not pacing. */
const unlimited = 1_000_000;

function chats(telegram: FakeTelegramBotApi, count: number): NewSubscription[] {
	return Array.from({ length: count }, (_, index) => {
		const id = 8_000_000 + index;
		telegram.addChat({ id, type: 'private', first_name: `R${index}` } as Chat);
		return { platform: 'telegram', chatId: String(id), kind: 'private', format: 'headlines', createdBy: String(id) };
	});
}

/** CPU seconds (user + system) a live process used so far. */
function cpuSeconds(child: ChildProcess): number {
	const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function untilSent(telegram: FakeTelegramBotApi, count: number): Promise<number> {
	const accepted = () => telegram.calls.filter((call) => call.method === 'sendMessage' && call.ok);
	while (accepted().length < count) await new Promise((resolve) => setTimeout(resolve, 20));
	return Math.max(...accepted().map((call) => call.at));
}

function duplicatesOf(telegram: FakeTelegramBotApi): number {
	const seen = new Set<string>();
	let duplicates = 0;
	for (const call of telegram.calls) {
		if (call.method !== 'sendMessage' || !call.ok) continue;
		const chat = String(call.params.chat_id);
		if (seen.has(chat)) duplicates += 1;
		seen.add(chat);
	}
	return duplicates;
}

export async function measureRedisWorkers(workers: number, posts: number, concurrency = 8): Promise<WorkersFigures> {
	const prefix = `digestbot-bench-${randomUUID()}`;
	const telegram = await FakeTelegramBotApi.start();
	const setup = await openSetup(redisUrl, prefix);
	try {
		const ids = await seedSubscriptions(setup.keyv, chats(telegram, posts));
		const processes = Array.from({ length: workers }, () => startWorker({ url: redisUrl, prefix, apiRoot: telegram.apiRoot, concurrency, perSecond: unlimited }));
		await Promise.all(processes.map((worker) => worker.ready()));
		const cpuBefore = processes.reduce((sum, worker) => sum + cpuSeconds(worker.child), 0);
		const issue = parseIssue(await readFile(referenceDigest, 'utf8'), { file: 'issue.md' }).issue.id;
		const started = Date.now();
		await setup.queue.enqueueBroadcast(issue, ids);
		const last = await untilSent(telegram, posts);
		const cpu = processes.reduce((sum, worker) => sum + cpuSeconds(worker.child), 0) - cpuBefore;
		await Promise.all(processes.map((worker) => worker.stop(process.env.SCALE_PROFILE ? 'SIGTERM' : 'SIGKILL')));
		return { postsPerSecond: posts / ((last - started) / 1000), cpuMicrosPerPost: (cpu * 1e6) / posts, duplicates: duplicatesOf(telegram) };
	} finally {
		await setup.close();
		await telegram.close();
	}
}

export async function measureSqliteWorker(posts: number, concurrency = 8): Promise<WorkersFigures> {
	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-sqlite-'));
	const telegram = await FakeTelegramBotApi.start();
	try {
		const keyv = await createKeyv({ dataDir });
		const ids = await seedSubscriptions(keyv, chats(telegram, posts));
		const issue = parseIssue(await readFile(referenceDigest, 'utf8'), { file: 'issue.md' }).issue.id;
		await (await createKeyvDeliveryQueue(keyv)).enqueueBroadcast(issue, ids);
		await keyv.disconnect();
		const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sqlite-worker-child.ts', dataDir, telegram.apiRoot, referenceDigest, String(concurrency)], { stdio: ['ignore', 'pipe', 'inherit'] });
		await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
		// The queue recovered the broadcast before "ready"; sending starts now.
		const started = Date.now();
		const cpuBefore = cpuSeconds(child);
		const last = await untilSent(telegram, posts);
		const cpu = cpuSeconds(child) - cpuBefore;
		child.kill('SIGKILL');
		return { postsPerSecond: posts / ((last - started) / 1000), cpuMicrosPerPost: (cpu * 1e6) / posts, duplicates: duplicatesOf(telegram) };
	} finally {
		await telegram.close();
		await rm(dataDir, { recursive: true, force: true });
	}
}

/** The issue's rows: fanout_workers_2/4 (÷ 1 worker on Redis) and fanout_redis_vs_sqlite (1 process each). */
export async function measureScaleOut(posts = 5_000): Promise<Record<string, number>> {
	const sqlite = await measureSqliteWorker(posts);
	const one = await measureRedisWorkers(1, posts);
	const two = await measureRedisWorkers(2, posts);
	const four = await measureRedisWorkers(4, posts);
	const figures = { sqlite, one, two, four };
	process.stderr.write(`${JSON.stringify(figures)}\n`);
	return {
		fanout_workers_2: Math.round((two.postsPerSecond / one.postsPerSecond) * 1000) / 1000,
		fanout_workers_4: Math.round((four.postsPerSecond / one.postsPerSecond) * 1000) / 1000,
		fanout_redis_vs_sqlite: Math.round((one.postsPerSecond / sqlite.postsPerSecond) * 1000) / 1000,
		cpu_us_per_post_redis: Math.round(one.cpuMicrosPerPost),
		cpu_us_per_post_sqlite: Math.round(sqlite.cpuMicrosPerPost),
		duplicates: one.duplicates + two.duplicates + four.duplicates,
	};
}
