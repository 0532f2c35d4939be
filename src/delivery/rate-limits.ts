import { RateLimitManager } from '@sapphire/ratelimits';
import type { Subscription } from '../subscriptions/subscription.js';

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
	/** Clears the buckets' sweep timers so the process can exit. */
	stop(): void;
}

/**
 * Non-blocking token buckets (fixed windows from @sapphire/ratelimits): a caller learns how long
 * to wait instead of being parked, which is what lets one slow chat wait without holding a
 * worker slot the other chats need.
 */
export function createDeliveryRateLimiter(settings: RateLimitSettings = defaultRateLimits): DeliveryRateLimiter {
	const managers = {
		telegram: new RateLimitManager<string>(1_000, settings.telegramPerSecond),
		telegramChat: new RateLimitManager<string>(1_000, settings.telegramPerChatPerSecond),
		telegramGroup: new RateLimitManager<string>(60_000, settings.telegramGroupPerMinute),
		discord: new RateLimitManager<string>(1_000, settings.discordPerSecond),
	};
	return {
		reserve(subscription) {
			const platform = subscription.platform === 'telegram' ? managers.telegram.acquire('all') : managers.discord.acquire('all');
			const chats =
				subscription.platform === 'telegram'
					? [managers.telegramChat.acquire(subscription.chatId), ...(subscription.kind === 'private' ? [] : [managers.telegramGroup.acquire(subscription.chatId)])]
					: [];
			const chatWait = Math.max(0, ...chats.filter((bucket) => bucket.limited).map((bucket) => bucket.remainingTime));
			if (chatWait > 0) return { wait: chatWait, scope: 'chat' };
			if (platform.limited) return { wait: Math.max(1, platform.remainingTime), scope: 'platform' };
			platform.consume();
			for (const bucket of chats) bucket.consume();
			return { wait: 0, scope: 'none' };
		},
		stop() {
			for (const manager of Object.values(managers)) {
				manager.clear();
				manager.sweep();
			}
		},
	};
}
