import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Chat } from 'grammy/types';
import { Redis } from 'ioredis';
import type { Keyv } from 'keyv';
import { createBullmqBroadcastQueue, type BullmqBroadcastQueue } from '../../src/delivery/engines/bullmq/bullmq-delivery.js';
import { createRedisBroadcastLedger } from '../../src/delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import type { NewSubscription } from '../../src/subscriptions/subscription.js';
import { seedSubscriptions } from '../../bench/seed-store.js';
import type { FakeTelegramBotApi } from '../fakes/telegram-bot-api.js';

const root = new URL('../../', import.meta.url).pathname;
export const referenceDigest = new URL('../../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url).pathname;

/** A worker process of tests/scale/bullmq-worker-child.ts. */
export interface WorkerProcess {
	readonly child: ChildProcess;
	readonly output: () => string;
	ready(): Promise<void>;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface WorkerOptions {
	readonly url: string;
	readonly prefix: string;
	readonly apiRoot: string;
	readonly concurrency: number;
	readonly perSecond: number;
	/** `default`: the production lock and stalled check. */
	readonly lockMs?: number | 'default';
}

export function startWorker(options: WorkerOptions): WorkerProcess {
	const args = [options.url, options.prefix, options.apiRoot, referenceDigest, String(options.concurrency), String(options.perSecond), String(options.lockMs ?? 3_000)];
	const child = spawn(process.execPath, [...(process.env.SCALE_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'tests/scale/bullmq-worker-child.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		child,
		output: () => output,
		async ready() {
			const started = Date.now();
			while (!output.includes('ready')) {
				if (child.exitCode !== null) throw new Error(`the worker exited early:\n${output}`);
				if (Date.now() - started > 60_000) throw new Error(`the worker did not get ready:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		},
	};
}

/** The producer side of one test: the subscriptions store, the queue and a Redis client, all under `prefix`. */
export interface ScaleSetup {
	readonly keyv: Keyv;
	readonly redis: Redis;
	readonly queue: BullmqBroadcastQueue;
	close(): Promise<void>;
}

export async function openSetup(url: string, prefix: string): Promise<ScaleSetup> {
	const keyv = await createKeyv({ url, dataDir: '/tmp', namespace: prefix });
	const redis = new Redis(url, { maxRetriesPerRequest: null });
	redis.on('error', () => undefined);
	const queue = createBullmqBroadcastQueue({ connection: redis, prefix, ledger: createRedisBroadcastLedger(redis, prefix) });
	return {
		keyv,
		redis,
		queue,
		async close() {
			await queue.close();
			await removeKeys(redis, prefix);
			redis.disconnect();
			await keyv.disconnect();
		},
	};
}

/** Deletes every key under `prefix` (this test file's own), however many there are. */
export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
	let cursor = '0';
	do {
		const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
		cursor = next;
		if (keys.length > 0) await redis.del(...keys);
	} while (cursor !== '0');
}

/**
 * `count` private chats known to the fake and subscribed; the first `full` of them take the
 * full issue (several messages each, so per-chat spacing shows), the rest the headlines.
 */
export async function subscribeChats(keyv: Keyv, telegram: FakeTelegramBotApi, count: number, full: number): Promise<string[]> {
	const inputs: NewSubscription[] = [];
	for (let index = 0; index < count; index += 1) {
		const id = 7_000_000 + index;
		telegram.addChat({ id, type: 'private', first_name: `Reader ${index}` } as Chat);
		inputs.push({ platform: 'telegram', chatId: String(id), kind: 'private', format: index < full ? 'full' : 'headlines', createdBy: String(id) });
	}
	return seedSubscriptions(keyv, inputs);
}

/** Accepted posts per chat (text or rich messages), with the time each reached the fake. */
export function acceptedPosts(telegram: FakeTelegramBotApi): { chatId: string; at: number }[] {
	return telegram.calls.filter((call) => (call.method === 'sendMessage' || call.method === 'sendRichMessage') && call.ok).map((call) => ({ chatId: String(call.params.chat_id), at: call.at }));
}

/** The most posts any window of `windowMs` holds (a sliding log, the strictest reading of "N per window"). */
export function busiestWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last += 1) {
		while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/** The shortest gap between two posts to one chat. */
export function closestPostsInOneChat(posts: readonly { chatId: string; at: number }[]): number {
	const byChat = new Map<string, number[]>();
	for (const post of posts) byChat.set(post.chatId, [...(byChat.get(post.chatId) ?? []), post.at]);
	let closest = Number.POSITIVE_INFINITY;
	for (const times of byChat.values()) {
		times.sort((a, b) => a - b);
		for (let index = 1; index < times.length; index += 1) closest = Math.min(closest, times[index]! - times[index - 1]!);
	}
	return closest;
}

/** The id the reference issue gets when it is parsed, as the workers parse it. */
export async function referenceIssueId(): Promise<string> {
	return parseIssue(await readFile(referenceDigest, 'utf8'), { file: 'issue.md' }).issue.id;
}

/** Polls `condition` every `pollMs` until it holds; fails with `what` so a timeout says what never happened. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string, pollMs = 200): Promise<void> {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
