import { fork, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, User } from 'grammy/types';
import { startFakeLlm } from '../tests/fakes/openai-server.js';
import { startFakeHost, type FakeHost, type TextPost } from './fake-host.js';
import { generatedIssue } from './generated-archive.js';
import { seedStore } from './seed-store.js';

export interface SoakSample {
	/** Minutes since traffic started. */
	readonly minute: number;
	readonly rssMb: number;
	/** The live heap, read after a full collection. */
	readonly heapMb: number;
	/** Messages the fake accepted from the bot so far (answers and posts). */
	readonly sent: number;
}

export interface SoakFigures {
	readonly samples: readonly SoakSample[];
	/** Least-squares slope of the live heap over the samples after the warm-up, MB per 10 minutes. */
	readonly heapSlopeMbPer10Min: number;
	readonly rssSlopeMbPer10Min: number;
	readonly commands: number;
	readonly questions: number;
	readonly broadcasts: number;
	/** Posts the broadcasts should have made (subscribers × broadcasts) and answers sent, as the fake counted them. */
	readonly sent: number;
}

export interface SoakOptions {
	readonly minutes?: number;
	/** Minutes left out of the slope: caches fill, code warms up. */
	readonly warmUpMinutes?: number;
	readonly subscribers?: number;
	/** A new issue (a broadcast to every subscriber) this often. */
	readonly broadcastEveryMinutes?: number;
	readonly commandsPerSecond?: number;
	/** One `/ask` every this many seconds, answered by the fake model. */
	readonly askEverySeconds?: number;
}

const readerCommands = ['/story 3', '/top', '/latest', '/search model', '/issues', '/story 7', '/since 7d', '/help'];
const firstSubscriber = 1_000_000;

/**
 * A bot process run as production runs it (`adapters/main.ts`, Telegram, SQLite), fed mixed
 * traffic against the fake Bot API for `minutes`: reader commands at a steady rate, an `/ask`
 * streamed from the fake model every few seconds, and a new issue file every two minutes that
 * the watcher picks up and broadcasts to every subscriber. Its memory is read once a minute after
 * a full collection; a bot that runs for months must show no growth after the warm-up.
 */
export async function measureSoak(options: SoakOptions = {}): Promise<SoakFigures> {
	const minutes = options.minutes ?? 10;
	const warmUp = options.warmUpMinutes ?? 2;
	const subscribers = options.subscribers ?? 5_000;
	const broadcastEvery = (options.broadcastEveryMinutes ?? 2) * 60_000;
	const commandsPerSecond = options.commandsPerSecond ?? 20;
	const askEvery = (options.askEverySeconds ?? 5) * 1000;

	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-soak-data-'));
	const digestDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-soak-digests-'));
	await copyFile(new URL('../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url), join(digestDir, '2026-03-03-ai-high-signal-digest.md'));
	await seedStore(dataDir, 0, subscribers);
	const host = await startFakeHost('telegram');
	const llm = await startFakeLlm({ script: { text: 'Qwen released small open-weight models for coding and tool use [2026-03-03 · 1]. ' }, charsPerSecond: 2_000, chunkChars: 8 });
	const subscriberChats: Chat[] = Array.from({ length: subscribers }, (_, n) => ({ id: firstSubscriber + n, type: 'private', first_name: 'Subscriber' }));
	for (let start = 0; start < subscriberChats.length; start += 5_000) await host.addChats(subscriberChats.slice(start, start + 5_000));

	const bot = startBot({ TELEGRAM_BOT_TOKEN: host.token, TELEGRAM_API_ROOT: host.apiRoot, DATA_DIR: dataDir, DIGEST_DIR: digestDir, LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '1000', TELEGRAM_PAID_BROADCAST: 'true', TELEGRAM_MESSAGES_PER_SECOND: '200', LOG_LEVEL: 'error' });
	const timers: NodeJS.Timeout[] = [];
	let commands = 0;
	let questions = 0;
	let broadcasts = 0;
	try {
		await bot.ready(host);
		// Readers rotate through a thousand users, each far below the per-user flood limit.
		let reader = 0;
		const nextReader = (): User => ({ id: 5_000_000 + (reader++ % 1_000), is_bot: false, first_name: 'Reader', language_code: ['en', 'ru', 'zh-hans'][reader % 3]! });
		const post = (text: string): TextPost => {
			const from = nextReader();
			return { chat: { id: from.id, type: 'private', first_name: from.first_name }, from, text };
		};
		timers.push(
			setInterval(() => {
				const posts = Array.from({ length: commandsPerSecond }, (_, n) => post(readerCommands[(commands + n) % readerCommands.length]!));
				commands += posts.length;
				void host.postTexts(posts);
			}, 1_000),
			setInterval(() => {
				questions += 1;
				void host.postTexts([post('/ask what did Qwen release?')]);
			}, askEvery),
			setInterval(() => {
				broadcasts += 1;
				void writeFile(join(digestDir, `soak-${broadcasts}.md`), generatedIssue(3_000 + broadcasts));
			}, broadcastEvery),
		);
		const samples: SoakSample[] = [];
		const started = Date.now();
		for (let minute = 1; minute <= minutes; minute += 1) {
			await new Promise((resolve) => setTimeout(resolve, started + minute * 60_000 - Date.now()));
			const memory = await bot.sample();
			const sent = await host.sent();
			samples.push({ minute, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, sent });
			process.stderr.write(`  soak minute ${minute}: RSS ${(memory.rss / 2 ** 20).toFixed(1)} MB, live heap ${(memory.heapUsed / 2 ** 20).toFixed(1)} MB, ${sent} messages sent\n`);
		}
		const steady = samples.filter((sample) => sample.minute > warmUp);
		return {
			samples,
			heapSlopeMbPer10Min: slope(steady.map((sample) => [sample.minute, sample.heapMb])) * 10,
			rssSlopeMbPer10Min: slope(steady.map((sample) => [sample.minute, sample.rssMb])) * 10,
			commands,
			questions,
			broadcasts,
			sent: samples.at(-1)?.sent ?? 0,
		};
	} finally {
		for (const timer of timers) clearInterval(timer);
		await bot.stop();
		await host.close();
		await llm.close();
		await rm(dataDir, { recursive: true, force: true });
		await rm(digestDir, { recursive: true, force: true });
	}
}

interface SoakBot {
	/** Resolves once the bot has answered a first command. */
	ready(host: FakeHost): Promise<void>;
	sample(): Promise<{ rss: number; heapUsed: number }>;
	stop(): Promise<void>;
}

/** The bot as `npm start` runs it, with the probe that reports its memory on request. */
function startBot(env: Readonly<Record<string, string>>): SoakBot {
	const child: ChildProcess = fork(new URL('../adapters/main.ts', import.meta.url).pathname, [], {
		execArgv: ['--expose-gc', '--import', 'tsx', '--import', new URL('./soak-probe.ts', import.meta.url).pathname],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		async ready(host) {
			await host.clear();
			await host.postTexts([{ chat: { id: 4_999_999, type: 'private', first_name: 'First' }, from: { id: 4_999_999, is_bot: false, first_name: 'First' }, text: '/top' }]);
			const died = exited.then(() => Promise.reject(new Error(`soak: the bot exited (code ${child.exitCode}) before answering`)));
			await Promise.race([host.waitSent(1, 60_000), died]);
		},
		sample: () =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('soak: the bot did not report its memory within 30 s')), 30_000);
				child.once('message', (message) => {
					clearTimeout(timer);
					resolve(message as { rss: number; heapUsed: number });
				});
				child.send('sample');
			}),
		async stop() {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(killer);
		},
	};
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
	if (points.length < 2) return 0;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	let numerator = 0;
	let denominator = 0;
	for (const [x, y] of points) {
		numerator += (x - meanX) * (y - meanY);
		denominator += (x - meanX) ** 2;
	}
	return denominator === 0 ? 0 : numerator / denominator;
}
