import type { Redis } from 'ioredis';
import type { Subscription } from '../subscriptions/subscription.js';
import type { RateReserver } from './deliver-job.js';
import { chatRulesFor, type LimitRule, type LimitsByPlatform, type Reservation } from './rate-limits.js';

/** Share of a limit left unused, as in paced-limit.ts: absorbs jitter between the bot's clock and the platform's. */
const headroom = 0.03;

/**
 * Added to a chat's spacing: between the reservation in one process and the post reaching the
 * platform lie a Redis round trip, an event loop that may be busy with other sends, and the
 * HTTP request, which vary by more than 3 % of one second (31 ms) with three processes on two
 * cores; a tenth of a second costs a reader nothing.
 */
const chatJitterMs = 100;

/** Milliseconds between two messages at 97 % of the rule. */
function intervalOf(rule: LimitRule, jitterMs = 0): number {
	return Math.max(1, Math.ceil(rule.windowMs / (rule.limit * (1 - headroom))) + jitterMs);
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
	const chatKeysOf = (subscription: Pick<Subscription, 'platform' | 'chatId' | 'kind'>) => {
		const rules = chatRulesFor(limits[subscription.platform], subscription.kind);
		return { rules, keys: rules.map((rule) => `${prefix}:limit:${subscription.platform}:${rule.limit}/${rule.windowMs}:${subscription.chatId}`) };
	};
	const markChat = async (rules: readonly LimitRule[], keys: readonly string[]): Promise<void> => {
		if (keys.length === 0) return;
		const pipeline = redis.pipeline();
		rules.forEach((rule, index) => pipeline.set(keys[index] ?? '', '1', 'PX', intervalOf(rule, chatJitterMs)));
		await pipeline.exec();
	};
	return {
		async restartChatSpacing(subscription) {
			const { rules, keys } = chatKeysOf(subscription);
			await markChat(rules, keys);
		},
		async reserve(subscription): Promise<Reservation> {
			const platformLimits = limits[subscription.platform];
			if (!platformLimits) return { wait: 0, scope: 'none' };
			const { rules: chatRules, keys: chatKeys } = chatKeysOf(subscription);
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
			await markChat(chatRules, chatKeys);
			return { wait: 0, scope: 'none' };
		},
	};
}
