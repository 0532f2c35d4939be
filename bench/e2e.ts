import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { Chat, User } from 'grammy/types';
import { pino } from 'pino';
import { startTelegramAdapter } from '../adapters/telegram/index.js';
import { commands } from '../commands/index.js';
import { Archive } from '../src/archive/archive.js';
import { ingestBytes } from '../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { loadConfig } from '../src/config/config.js';
import { createKeyvChatLanguageStore } from '../src/i18n/chat-language-store.js';
import { cacheChatLanguages } from '../src/i18n/cached-chat-language-store.js';
import { createKeyvReaderMemory } from '../src/readers/reader-memory.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { startFakeHost, type FakeHost, type TextPost } from './fake-host.js';
import { median } from './stats.js';

export type ChatKind = 'private' | 'group';

export interface E2eFigures {
	/** Updates/s of the adapter ÷ the bare bot's, per chat kind (median of the repetitions). */
	readonly ratio: Readonly<Record<ChatKind, number>>;
	readonly adapterPerSecond: Readonly<Record<ChatKind, number>>;
	readonly barePerSecond: Readonly<Record<ChatKind, number>>;
	/** The bare bot answering a one-line constant instead (one run, for scale): what the answer's size costs. */
	readonly oneLinePerSecond: Readonly<Record<ChatKind, number>>;
}

/** A bot that polls the fake until stopped. */
interface PollingBot {
	stop(): Promise<void>;
}

let nextUserId = 7_000_000;

/** One `/story 3` per fresh user (so the 8-per-10-s flood limit never applies), in private chats or each in its own group. */
function storyPosts(count: number, kind: ChatKind): TextPost[] {
	return Array.from({ length: count }, () => {
		const from: User = { id: (nextUserId += 1), is_bot: false, first_name: 'Reader' };
		const chat: Chat = kind === 'private' ? { id: from.id, type: 'private', first_name: from.first_name } : ({ id: -1_000_000_000_000 - from.id, type: 'supergroup', title: 'Readers' } as Chat);
		return { chat, from, text: '/story 3' };
	});
}

async function startAdapter(host: FakeHost): Promise<PollingBot> {
	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-e2e-'));
	// The store production uses (SQLite in DATA_DIR): every command reads the chat's language
	// choice and, after showing an issue, writes the reader's memory for /since.
	const keyv = await createKeyv({ dataDir });
	const archive = new Archive(createKeyvIssueStore(keyv));
	await ingestBytes(archive, await readFile(new URL('../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url)), 'reference.md');
	// The entity form: the fake host counts `sendMessage` answers and the bare bot replays one. Rich
	// replies (the default) are measured by the ask-stream section until the host counts them too.
	const settings = loadConfig({ TELEGRAM_BOT_TOKEN: host.token, TELEGRAM_API_ROOT: host.apiRoot, DATA_DIR: dataDir, TELEGRAM_RICH: 'off' });
	const dispatcher = createDispatcher(commands, { services: { archive, languages: cacheChatLanguages(createKeyvChatLanguageStore(keyv)) }, readers: createKeyvReaderMemory(keyv, archive) });
	// Production tuning (flood limit, typing and draft timing); the poll timeout is long so that a quiet fake means a finished answer (stop() aborts the poll).
	const adapter = await startTelegramAdapter({ settings, archive, dispatcher, log: pino({ level: 'silent' }) }, { pollTimeoutSeconds: 30 });
	return {
		async stop() {
			await adapter.stop();
			await keyv.disconnect();
			await rm(dataDir, { recursive: true, force: true });
		},
	};
}

/**
 * The bare bot: grammY and the same runner, answering every message with a constant — the
 * message the adapter sent for the same command in the same kind of chat, recorded once from the
 * fake. Same bytes on the wire and the same work for the fake, so the ratio is the cost of the
 * bot's own work (parsing, dispatching, rendering, streaming), not of the answer's size.
 */
function bareBotAnswering(answer: Readonly<Record<string, unknown>>): (host: FakeHost) => Promise<PollingBot> {
	const { chat_id: _chat, reply_parameters: quote, ...constant } = answer;
	return async (host) => {
		const bot = new Bot(host.token, { client: { apiRoot: host.apiRoot } });
		bot.catch((error) => process.stderr.write(`bare bot: ${error.message}\n`));
		bot.on('message:text', (ctx) => ctx.api.raw.sendMessage({ ...(constant as { text: string }), chat_id: ctx.chat.id, ...(quote ? { reply_parameters: { message_id: ctx.msg.message_id } } : {}) }));
		await bot.init();
		const runner: RunnerHandle = run(bot, { runner: { fetch: { timeout: 30 }, silent: true } });
		return { stop: () => runner.stop() };
	};
}

/**
 * Confirms every update up to `lastUpdateId`: a runner stops without confirming its last
 * batch, which the next bot would otherwise receive again.
 */
async function confirmUpdates(host: FakeHost, lastUpdateId: number): Promise<void> {
	await fetch(`${host.apiRoot}/bot${host.token}/getUpdates?offset=${lastUpdateId + 1}&timeout=0`).then((response) => response.arrayBuffer());
}

/** Updates/s a bot sustains answering `count` commands queued at once; learns from a warm-up how many messages an answer takes. */
async function throughput(host: FakeHost, start: (host: FakeHost) => Promise<PollingBot>, kind: ChatKind, count: number): Promise<number> {
	const bot = await start(host);
	let last = 0;
	try {
		await host.clear();
		const warmup = 100;
		last = await host.postTexts(storyPosts(warmup, kind));
		// Longer than any pause inside an answer (typing shows after 800 ms, drafts every 300 ms).
		await host.settle(1_500);
		const perAnswer = Math.round((await host.sent()) / warmup);
		if (perAnswer < 1) throw new Error(`e2e warm-up: ${await host.sent()} messages for ${warmup} commands`);
		await host.clear();
		const posts = storyPosts(count, kind);
		const started = performance.now();
		last = await host.postTexts(posts);
		await host.waitSent(Math.round(count * perAnswer));
		return count / ((performance.now() - started) / 1000);
	} finally {
		await bot.stop();
		await confirmUpdates(host, last);
		await host.settle();
	}
}

/** What the adapter sends for one `/story 3` in this kind of chat, as the fake recorded it. */
async function recordAnswer(host: FakeHost, kind: ChatKind): Promise<Record<string, unknown>> {
	await throughput(host, startAdapter, kind, 1);
	const [answer] = await host.bodies();
	if (!answer) throw new Error('e2e: the adapter sent nothing to record');
	return answer.body as Record<string, unknown>;
}

/**
 * Updates/s through the real Telegram adapter answering `/story 3`, against a bare grammY bot
 * (same runner) sending the same answer as a constant, on the same fake, alternating per
 * repetition after one unmeasured round of each (the first round in a process runs cold code).
 */
export async function measureE2e(updates = 1500, repetitions = 3, kinds: readonly ChatKind[] = ['private', 'group']): Promise<E2eFigures> {
	const host = await startFakeHost('telegram');
	const ratio = {} as Record<ChatKind, number>;
	const adapterPerSecond = {} as Record<ChatKind, number>;
	const barePerSecond = {} as Record<ChatKind, number>;
	const oneLinePerSecond = {} as Record<ChatKind, number>;
	try {
		for (const kind of kinds) {
			const startBareBot = bareBotAnswering(await recordAnswer(host, kind));
			await throughput(host, startAdapter, kind, updates);
			await throughput(host, startBareBot, kind, updates);
			const ratios: number[] = [];
			const adapter: number[] = [];
			const bare: number[] = [];
			for (let round = 0; round < repetitions; round += 1) {
				adapter.push(await throughput(host, startAdapter, kind, updates));
				bare.push(await throughput(host, startBareBot, kind, updates));
				ratios.push(adapter.at(-1)! / bare.at(-1)!);
			}
			ratio[kind] = median(ratios);
			adapterPerSecond[kind] = median(adapter);
			barePerSecond[kind] = median(bare);
			oneLinePerSecond[kind] = await throughput(host, bareBotAnswering({ text: 'Story 3: a constant answer.' }), kind, updates);
		}
	} finally {
		await host.close();
	}
	return { ratio, adapterPerSecond, barePerSecond, oneLinePerSecond };
}
