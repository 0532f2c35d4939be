import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { NewSubscription, SubscriptionFormat } from '../../src/subscriptions/subscription.js';
import { buildDigest } from '../builders/digest-builder.js';
import { cardText } from '../fakes/discord-messages.js';
import { FakeDiscordServer } from '../fakes/discord-server.js';
import { FakeTelegramBotApi, fakeToken } from '../fakes/telegram-bot-api.js';
import { startBot, type BotProcess } from './bot-process.js';
import { messagePlain } from '../adapters/telegram/rich/rich-outline.js';

const discordToken = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.fake-token-for-tests-only';
const publishToken = 'e2e-publish-token-0123456789';
const referenceDigest = new URL('../../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url).pathname;
const newIssueTitle = 'Fresh Off The Press';
const formats: SubscriptionFormat[] = ['headlines', 'top', 'full'];

let folder: string;
let telegram: FakeTelegramBotApi;
let discord: FakeDiscordServer;
let bots: BotProcess[] = [];

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-e2e-'));
	telegram = await FakeTelegramBotApi.start();
	discord = await FakeDiscordServer.start({ token: discordToken });
});

afterEach(async () => {
	for (const bot of bots) await bot.kill('SIGKILL');
	bots = [];
	await telegram.close();
	await discord.close();
	await rm(folder, { recursive: true, force: true });
});

interface Target {
	readonly key: string;
	readonly subscription: NewSubscription;
}

/** 200 subscribers: private chats, groups, forum topics, channels on Telegram, and Discord channels. */
function targets(): Target[] {
	const list: Target[] = [];
	for (let index = 0; index < 200; index += 1) {
		const format = formats[index % 3]!;
		const kind = index % 5;
		if (kind === 4) {
			const channel = discord.guild.addChannel(`news-${index}`);
			list.push({ key: `discord:${channel.id}`, subscription: { platform: 'discord', chatId: channel.id, communityId: discord.identity.guildId, kind: 'community-channel', format, createdBy: 'admin' } });
			continue;
		}
		const id = kind === 0 ? 5_000 + index : -1_000_000 - index;
		const type: Chat['type'] = kind === 0 ? 'private' : kind === 3 ? 'channel' : 'supergroup';
		const chat = (type === 'private' ? { id, type, first_name: `Reader ${index}` } : { id, type, title: `Chat ${index}` }) as Chat;
		const topic = kind === 2 ? 77 : undefined;
		telegram.addChat(chat, topic ? [topic] : []);
		list.push({
			key: `telegram:${id}${topic ? `:${topic}` : ''}`,
			subscription: { platform: 'telegram', chatId: String(id), ...(topic ? { threadId: String(topic) } : {}), kind: type === 'private' ? 'private' : type === 'channel' ? 'channel' : 'group', format, createdBy: type === 'private' ? String(id) : 'admin' },
		});
	}
	return list;
}

/** A data folder holding the 200 subscriptions and an empty digest folder, as a bot's first start finds them. */
async function prepare(): Promise<{ dataDir: string; digestDir: string; list: Target[] }> {
	const dataDir = join(folder, 'data');
	const digestDir = join(folder, 'digests');
	const list = targets();
	await seed(dataDir, list);
	await mkdir(digestDir, { recursive: true });
	return { dataDir, digestDir, list };
}

async function seed(dataDir: string, list: readonly Target[]): Promise<void> {
	const keyv = await createKeyv({ dataDir });
	const store = createKeyvSubscriptionStore(keyv);
	for (const target of list) await store.subscribe(target.subscription);
	await keyv.disconnect();
}

/** How many times each target received the first message of the new issue. */
function receipts(): Map<string, number> {
	const counts = new Map<string, number>();
	const add = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
	for (const call of telegram.callsTo('sendMessage')) {
		if (!call.ok || !String(call.params.text ?? '').startsWith(newIssueTitle)) continue;
		add(`telegram:${String(call.params.chat_id)}${call.params.message_thread_id ? `:${String(call.params.message_thread_id)}` : ''}`);
	}
	for (const [channelId, messages] of discord.channelMessages) {
		// The issue's header heading opens the first message of each post; story footers repeat the title later on.
		// Posts are Components V2 cards by default (DISCORD_COMPONENTS_V2=on): their text is in text displays, not content.
		for (const message of messages) if ((message.content || cardText(message)).replace(/^#+\s*/, '').startsWith(newIssueTitle)) add(`discord:${channelId}`);
	}
	return counts;
}

/** Everything one target received, as text. */
function postText(key: string): string {
	const [platform, id, topic] = key.split(':');
	if (platform === 'discord') return JSON.stringify(discord.messagesIn(id!));
	return telegram
		.callsTo('sendMessage')
		.filter((call) => call.ok && String(call.params.chat_id) === id && String(call.params.message_thread_id ?? '') === (topic ?? ''))
		.map((call) => String(call.params.text))
		.join('\n');
}

/** What each format shows: headlines list the top stories, top explains them, full has every section. */
function looksLike(format: SubscriptionFormat, text: string): boolean {
	if (format === 'headlines') return text.includes('Top headlines') && !text.includes('It matters.');
	if (format === 'top') return text.includes('It matters.') && !text.includes('A paper');
	return text.includes('It matters.') && text.includes('A paper');
}

function botEnv(dataDir: string, digestDir: string): Record<string, string> {
	return {
		TELEGRAM_BOT_TOKEN: fakeToken,
		TELEGRAM_API_ROOT: telegram.apiRoot,
		DISCORD_TOKEN: discordToken,
		DISCORD_API_ROOT: discord.apiRoot,
		DATA_DIR: dataDir,
		DIGEST_DIR: digestDir,
		HTTP_PORT: '0',
		PUBLISH_TOKEN: publishToken,
		DELIVERY_CONCURRENCY: '4',
		// These posts are read as text (receipts, formats); rich posts have their own end-to-end tests (tests/adapters/telegram/rich/).
		TELEGRAM_RICH: 'off',
	};
}

async function publish(port: number): Promise<number> {
	const digest = buildDigest({ title: newIssueTitle, date: '2026-09-01', top: [{ title: 'First big thing', why: 'It matters.' }, { title: 'Second big thing' }], sections: { Research: [{ title: 'A paper' }] } });
	const response = await fetch(`http://127.0.0.1:${port}/issues?file=2026-09-01.md`, { method: 'POST', headers: { authorization: `Bearer ${publishToken}` }, body: digest });
	return response.status;
}

function httpPort(bot: BotProcess): number {
	const match = /"httpPort":(\d+)/.exec(bot.output());
	if (!match) throw new Error(`no HTTP port in the log:\n${bot.output()}`);
	return Number(match[1]);
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
	const started = Date.now();
	while (!probe()) {
		if (Date.now() - started > timeoutMs) {
			const served = [...receipts().keys()];
			const platforms = served.reduce<Record<string, number>>((count, key) => ({ ...count, [key.split(':')[0]!]: (count[key.split(':')[0]!] ?? 0) + 1 }), {});
			throw new Error(`timed out waiting until ${what}; served ${served.length}: ${JSON.stringify(platforms)}\n${bots.map((bot) => bot.output().split('\n').filter((line) => /"level":(40|50)/.test(line)).slice(0, 8).join('\n')).join('\n')}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('when a new issue is published to a running bot with 200 subscribers on both platforms', () => {
	it('then every subscriber gets exactly one post in its format, within Telegram\'s limits, the backlog is not posted, publishing again reposts nothing, and a private reader\'s /since counts the post as seen', async () => {
		const { dataDir, digestDir, list } = await prepare();
		// Telegram's own limits: 30 messages/s overall, 1/s per chat, 20/min per group; 429 above them.
		telegram.enforceFloodLimits();
		await copyFile(referenceDigest, join(digestDir, 'reference.md'));

		const bot = startBot(botEnv(dataDir, digestDir));
		bots.push(bot);
		await bot.ready();
		expect(receipts().size).toBe(0);

		expect(await publish(httpPort(bot))).toBe(201);
		await waitUntil('all 200 subscribers are served', () => receipts().size === 200);
		// A post of several messages to one Discord channel is paced to the channel's bucket (5 per 5 s): its last parts come a few seconds after its first.
		await waitUntil('every post is complete', () => list.every((target) => looksLike(target.subscription.format ?? 'headlines', postText(target.key))));
		await new Promise((resolve) => setTimeout(resolve, 300));
		const counts = receipts();
		expect([...counts.keys()].sort()).toEqual(list.map((target) => target.key).sort());
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		for (const target of list) expect(postText(target.key), target.key).toSatisfy((text: string) => looksLike(target.subscription.format ?? 'headlines', text));
		// Nothing of the backlog (the reference issue) was posted to anyone.
		expect(telegram.callsTo('sendMessage').some((call) => String(call.params.text ?? '').includes('Qwen 3.5'))).toBe(false);
		// Paced by construction: the bot never once went over a limit.
		expect(telegram.floodRejections).toBe(0);

		expect(await publish(httpPort(bot))).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect([...receipts().values()].every((count) => count === 1)).toBe(true);

		// The post to a private chat was sent to that reader: their /since is up to date with it.
		const reader = list.find((target) => target.subscription.kind === 'private' && target.subscription.platform === 'telegram')!;
		const readerId = Number(reader.subscription.chatId);
		telegram.postText({ id: readerId, type: 'private', first_name: 'Reader' }, '/since', { from: { id: readerId, is_bot: false, first_name: 'Reader' } });
		// A reply reads the same rich (TELEGRAM_RICH=on, the default) or not.
		await waitUntil('/since is answered', () => telegram.botMessages(readerId).some((message) => messagePlain(message).startsWith('You’re up to date')));
		expect(messagePlain(telegram.botMessages(readerId).at(-1)!)).toContain(newIssueTitle);
	}, 90_000);
});

describe('when the bot is killed with SIGKILL in the middle of a broadcast', () => {
	it('then the restarted bot serves everyone, and only posts in flight at the kill arrive twice', async () => {
		const { dataDir, digestDir } = await prepare();
		await copyFile(referenceDigest, join(digestDir, 'reference.md'));
		telegram.inject('sendMessage', ...Array.from({ length: 400 }, () => ({ delayMs: 40 })));

		const first = startBot(botEnv(dataDir, digestDir));
		bots.push(first);
		await first.ready();
		expect(await publish(httpPort(first))).toBe(201);
		await waitUntil('a third of the subscribers are served', () => receipts().size >= 60);
		await first.kill('SIGKILL');
		const servedBeforeKill = receipts().size;
		expect(servedBeforeKill).toBeLessThan(200);

		const second = startBot(botEnv(dataDir, digestDir));
		bots.push(second);
		await second.ready();
		await waitUntil('all 200 subscribers are served after the restart', () => receipts().size === 200, 60_000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const duplicates = [...receipts().values()].filter((count) => count > 1).length;
		// DELIVERY_CONCURRENCY is 4: at most 4 posts can have been in flight when the process died.
		expect(duplicates).toBeLessThanOrEqual(4);
		expect([...receipts().values()].every((count) => count <= 2)).toBe(true);
	}, 120_000);
});

describe('when Telegram answers every third post with 429, blocks some chats, and a group migrates', () => {
	it('then everyone else is served once after retry_after, blocked chats are unsubscribed, and the migrated group gets its post at the new id', async () => {
		const { dataDir, digestDir, list } = await prepare();
		const privateTargets = list.filter((target) => target.subscription.kind === 'private');
		const blocked = privateTargets.slice(0, 3).map((target) => Number(target.subscription.chatId));
		for (const chatId of blocked) telegram.blockChat(chatId);
		const storm = Array.from({ length: 120 }, () => [{}, {}, { status: 429 as const, retryAfter: 1 }]).flat();
		telegram.inject('sendMessage', ...storm);

		const bot = startBot(botEnv(dataDir, digestDir));
		bots.push(bot);
		await bot.ready();
		// A group becomes a supergroup before the issue comes out.
		const migrating = list.find((target) => target.subscription.kind === 'group' && !target.subscription.threadId)!;
		const newId = -1_009_999_999;
		telegram.addChat({ id: newId, type: 'supergroup', title: 'Upgraded' } as Chat);
		telegram.pushUpdate({ message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: Number(migrating.subscription.chatId), type: 'group', title: 'Old' }, migrate_to_chat_id: newId } as never });
		await waitUntil('the migration is handled', () => bot.output().includes('moved to the supergroup'));

		expect(await publish(httpPort(bot))).toBe(201);
		const expected = list
			.filter((target) => !blocked.includes(Number(target.subscription.chatId)))
			.map((target) => (target === migrating ? `telegram:${newId}` : target.key));
		await waitUntil('everyone not blocked is served', () => expected.every((key) => receipts().has(key)), 60_000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect([...receipts().values()].every((count) => count === 1)).toBe(true);
		expect(receipts().has(migrating.key)).toBe(false);

		const calls = telegram.callsTo('sendMessage');
		const limited = calls.filter((call) => !call.ok && call.params.chat_id !== undefined && !blocked.includes(Number(call.params.chat_id)));
		expect(limited.length).toBeGreaterThan(10);
		for (const failed of limited) {
			const next = calls.find((call) => call.at > failed.at && call.params.chat_id === failed.params.chat_id);
			expect(next, `a retry for ${String(failed.params.chat_id)}`).toBeDefined();
			expect(next!.at - failed.at).toBeGreaterThanOrEqual(950);
		}

		const keyv = await createKeyv({ dataDir });
		const store = createKeyvSubscriptionStore(keyv);
		for (const chatId of blocked) expect(await store.get(`telegram:${chatId}`)).toMatchObject({ status: 'ended', endReason: 'reader-left' });
		await keyv.disconnect();
	}, 120_000);
});
