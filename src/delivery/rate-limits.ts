import type { Subscription } from '../subscriptions/subscription.js';
import { PacedLimit } from './paced-limit.js';

/**
 * Platform ceilings for broadcasts. Telegram: about 30 messages/s overall (up to 1000 with paid
 * broadcasts), 1/s in one chat, 20/min in one group or channel
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * Discord: 50 requests/s per bot (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit);
 * per-route buckets are left to discord.js, which tracks them from response headers.
 */
export interface RateLimitSettings {
	readonly telegramPerSecond: number;
	readonly telegramPerChatPerSecond: number;
	readonly telegramGroupPerMinute: number;
	readonly discordPerSecond: number;
}

export const defaultRateLimits: RateLimitSettings = { telegramPerSecond: 30, telegramPerChatPerSecond: 1, telegramGroupPerMinute: 20, discordPerSecond: 50 };

/** `wait` 0 means the message may go now and was counted; otherwise nothing was counted. */
export interface Reservation {
	readonly wait: number;
	/** `chat`: only this chat is limited, so the worker defers the job and serves others meanwhile. */
	readonly scope: 'none' | 'platform' | 'chat';
}

export interface DeliveryRateLimiter {
	reserve(subscription: Pick<Subscription, 'platform' | 'chatId' | 'kind'>): Reservation;
}

/**
 * Non-blocking: a caller learns how long to wait instead of being parked, which is what lets one
 * slow chat wait without holding a worker slot the other chats need. A message is counted
 * against its chat and its platform together, or against neither.
 */
export function createDeliveryRateLimiter(settings: RateLimitSettings = defaultRateLimits, now: () => number = Date.now): DeliveryRateLimiter {
	const telegram = new PacedLimit(settings.telegramPerSecond, 1_000);
	const telegramChat = new PacedLimit(settings.telegramPerChatPerSecond, 1_000);
	const telegramGroup = new PacedLimit(settings.telegramGroupPerMinute, 60_000);
	const discord = new PacedLimit(settings.discordPerSecond, 1_000);
	return {
		reserve(subscription) {
			const time = now();
			const chatLimits = subscription.platform === 'telegram' ? (subscription.kind === 'private' ? [telegramChat] : [telegramChat, telegramGroup]) : [];
			const chatWait = Math.max(0, ...chatLimits.map((limit) => limit.wait(subscription.chatId, time)));
			if (chatWait > 0) return { wait: chatWait, scope: 'chat' };
			const platform = subscription.platform === 'telegram' ? telegram : discord;
			const platformWait = platform.wait('all', time);
			if (platformWait > 0) return { wait: platformWait, scope: 'platform' };
			platform.take('all', time);
			for (const limit of chatLimits) limit.take(subscription.chatId, time);
			return { wait: 0, scope: 'none' };
		},
	};
}
