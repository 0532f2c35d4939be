import { fork, type ChildProcess } from 'node:child_process';
import type { Chat, User } from 'grammy/types';
import type { FloodLimits } from '../tests/fakes/telegram-flood-limits.js';


export type FakeHostRequest =
	| { op: 'start-telegram' }
	| { op: 'start-discord' }
	| { op: 'add-chats'; chats: Chat[] }
	| { op: 'post-texts'; posts: TextPost[] }
	| { op: 'settle'; quietMs: number }
	| { op: 'sent' }
	| { op: 'bodies' }
	| { op: 'wait-sent'; count: number; timeoutMs: number }
	| { op: 'clear' }
	| { op: 'enforce-flood-limits'; limits: FloodLimits }
	| { op: 'flood-rejections' }
	| { op: 'sent-span' }
	| { op: 'close' };

export type FakeHostReply = { id: number; result: unknown } | { id: number; error: string };

/** A user's (or, without `from`, a channel's) text message for the bot. */
export interface TextPost {
	readonly chat: Chat;
	readonly text: string;
	readonly from?: User;
}

/** A post as the fake recorded it: where it went and its JSON body, to replay in a bare loop. */
export interface RecordedPost {
	readonly path: string;
	readonly body: unknown;
}

/** A fake platform server in a child process (bench/fake-host-child.ts). */
export interface FakeHost {
	readonly apiRoot: string;
	readonly token: string;
	addChats(chats: Chat[]): Promise<void>;
	/** Queues the messages as updates; returns the last update id. */
	postTexts(posts: TextPost[]): Promise<number>;
	/** Waits until every update was fetched and the fake has been quiet for `quietMs`. */
	settle(quietMs?: number): Promise<void>;
	/** Posts answered 200 since the last `clear`. */
	sent(): Promise<number>;
	/** Those posts, in the order the fake answered them. */
	bodies(): Promise<RecordedPost[]>;
	waitSent(count: number, timeoutMs?: number): Promise<void>;
	clear(): Promise<void>;
	/** Makes the Telegram fake answer sends over these limits with 429, as Telegram does. */
	enforceFloodLimits(limits: FloodLimits): Promise<void>;
	/** How many posts the Telegram fake accepted since the last `clear`, and when the first and last arrived (epoch ms). */
	sentSpan(): Promise<{ count: number; firstAt: number; lastAt: number }>;
	/** 429s the Telegram fake answered since it started enforcing limits. */
	floodRejections(): Promise<number>;
	close(): Promise<void>;
}

/** Forks the fake host and starts one platform's fake in it. */
export async function startFakeHost(platform: 'telegram' | 'discord'): Promise<FakeHost> {
	const child: ChildProcess = fork(new URL('./fake-host-child.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_FAKE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_FAKE_CPU_PROF}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	const ready = new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`fake host exited with ${code}`)));
		child.on('message', (reply: FakeHostReply) => {
			if (reply.id === 0) return resolve();
			const waiter = pending.get(reply.id);
			pending.delete(reply.id);
			if ('error' in reply) waiter?.reject(new Error(reply.error));
			else waiter?.resolve(reply.result);
		});
	});
	await ready;
	const call = <T>(request: FakeHostRequest): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, request });
		});
	const started = await call<{ apiRoot: string; token: string }>({ op: platform === 'telegram' ? 'start-telegram' : 'start-discord' });
	return {
		...started,
		addChats: (chats) => call({ op: 'add-chats', chats }),
		postTexts: (posts) => call({ op: 'post-texts', posts }),
		settle: (quietMs = 100) => call({ op: 'settle', quietMs }),
		sent: () => call({ op: 'sent' }),
		bodies: () => call({ op: 'bodies' }),
		waitSent: (count, timeoutMs = 120_000) => call({ op: 'wait-sent', count, timeoutMs }),
		clear: () => call({ op: 'clear' }),
		enforceFloodLimits: (limits) => call({ op: 'enforce-flood-limits', limits }),
		floodRejections: () => call({ op: 'flood-rejections' }),
		sentSpan: () => call({ op: 'sent-span' }),
		async close() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await call({ op: 'close' }).catch(() => undefined);
			await exited;
		},
	};
}
