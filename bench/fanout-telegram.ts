import type { Chat } from 'grammy/types';
import { RichSupport } from '../adapters/telegram/rich/rich-support.js';
import { createTelegramDeliveryTransport } from '../adapters/telegram/telegram-delivery-transport.js';
import { createTelegramHttpClient, type TelegramHttpClient } from '../adapters/telegram/telegram-http-client.js';
import type { RateLimitSettings } from '../tests/delivery/named-limits.js';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import type { FloodLimits } from '../tests/fakes/telegram-flood-limits.js';
import { startFakeHost, type FakeHost } from './fake-host.js';
import { compareFanout, createFanoutRig, defaultConcurrency, replayPosts, type FanoutFigures, type FanoutRig } from './fanout.js';
import { median } from './stats.js';

/** `count` subscribers, every tenth a group (so the per-group window is exercised), all known to the fake. */
async function telegramSubscribers(host: FakeHost, count: number, firstId: number): Promise<NewSubscription[]> {
	const subscriptions: NewSubscription[] = [];
	const chats: Chat[] = [];
	for (let n = 0; n < count; n += 1) {
		const group = n % 10 === 9;
		const id = group ? -(firstId + n) : firstId + n;
		chats.push(group ? { id, type: 'group', title: 'Readers' } : { id, type: 'private', first_name: 'Reader' });
		subscriptions.push({ platform: 'telegram', chatId: String(id), kind: group ? 'group' : 'private', format: 'top', createdBy: String(Math.abs(id)) });
	}
	for (let start = 0; start < chats.length; start += 5_000) await host.addChats(chats.slice(start, start + 5_000));
	return subscriptions;
}

/**
 * Telegram subscribers (`format: top`) through the real queue, worker and transport, against a
 * bare `fetch` loop of the same request bodies. `httpClient` is the production one (undici,
 * a socket per worker slot) unless given, e.g. `nodeFetchClient` to compare with grammY's default.
 * `rich`: posts are rich messages (`sendRichMessage`, with the issue's footer), as on a server
 * that speaks them; otherwise text with entities.
 */
export async function measureTelegramFanout(subscribers = 10_000, repetitions = 3, httpClient: TelegramHttpClient = createTelegramHttpClient({ connections: defaultConcurrency }), rich = false): Promise<FanoutFigures> {
	const host = await startFakeHost('telegram');
	// The rig builds the archive the transport's footers read, after the transport it is handed.
	const issues: { archive?: FanoutRig['archive'] } = {};
	const transport = createTelegramDeliveryTransport({ token: host.token, apiRoot: host.apiRoot, httpClient, richSupport: new RichSupport(rich), issueOf: (id) => issues.archive?.get(id), botUsername: 'bench_bot' });
	const rig = await createFanoutRig({ subscriptions: await telegramSubscribers(host, subscribers, 2_000_000), transport, platform: 'telegram', issues: repetitions });
	issues.archive = rig.archive;
	try {
		return await compareFanout(host, rig, (posts) => replayPosts(posts, (post) => `${host.apiRoot}/bot${host.token}${post.path}`, {}, defaultConcurrency), repetitions);
	} finally {
		await rig.close();
		await host.close();
	}
}

export interface LimitFigures {
	/** Messages/s sustained ÷ the ceiling (median of the repetitions). */
	readonly utilisation: number;
	readonly perSecond: number;
	readonly ceiling: number;
	/** 429s the fake answered, over all repetitions. */
	readonly rejected: number;
	readonly messages: number;
}

/** Telegram's limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this) times `scale`. */
export function scaledTelegramLimits(scale: number): FloodLimits {
	return { perSecond: 30 * scale, perChatPerSecond: 1 * scale, groupPerMinute: 20 * scale };
}

/**
 * The bot broadcasting to a fake that enforces the scaled limits and answers 429 above them,
 * configured with the same limits: the share of the overall ceiling it sustains, and how many
 * 429s it provoked.
 */
export async function measureLimitUtilisation(scale: number, subscribers: number, repetitions = 3, concurrency = defaultConcurrency): Promise<LimitFigures> {
	const host = await startFakeHost('telegram');
	const floodLimits = scaledTelegramLimits(scale);
	await host.enforceFloodLimits(floodLimits);
	const limits: RateLimitSettings = { telegramPerSecond: floodLimits.perSecond, telegramPerChatPerSecond: floodLimits.perChatPerSecond, telegramGroupPerMinute: floodLimits.groupPerMinute, discordPerSecond: 50 };
	const transport = createTelegramDeliveryTransport({ token: host.token, apiRoot: host.apiRoot, httpClient: createTelegramHttpClient({ connections: concurrency }) });
	const rig = await createFanoutRig({ subscriptions: await telegramSubscribers(host, subscribers, 3_000_000), transport, platform: 'telegram', issues: repetitions, limits, concurrency });
	const rates: number[] = [];
	let messages = 0;
	try {
		for (let round = 0; round < repetitions; round += 1) {
			await host.clear();
			await rig.broadcast();
			// Sustained: from the first post the fake accepted to the last, as the platform sees them.
			const span = await host.sentSpan();
			messages = span.count;
			rates.push((span.count - 1) / ((span.lastAt - span.firstAt) / 1000));
		}
		const perSecond = median(rates);
		return { utilisation: perSecond / floodLimits.perSecond, perSecond, ceiling: floodLimits.perSecond, rejected: await host.floodRejections(), messages };
	} finally {
		await rig.close();
		await host.close();
	}
}
