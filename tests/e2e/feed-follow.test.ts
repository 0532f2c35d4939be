import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { entry, rssFeed } from '../builders/feed-builder.js';
import { FakeFeedHost } from '../fakes/feed-host.js';
import { FakeTelegramBotApi, fakeToken } from '../fakes/telegram-bot-api.js';
import { startBot, type BotProcess } from './bot-process.js';

const chatId = 5_001;
const publishToken = 'e2e-feed-publish-token-0123456789';
let folder: string;
let telegram: FakeTelegramBotApi;
let host: FakeFeedHost;
let bot: BotProcess | undefined;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-feed-e2e-'));
	telegram = await FakeTelegramBotApi.start();
	host = await FakeFeedHost.start();
});

afterEach(async () => {
	await bot?.kill('SIGKILL');
	bot = undefined;
	await telegram.close();
	await host.close();
	await rm(folder, { recursive: true, force: true });
});

/** Messages the Telegram fake accepted for the chat that start with `title`. */
function postsOf(title: string): number {
	return telegram.callsTo('sendMessage').filter((call) => call.ok && String(call.params.chat_id) === String(chatId) && String(call.params.text ?? '').startsWith(title)).length;
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
	const started = Date.now();
	while (!probe()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}\n${bot?.output().split('\n').slice(-30).join('\n')}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('when a running bot follows a feed (FEED_URLS) and the publisher adds an item', () => {
	it('then a Telegram subscriber gets the new item once, the backlog is not posted, and /feed.xml lists it', async () => {
		const dataDir = join(folder, 'data');
		const digestDir = join(folder, 'digests');
		await mkdir(digestDir, { recursive: true });
		const keyv = await createKeyv({ dataDir });
		telegram.addChat({ id: chatId, type: 'private', first_name: 'Reader' });
		await createKeyvSubscriptionStore(keyv).subscribe({ platform: 'telegram', chatId: String(chatId), kind: 'private', format: 'headlines', createdBy: String(chatId) });
		await keyv.disconnect();
		const served = host.feed('/feed', { body: rssFeed([entry('old', '2026-11-20T08:00:00Z', 'Backlog issue')]), etag: true });

		bot = startBot({
			TELEGRAM_BOT_TOKEN: fakeToken,
			TELEGRAM_API_ROOT: telegram.apiRoot,
			DATA_DIR: dataDir,
			DIGEST_DIR: digestDir,
			HTTP_PORT: '0',
			PUBLISH_TOKEN: publishToken,
			FEED_URLS: host.url('/feed'),
			FEED_ALLOW_PRIVATE: 'true',
			// About a second between polls, so the test sees several.
			FEED_POLL_MINUTES: '0.02',
			// Posts are counted by their text; rich posts have their own tests (tests/adapters/telegram/rich/).
			TELEGRAM_RICH: 'off',
		});
		await bot.ready();
		await waitUntil('the first poll filed the backlog', () => bot!.output().includes('feed items filed'));

		served.body = rssFeed([entry('new', '2026-11-27T08:00:00Z', 'Fresh from the feed'), entry('old', '2026-11-20T08:00:00Z', 'Backlog issue')]);
		await waitUntil('the new item reached the subscriber', () => postsOf('Fresh from the feed') > 0);
		const polled = host.requestsTo('/feed').length;
		await waitUntil('three more polls ran', () => host.requestsTo('/feed').length >= polled + 3);
		expect(postsOf('Fresh from the feed')).toBe(1);
		expect(postsOf('Backlog issue')).toBe(0);
		// Unchanged polls were answered 304 to the ETag the bot sent back.
		expect(host.requestsTo('/feed').at(-1)?.headers['if-none-match']).toMatch(/^"/);

		const port = Number(/"httpPort":(\d+)/.exec(bot.output())?.[1]);
		const health = (await (await fetch(`http://127.0.0.1:${port}/health`, { headers: { Authorization: `Bearer ${publishToken}` } })).json()) as { feeds: { url: string; state: string }[] };
		expect(health.feeds).toEqual([expect.objectContaining({ url: host.url('/feed'), state: 'ok', title: 'Example Weekly' })]);
		const parsed = parseFeed(await (await fetch(`http://127.0.0.1:${port}/feed.xml`)).text());
		expect(parsed.format === 'rss' && parsed.feed.items?.map((item) => [item.title, item.link])).toEqual([
			['Fresh from the feed', 'https://news.example.org/p/new'],
			['Backlog issue', 'https://news.example.org/p/old'],
		]);
	}, 90_000);
});
