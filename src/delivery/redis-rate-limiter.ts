import type { Redis } from 'ioredis';
import type { RateReserver } from './deliver-job.js';
import { chatRulesFor, type LimitRule, type LimitsByPlatform, type Reservation } from './rate-limits.js';

/** Share of a limit left unused, as in paced-limit.ts: absorbs jitter between the bot's clock and the platform's. */
const headroom = 0.03;

/** Milliseconds between two messages at 97 % of the rule. */
function intervalOf(rule: LimitRule): number {
	return Math.max(1, Math.ceil(rule.windowMs / (rule.limit * (1 - headroom))));
}

/**
 * The platform limits shared by every process on one Redis: each limit is a spacing, "one
 * message per interval", kept as a key that lives one interval (`SET … PX interval NX`). The
 * first process to create the key may send; everyone else learns from its TTL how long to
 * wait. Evenly spaced messages stay under a limit however the platform counts its window
 * (the previous session measured fixed windows drawing hundreds of 429s), which is why the
 * whole-second fixed windows of rate-limiter-flexible's RateLimiterRedis (it floors durations
 * to seconds) do not fit a 30/s spacing of 34 ms.
 *
 * Like the in-memory limiter, a message is counted against the platform only when its chat may
 * have it, and against the chat only when the platform took it.
 */
export function createRedisRateLimiter(redis: Redis, prefix: string, limits: LimitsByPlatform): RateReserver {
	return {
		async reserve(subscription): Promise<Reservation> {
			const platformLimits = limits[subscription.platform];
			if (!platformLimits) return { wait: 0, scope: 'none' };
			const chatRules = chatRulesFor(platformLimits, subscription.kind);
			const chatKeys = chatRules.map((rule) => `${prefix}:limit:${subscription.platform}:${rule.limit}/${rule.windowMs}:${subscription.chatId}`);
			if (chatKeys.length > 0) {
				const ttls = await redis.pipeline(chatKeys.map((key) => ['pttl', key])).exec();
				const chatWait = Math.max(0, ...(ttls ?? []).map(([, ttl]) => (typeof ttl === 'number' ? ttl : 0)));
				if (chatWait > 0) return { wait: chatWait, scope: 'chat' };
			}
			const platformKey = `${prefix}:limit:${subscription.platform}:all`;
			const taken = await redis.pipeline().set(platformKey, '1', 'PX', intervalOf(platformLimits.overall), 'NX').pttl(platformKey).exec();
			if (taken?.[0]?.[1] !== 'OK') {
				const ttl = taken?.[1]?.[1];
				return { wait: typeof ttl === 'number' && ttl > 0 ? ttl : 1, scope: 'platform' };
			}
			if (chatKeys.length > 0) {
				const pipeline = redis.pipeline();
				chatRules.forEach((rule, index) => pipeline.set(chatKeys[index] ?? '', '1', 'PX', intervalOf(rule)));
				await pipeline.exec();
			}
			return { wait: 0, scope: 'none' };
		},
	};
}
