import type { PlatformLimits } from '../../src/delivery/rate-reserver.js';
import { crosspostLimit, crosspostLimitName } from './crosspost.js';

/**
 * Discord's global limit, 50 requests/s per bot
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), and the bucket of
 * `POST /channels/{id}/messages`, 5 messages per 5 s per channel as Discord answers it in its
 * rate-limit headers. discord.js keeps per-route buckets from those headers, but only within
 * one process; declaring the channel's bucket here lets the delivery limiter (the Redis one when
 * several workers deliver) hold it across every process, so two workers posting two issues to
 * one channel share its five. Crossposts are declared the same way, by name: 10 per channel per
 * hour (crosspost.ts).
 */
export function discordRateLimits(perSecond = 50): PlatformLimits {
	return { overall: { limit: perSecond, windowMs: 1_000 }, perChat: [{ limit: 5, windowMs: 5_000 }], named: { [crosspostLimitName]: crosspostLimit } };
}
