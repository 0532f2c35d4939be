import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat } from 'grammy/types';
import type { Keyv } from 'keyv';
import { createDiscordDelivery, type DiscordDelivery } from '../../adapters/discord/discord-delivery-transport.js';
import { createTelegramDeliveryTransport } from '../../adapters/telegram/telegram-delivery-transport.js';
import { Archive } from '../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { loadConfig } from '../../src/config/config.js';
import { createKeyvChatLanguageStore, type ChatLanguageStore } from '../../src/i18n/chat-language-store.js';
import type { LatestBroadcastSummary } from '../../src/delivery/broadcast-status.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import type { RunningPublishing } from '../../src/publish/start-publishing.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { buildDigest, type DigestFixture } from '../builders/digest-builder.js';
import { fakeToken as discordToken } from '../adapters/discord/discord-harness.js';
import { FakeDiscordServer } from '../fakes/discord-server.js';
import { FakeTelegramBotApi, fakeToken as telegramToken } from '../fakes/telegram-bot-api.js';
import { startPublishingSide } from '../helpers/publishing-side.js';

/** The issue as first published: three top stories, one with a typo in its title. */
export const firstRevision: DigestFixture = {
	title: 'Correction Digest',
	date: '2026-06-01',
	top: [
		{ title: 'Chips get cheaper', why: 'Everyone pays less.' },
		{ title: 'Rules get striter', why: 'Labs must file reports.' },
		{ title: 'Models get smaller', why: 'They run on phones.' },
	],
	sections: { Research: [{ title: 'A new benchmark' }] },
};

/** The same issue with the typo fixed. */
export const typoFixed: DigestFixture = { ...firstRevision, top: firstRevision.top?.map((story) => (story.title === 'Rules get striter' ? { ...story, title: 'Rules get stricter' } : story)) };

/** The typo fixed and a story added to Research. */
export const storyAdded: DigestFixture = { ...typoFixed, sections: { Research: [{ title: 'A new benchmark' }, { title: 'A second benchmark' }] } };

export const readers = { ada: { id: 7001, type: 'private', first_name: 'Ada' } as Chat, bo: { id: 7002, type: 'private', first_name: 'Bo' } as Chat };
export const discordChannel = '300000000000000001';

export interface CorrectionBot {
	readonly telegram: FakeTelegramBotApi;
	readonly discord: FakeDiscordServer;
	readonly archive: Archive;
	readonly subscriptions: SubscriptionStore;
	/** What `/settings language` writes. */
	readonly languages: ChatLanguageStore;
	readonly publishing: RunningPublishing;
	/** Publishes digest text as the DIGEST_DIR watcher or POST /issues would. */
	publish(fixture: DigestFixture | string): Promise<string>;
	/** Waits until the latest broadcast (and its correction, if it is one) has no job left. */
	settled(check?: (status: LatestBroadcastSummary) => boolean): Promise<LatestBroadcastSummary>;
	/** Everything the bot posted or edited in Discord, as text. */
	discordText(): string;
	close(): Promise<void>;
}

export interface BotOptions {
	/** Extra settings, e.g. STORE_URL and REDIS_KEY_PREFIX for the BullMQ engine. */
	readonly env?: Readonly<Record<string, string>>;
	/** A keyv other than SQLite in a fresh folder (Redis). */
	readonly keyv?: () => Promise<Keyv>;
	/** A restart: the data folder and the fakes of the bot before, which `close` then leaves alone. */
	readonly restart?: { readonly folder: string; readonly telegram: FakeTelegramBotApi; readonly discord: FakeDiscordServer };
	/** Published into the archive before publishing starts: a file changed while the bot was down. */
	readonly publishBeforeStart?: DigestFixture;
}

/** The publishing side with the real Telegram and Discord transports against the fakes, three subscribers (two Telegram chats in `full` and `headlines`, one Discord channel in `full`). */
export async function startCorrectionBot(options: BotOptions = {}): Promise<CorrectionBot & { folder: string }> {
	const { restart } = options;
	const folder = restart?.folder ?? (await mkdtemp(join(tmpdir(), 'digestbot-corrections-')));
	const telegram = restart?.telegram ?? (await FakeTelegramBotApi.start());
	const discord = restart?.discord ?? (await FakeDiscordServer.start());
	if (!restart) for (const chat of Object.values(readers)) telegram.addChat(chat);
	const settings = loadConfig({ DIGEST_DIR: join(folder, 'digests'), DATA_DIR: join(folder, 'data'), ...options.env });
	const keyv = options.keyv ? await options.keyv() : await createKeyv({ dataDir: settings.dataDir });
	const archive = new Archive(createKeyvIssueStore(keyv));
	await archive.load();
	const subscriptions = createKeyvSubscriptionStore(keyv);
	if (!restart) {
		await subscriptions.subscribe({ platform: 'telegram', chatId: String(readers.ada.id), kind: 'private', format: 'full', createdBy: String(readers.ada.id) });
		await subscriptions.subscribe({ platform: 'telegram', chatId: String(readers.bo.id), kind: 'private', format: 'headlines', createdBy: String(readers.bo.id) });
		await subscriptions.subscribe({ platform: 'discord', chatId: discordChannel, kind: 'community-channel', communityId: '123456789012345678', format: 'full', createdBy: 'admin' });
	}
	const publish = async (fixture: DigestFixture | string): Promise<string> => {
		const text = typeof fixture === 'string' ? fixture : buildDigest(fixture);
		const { outcome } = await archive.put(parseIssue(text, { file: '2026-06-01.md' }).issue, { bytes: text, file: '2026-06-01.md' });
		return outcome;
	};
	if (options.publishBeforeStart) await publish(options.publishBeforeStart);
	const discordDelivery: DiscordDelivery = createDiscordDelivery({ token: discordToken, apiRoot: discord.apiRoot });
	const transports = { telegram: createTelegramDeliveryTransport({ token: telegramToken, apiRoot: telegram.apiRoot }), discord: discordDelivery.transport };
	const side = await startPublishingSide({ settings, keyv, archive, subscriptions, watch: false });
	const { publishing } = side;
	publishing.deliverThrough(transports);
	return {
		folder,
		telegram,
		discord,
		archive,
		subscriptions,
		languages: createKeyvChatLanguageStore(keyv),
		publishing,
		publish,
		async settled(check = () => true) {
			const started = Date.now();
			for (;;) {
				const status = await publishing.broadcastStatus();
				if (status && status.pending === 0 && (status.correction?.pending ?? 0) === 0 && check(status)) return status;
				if (Date.now() - started > 15_000) throw new Error(`deliveries did not settle: ${JSON.stringify(status)}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		discordText() {
			return discord
				.messagesIn(discordChannel)
				.filter((message) => !message.deleted)
				.map((message) => `${message.content} ${JSON.stringify(message.embeds)}`)
				.join('\n');
		},
		async close() {
			await side.stop();
			discordDelivery.stop();
			await keyv.disconnect();
			if (!restart) {
				await telegram.close();
				await discord.close();
				await rm(folder, { recursive: true, force: true });
			}
		},
	};
}
