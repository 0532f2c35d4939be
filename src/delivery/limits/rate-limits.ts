import type { Subscription } from '../../subscriptions/subscription.js';
import { PacedLimit } from './paced-limit.js';

/** "At most `limit` messages in any `windowMs`". */
export interface LimitRule {
	readonly limit: number;
	readonly windowMs: number;
}

/** A limit of each chat, for the chat kinds it applies to (every kind when absent). */
export interface ChatLimitRule extends LimitRule {
	readonly kinds?: readonly Subscription['kind'][];
}

/**
 * The ceilings of one platform, as its transport declares them (the core knows no platform's
 * numbers): one for the bot as a whole, any number per chat.
 */
export interface PlatformLimits {
	readonly overall: LimitRule;
	readonly perChat: readonly ChatLimitRule[];
}

export type LimitsByPlatform = Partial<Record<Subscription['platform'], PlatformLimits>>;

/**
 * The per-platform numbers in one object, kept for callers (tests, benchmarks) that set them
 * by name; the running bot takes them from the transports (`DeliveryTransport.limits`).
 */
export interface RateLimitSettings {
	readonly telegramPerSecond: number;
	readonly telegramPerChatPerSecond: number;
	readonly telegramGroupPerMinute: number;
	readonly discordPerSecond: number;
}

export const defaultRateLimits: RateLimitSettings = { telegramPerSecond: 30, telegramPerChatPerSecond: 1, telegramGroupPerMinute: 20, discordPerSecond: 50 };

/** {@link RateLimitSettings} as limit rules: the same shape the transports declare. */
export function limitsFromSettings(settings: RateLimitSettings): LimitsByPlatform {
	return {
		telegram: {
			overall: { limit: settings.telegramPerSecond, windowMs: 1_000 },
			perChat: [
				{ limit: settings.telegramPerChatPerSecond, windowMs: 1_000 },
				{ limit: settings.telegramGroupPerMinute, windowMs: 60_000, kinds: ['group', 'channel'] },
			],
		},
		discord: { overall: { limit: settings.discordPerSecond, windowMs: 1_000 }, perChat: [] },
	};
}

/** `wait` 0 means the message may go now and was counted; otherwise nothing was counted. */
export interface Reservation {
	readonly wait: number;
	/** `chat`: only this chat is limited, so the worker defers the job and serves others meanwhile. */
	readonly scope: 'none' | 'platform' | 'chat';
}

export interface DeliveryRateLimiter {
	reserve(subscription: Pick<Subscription, 'platform' | 'chatId' | 'kind'>): Reservation;
}

/** The chat rules that apply to a chat of this kind. */
export function chatRulesFor(limits: PlatformLimits | undefined, kind: Subscription['kind']): ChatLimitRule[] {
	return (limits?.perChat ?? []).filter((rule) => !rule.kinds || rule.kinds.includes(kind));
}

/**
 * Non-blocking: a caller learns how long to wait instead of being parked, which is what lets one
 * slow chat wait without holding a worker slot the other chats need. A message is counted
 * against its chat and its platform together, or against neither. In one process only; several
 * processes share a Redis-backed limiter (redis-rate-limiter.ts).
 */
export function createPacedRateLimiter(limits: LimitsByPlatform, now: () => number = Date.now): DeliveryRateLimiter {
	const paced = new Map<string, PacedLimit>();
	const pacedFor = (name: string, rule: LimitRule): PacedLimit => {
		let limit = paced.get(name);
		if (!limit) {
			limit = new PacedLimit(rule.limit, rule.windowMs);
			paced.set(name, limit);
		}
		return limit;
	};
	return {
		reserve(subscription) {
			const time = now();
			const platformLimits = limits[subscription.platform];
			if (!platformLimits) return { wait: 0, scope: 'none' };
			const chatLimits = (platformLimits.perChat ?? []).flatMap((rule, index) => (!rule.kinds || rule.kinds.includes(subscription.kind) ? [pacedFor(`${subscription.platform}:chat:${index}`, rule)] : []));
			const chatWait = Math.max(0, ...chatLimits.map((limit) => limit.wait(subscription.chatId, time)));
			if (chatWait > 0) return { wait: chatWait, scope: 'chat' };
			const platform = pacedFor(`${subscription.platform}:all`, platformLimits.overall);
			const platformWait = platform.wait('all', time);
			if (platformWait > 0) return { wait: platformWait, scope: 'platform' };
			platform.take('all', time);
			for (const limit of chatLimits) limit.take(subscription.chatId, time);
			return { wait: 0, scope: 'none' };
		},
	};
}

/**
 * Platform ceilings for broadcasts given by name. Telegram: about 30 messages/s overall (up to
 * 1000 with paid broadcasts), 1/s in one chat, 20/min in one group or channel
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * Discord: 50 requests/s per bot (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit).
 */
export function createDeliveryRateLimiter(settings: RateLimitSettings = defaultRateLimits, now: () => number = Date.now): DeliveryRateLimiter {
	return createPacedRateLimiter(limitsFromSettings(settings), now);
}
