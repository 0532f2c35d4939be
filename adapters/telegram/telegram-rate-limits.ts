import type { PlatformLimits } from '../../src/delivery/rate-reserver.js';

/** Telegram's default broadcast ceiling; more only as paid broadcasts. */
export const freeBroadcastsPerSecond = 30;

/**
 * Telegram's broadcast limits: about 30 messages/s overall (up to 1000 with paid broadcasts),
 * one per second in one chat, 20 per minute in one group or channel
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
export function telegramRateLimits(perSecond = freeBroadcastsPerSecond, groupPerMinute = 20): PlatformLimits {
	return {
		overall: { limit: perSecond, windowMs: 1_000 },
		perChat: [
			{ limit: 1, windowMs: 1_000 },
			{ limit: groupPerMinute, windowMs: 60_000, kinds: ['group', 'channel'] },
		],
	};
}
