import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, InputRichMessageWithoutUpload } from 'grammy/types';
import type { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramTransport } from '../../../../adapters/telegram/index.js';
import { RichSupport } from '../../../../adapters/telegram/rich/rich-support.js';
import { Archive } from '../../../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../../../src/archive/issue-store.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { LatestBroadcastSummary } from '../../../../src/delivery/broadcast-status.js';
import { createLogger } from '../../../../src/logger.js';
import { parseIssue } from '../../../../src/parser/parse-issue.js';
import { createKeyv } from '../../../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../../../src/subscriptions/subscription-store.js';
import { buildDigest, type DigestFixture } from '../../../builders/digest-builder.js';
import { FakeTelegramBotApi, fakeToken, type StoredMessage } from '../../../fakes/telegram-bot-api.js';
import { startPublishingSide, type PublishingSide } from '../../../helpers/publishing-side.js';
import { richNodes, richPlain } from './rich-outline.js';

/** An issue with a typo in a top story's title, and the same issue with it fixed. */
const firstRevision: DigestFixture = {
	title: 'Rich Digest',
	date: '2026-06-01',
	top: [
		{ title: 'Chips get cheaper', why: 'Everyone pays less.' },
		{ title: 'Rules get striter', why: 'Labs must file reports.' },
	],
	sections: { Research: [{ title: 'A new benchmark' }] },
};
const typoFixed: DigestFixture = { ...firstRevision, top: [firstRevision.top![0]!, { title: 'Rules get stricter', why: 'Labs must file reports.' }] };
const titles = ['1. Chips get cheaper', '2. Rules get stricter', '3. A new benchmark'];

interface RichBot {
	readonly fake: FakeTelegramBotApi;
	readonly chats: readonly Chat[];
	publish(fixture: DigestFixture): Promise<void>;
	settled(check: (status: LatestBroadcastSummary) => boolean): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The publishing side with the Telegram transport the composition builds (createTelegramTransport,
 * TELEGRAM_RICH as given), private chats subscribed in `full`, against the fake Bot API.
 */
async function startRichBot(options: { chats: number; rich?: 'on' | 'off'; prepare?: (fake: FakeTelegramBotApi, chats: readonly Chat[]) => void; richSupport?: RichSupport }): Promise<RichBot> {
	const fake = await FakeTelegramBotApi.start();
	cleanups.push(() => fake.close());
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-rich-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	const settings = loadConfig({ DIGEST_DIR: join(folder, 'digests'), DATA_DIR: join(folder, 'data'), TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_RICH: options.rich ?? 'on' });
	const keyv: Keyv = await createKeyv({ dataDir: settings.dataDir });
	cleanups.push(() => keyv.disconnect());
	const archive = new Archive(createKeyvIssueStore(keyv));
	await archive.load();
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const chats = Array.from({ length: options.chats }, (_, index) => ({ id: 8_100 + index, type: 'private', first_name: `Reader ${index}` }) as Chat);
	for (const chat of chats) {
		fake.addChat(chat);
		await subscriptions.subscribe({ platform: 'telegram', chatId: String(chat.id), kind: 'private', format: 'full', createdBy: String(chat.id) });
	}
	options.prepare?.(fake, chats);
	const transport = createTelegramTransport({ settings, log: createLogger('silent'), subscriptions, archive }, { ...(options.richSupport ? { richSupport: options.richSupport } : {}), botUsername: 'digest_test_bot' });
	const side: PublishingSide = await startPublishingSide({ settings, keyv, archive, subscriptions, watch: false });
	cleanups.push(() => side.stop());
	side.publishing.deliverThrough({ telegram: transport });
	return {
		fake,
		chats,
		async publish(fixture) {
			const text = buildDigest(fixture);
			await archive.put(parseIssue(text, { file: '2026-06-01.md' }).issue, { bytes: text, file: '2026-06-01.md' });
		},
		async settled(check) {
			const started = Date.now();
			for (;;) {
				const status = await side.publishing.broadcastStatus();
				if (status && status.pending === 0 && (status.correction?.pending ?? 0) === 0 && check(status)) return;
				if (Date.now() - started > 20_000) throw new Error(`deliveries did not settle: ${JSON.stringify(status)}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
	};
}

/** What a reader sees of the bot's messages in a chat, as plain text. */
function shown(message: StoredMessage): string {
	if (message.rich_message === undefined) return message.text;
	return [...richNodes((message.rich_message as InputRichMessageWithoutUpload).blocks)].map((node) => (node.type === 'details' ? richPlain(node.summary) : '')).join('\n');
}

function expectEveryStoryOnce(fake: FakeTelegramBotApi, chat: Chat, expected: readonly string[]): void {
	const text = fake.botMessages(chat.id).map(shown).join('\n');
	for (const title of expected) expect(text.split(title).length - 1, `${title} in chat ${chat.id}`).toBe(1);
}

describe('when an issue is delivered to many chats, some of which refuse rich messages for their own reason', () => {
	it('then each chat gets it exactly once — one rich message, or text where refused — and a correction edits each in its own kind', async () => {
		const refusing = new Set([8_102, 8_105]);
		const bot = await startRichBot({ chats: 8, prepare: (fake) => refusing.forEach((id) => fake.refuseRichMessagesIn(id)) });
		await bot.publish(firstRevision);
		await bot.settled((status) => status.delivered === 8);
		const before = titles.map((title) => title.replace('stricter', 'striter'));
		for (const chat of bot.chats) {
			const messages = bot.fake.botMessages(chat.id);
			expect(messages.length).toBeGreaterThan(0);
			expect(messages.every((message) => (message.rich_message !== undefined) === !refusing.has(chat.id))).toBe(true);
			if (!refusing.has(chat.id)) expect(messages).toHaveLength(1);
			expectEveryStoryOnce(bot.fake, chat, before);
		}
		const posted = new Map(bot.chats.map((chat) => [chat.id, bot.fake.botMessages(chat.id).length]));

		await bot.publish(typoFixed);
		await bot.settled((status) => status.correction?.edited === 8);
		const edits = bot.fake.callsTo('editMessageText').filter((call) => call.ok);
		expect(edits.filter((call) => call.params.rich_message !== undefined)).toHaveLength(6);
		expect(edits.filter((call) => refusing.has(Number(call.params.chat_id))).every((call) => call.params.rich_message === undefined)).toBe(true);
		for (const chat of bot.chats) {
			expect(bot.fake.botMessages(chat.id)).toHaveLength(posted.get(chat.id)!);
			expectEveryStoryOnce(bot.fake, chat, titles);
		}
	});
});

describe('when the Bot API server does not speak rich messages', () => {
	it('then every chat gets today’s text messages once, and the posts after the first refusals never try rich', async () => {
		const richSupport = new RichSupport();
		const bot = await startRichBot({ chats: 20, richSupport, prepare: (fake) => fake.speakRichMessages(false) });
		await bot.publish(firstRevision);
		await bot.settled((status) => status.delivered === 20);
		const refusals = bot.fake.callsTo('sendRichMessage');
		expect(refusals.every((call) => call.errorCode === 404)).toBe(true);
		// At most the posts already in flight when the first refusal came back tried (DELIVERY_CONCURRENCY).
		expect(refusals.length).toBeGreaterThan(0);
		expect(refusals.length).toBeLessThanOrEqual(8);
		expect(richSupport.state).toBe('lacks');
		for (const chat of bot.chats) {
			expect(bot.fake.botMessages(chat.id).every((message) => message.rich_message === undefined)).toBe(true);
			expectEveryStoryOnce(bot.fake, chat, titles.map((title) => title.replace('stricter', 'striter')));
		}
	});
});

describe('when TELEGRAM_RICH is off', () => {
	it('then posts are text with entities and no rich method is ever called', async () => {
		const bot = await startRichBot({ chats: 2, rich: 'off' });
		await bot.publish(firstRevision);
		await bot.settled((status) => status.delivered === 2);
		expect(bot.fake.callsTo('sendRichMessage')).toHaveLength(0);
		for (const chat of bot.chats) {
			const messages = bot.fake.botMessages(chat.id);
			expect(messages.length).toBeGreaterThan(0);
			expect(messages.every((message) => message.rich_message === undefined && (message.entities?.length ?? 0) > 0)).toBe(true);
		}
	});
});
