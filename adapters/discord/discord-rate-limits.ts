import type { PlatformLimits } from '../../src/delivery/rate-limits.js';

/**
 * Discord's global limit: 50 requests/s per bot
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit). Per-route buckets
 * are discord.js's, which tracks them from the response headers.
 */
export function discordRateLimits(perSecond = 50): PlatformLimits {
	return { overall: { limit: perSecond, windowMs: 1_000 }, perChat: [] };
}
