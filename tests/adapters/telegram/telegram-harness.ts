import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { Keyv } from 'keyv';
import { pino } from 'pino';
import type { Chat, User } from 'grammy/types';
import type { RunningAdapter } from '../../../adapters/adapter.js';
import { startTelegramAdapter, type TelegramAdapterTuning } from '../../../adapters/telegram/index.js';
import { commands } from '../../../commands/index.js';
import { Archive } from '../../../src/archive/archive.js';
import { ingestBytes } from '../../../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../../../src/archive/issue-store.js';
import { createAskServiceFromSettings } from '../../../src/ask/ask-from-settings.js';
import type { Command } from '../../../src/command/command.js';
import { createDispatcher, type DispatcherServices } from '../../../src/command/dispatcher.js';
import type { ChatLanguageStore } from '../../../src/i18n/chat-language-store.js';
import { loadConfig } from '../../../src/config/config.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { createKeyvReaderMemory } from '../../../src/readers/reader-memory.js';
import type { PublicationCatalogue } from '../../../src/publications/publication-catalogue.js';
import type { SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { FakeTelegramBotApi, fakeToken, type StoredMessage } from '../../fakes/telegram-bot-api.js';

/** The reference digest (latest issue, 34 stories) the README and other tests quote. */
export const referenceDigest = new URL('../../../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url);

/** An older issue whose one story is far longer than a Telegram message, with marks, links, emoji and curly quotes. */
export function buildLongDigest(): string {
	const paragraph = (n: number): string =>
		`Paragraph ${n} 🚀 of the long story: the “team” said **bold claim ${n}** holds, and *careful reading* shows why. ` +
		'Details follow in plain words so the paragraph runs long enough to matter. '.repeat(8) +
		`See the [release notes ${n}](https://example.com/notes/${n}) for more [1].`;
	const body = Array.from({ length: 14 }, (_, index) => paragraph(index + 1)).join('\n\n');
	return [
		'# The Long Issue',
		'',
		'2026-02-01',
		'',
		'A lead paragraph that says what this issue covers, long enough to read as prose.',
		'',
		'## Top Stories',
		'',
		'### 1) A very long story about <b>tags</b> & ampersands',
		'',
		'*Why it matters:* Long answers must arrive whole, split on paragraph boundaries.',
		'',
		body,
		'',
		'### 2) A short story',
		'',
		'Short body [1].',
		'',
		'## Sources',
		'',
		'1. [Source one](https://example.com/s/1)',
		'',
	].join('\n');
}

export interface LogLine {
	readonly level: number;
	readonly msg: string;
	readonly [key: string]: unknown;
}

export interface Harness {
	readonly fake: FakeTelegramBotApi;
	readonly adapter: RunningAdapter;
	/** The archive the bot reads, for tests that publish while it runs. */
	readonly archive: Archive;
	readonly logs: LogLine[];
	/** Everything written to the log, for "the token never appears" checks. */
	readonly rawLog: () => string;
	close(): Promise<void>;
}

/** Test timing: typing shows quickly, drafts are never skipped, polls are short. */
export const fastTuning: TelegramAdapterTuning = {
	timing: { typingAfterMs: 150, draftIntervalMs: 0 },
	pollTimeoutSeconds: 1,
	rateLimit: { limit: 1000, windowMs: 1000 },
};

/** Starts the fake Bot API and the real adapter (real grammY, runner, HTTP) against it. */
export async function startHarness(
	options: {
		tuning?: TelegramAdapterTuning;
		env?: Record<string, string>;
		subscriptions?: SubscriptionStore;
		extraCommands?: readonly Command[];
		languages?: ChatLanguageStore;
		broadcastStatus?: DispatcherServices['broadcastStatus'];
		/** An archive the test filled (several publications); absent: the reference and the long digest. */
		archive?: Archive;
		/** The publications as the composition root names them (`PUBLICATIONS`); absent: built from the archive. */
		publications?: PublicationCatalogue;
	} = {},
): Promise<Harness> {
	const fake = await FakeTelegramBotApi.start();
	const archive = options.archive ?? (await referenceArchive());
	// An extra command replaces a built-in one of the same name (a scripted stand-in for /ask).
	const extra = options.extraCommands ?? [];
	// The entity form unless a test asks for rich messages (`env: { TELEGRAM_RICH: 'on' }`): the tests
	// written for it keep proving the form every server older than Bot API 10.1 still gets.
	const settings = loadConfig({ TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: '/tmp/digestbot-telegram-tests', TELEGRAM_RICH: 'off', ...options.env });
	let raw = '';
	const logs: LogLine[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			raw += chunk.toString();
			for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
			done();
		},
	});
	const log = pino({ level: 'debug' }, sink);
	// /ask as the composition root builds it: through the model when the env names one (LLM_BASE_URL at a fake).
	const ask = createAskServiceFromSettings(settings, archive, log);
	// The dispatcher as the composition root builds it: every service a command uses, and ADMIN_IDS.
	const dispatcher = createDispatcher([...commands.filter((command) => !extra.some((candidate) => candidate.name === command.name)), ...extra], {
		services: { archive, log, ask, languages: options.languages, subscriptions: options.subscriptions, broadcastStatus: options.broadcastStatus, publications: options.publications },
		adminIds: settings.ADMIN_IDS,
		readers: createKeyvReaderMemory(new Keyv(), archive),
	});
	// In webhook mode the adapter adds its route to the bot's HTTP server, opened as the composition root opens it.
	let http: HttpServer | undefined;
	if (settings.TELEGRAM_WEBHOOK_URL) {
		http = createHttpServer({ routes: [], log });
		await http.listen(settings.HTTP_PORT ?? 0, '127.0.0.1');
	}
	const adapter = await startTelegramAdapter(
		{ settings, archive, dispatcher, log, http, subscriptions: options.subscriptions },
		options.tuning ?? fastTuning,
	);
	return {
		fake,
		adapter,
		archive,
		logs,
		rawLog: () => raw,
		close: async () => {
			await http?.close();
			await adapter.stop();
			await fake.close();
		},
	};
}

/** The archive most tests read: the reference digest and the long one, one publication. */
async function referenceArchive(): Promise<Archive> {
	const archive = new Archive(createKeyvIssueStore(new Keyv()));
	await ingestBytes(archive, await readFile(referenceDigest), 'reference.md');
	await ingestBytes(archive, new TextEncoder().encode(buildLongDigest()), 'long.md');
	return archive;
}

let nextId = 1000;

/** A fresh user, so rate limits and chats never leak between tests. */
export function newUser(name = 'Ada'): User {
	nextId += 1;
	return { id: nextId, is_bot: false, first_name: name };
}

export function privateChat(user: User): Chat {
	return { id: user.id, type: 'private', first_name: user.first_name };
}

export function groupChat(options: { forum?: boolean } = {}): Chat {
	nextId += 1;
	return { id: -100_000 - nextId, type: 'supergroup', title: 'Readers', ...(options.forum ? { is_forum: true } : {}) } as Chat;
}

export function channelChat(): Chat {
	nextId += 1;
	return { id: -200_000 - nextId, type: 'channel', title: 'Digest channel' };
}

/** Waits until the bot has sent `count` messages to the chat and the exchange has gone quiet. */
export async function botReplies(fake: FakeTelegramBotApi, chatId: number, count = 1): Promise<StoredMessage[]> {
	await fake.waitFor(() => fake.botMessages(chatId).length >= count);
	await fake.settle();
	return fake.botMessages(chatId);
}

/** The callback data of the button with this label on a message. */
export function buttonData(message: StoredMessage, label: string | RegExp): string {
	const rows = (message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
	const button = rows.flat().find((candidate) => (typeof label === 'string' ? candidate.text === label : label.test(candidate.text)));
	if (!button?.callback_data) throw new Error(`no button ${String(label)} on message ${message.message_id}; buttons: ${rows.flat().map((b) => b.text).join(', ')}`);
	return button.callback_data;
}

/** Labels of the buttons under a message. */
export function buttonLabels(message: StoredMessage | undefined): string[] {
	const rows = (message?.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? [];
	return rows.flat().map((button) => button.text);
}
