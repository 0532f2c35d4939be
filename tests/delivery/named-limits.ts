import { createPacedRateLimiter, type PacedRateLimiter } from '../../src/delivery/limits/paced-rate-limiter.js';
import type { LimitsByPlatform } from '../../src/delivery/rate-reserver.js';

/**
 * Platform limits set by name, for tests and benchmarks that turn them up or down. The running
 * bot takes its limits from the transports, which declare them from their own settings; the
 * core holds no platform's numbers, so these live here.
 */
export interface RateLimitSettings {
	readonly telegramPerSecond: number;
	readonly telegramPerChatPerSecond: number;
	readonly telegramGroupPerMinute: number;
	readonly discordPerSecond: number;
}

/** Telegram's documented broadcast limits and Discord's global one. */
export const defaultRateLimits: RateLimitSettings = { telegramPerSecond: 30, telegramPerChatPerSecond: 1, telegramGroupPerMinute: 20, discordPerSecond: 50 };

/** {@link RateLimitSettings} as limit rules: the shape the transports declare. */
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

/** An in-process limiter paced to limits given by name. */
export function createDeliveryRateLimiter(settings: RateLimitSettings = defaultRateLimits, now: () => number = Date.now): PacedRateLimiter {
	return createPacedRateLimiter(limitsFromSettings(settings), now);
}
