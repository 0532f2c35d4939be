import type { Redis } from 'ioredis';
import type { Subscription } from '../../subscriptions/subscription.js';
import { chatRulesFor, type LimitRule, type LimitsByPlatform, type RateReserver, type Reservation } from '../rate-reserver.js';

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
/**
 * One reservation in one round trip (it was three: the chat's spacing, the platform's, then
 * marking the chat), and atomic besides. KEYS: the chat's keys, then the platform's. ARGV: the
 * platform's interval, then each chat key's. Returns the scope that must wait and for how long.
 */
const reserveScript = `local chats = #KEYS - 1
local wait = 0
for i = 1, chats do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl > wait then wait = ttl end
end
if wait > 0 then return {'chat', wait} end
if redis.call('SET', KEYS[chats + 1], '1', 'PX', ARGV[1], 'NX') then
  for i = 1, chats do redis.call('SET', KEYS[i], '1', 'PX', ARGV[i + 1]) end
  return {'none', 0}
end
local ttl = redis.call('PTTL', KEYS[chats + 1])
if ttl <= 0 then ttl = 1 end
return {'platform', ttl}`;

type LimiterRedis = Redis & { digestbotReserve(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<[Reservation['scope'], number]> };

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
	if (!('digestbotReserve' in redis)) redis.defineCommand('digestbotReserve', { lua: reserveScript });
	const client = redis as LimiterRedis;
	return {
		/** A named limit is one more spacing key per chat: whoever sets it first may go, the rest wait out its TTL. */
		async reserveNamed(target, name): Promise<Reservation> {
			const rule = limits[target.platform]?.named?.[name];
			if (!rule) return { wait: 0, scope: 'none' };
			const key = `${prefix}:limit:${target.platform}:${name}:${target.chatId}`;
			if ((await redis.set(key, '1', 'PX', intervalOf(rule, chatJitterMs), 'NX')) === 'OK') return { wait: 0, scope: 'none' };
			const ttl = await redis.pttl(key);
			return { wait: Math.max(1, ttl), scope: 'chat' };
		},
		async restartChatSpacing(subscription) {
			const { rules, keys } = chatKeysOf(subscription);
			await markChat(rules, keys);
		},
		async reserve(subscription): Promise<Reservation> {
			const platformLimits = limits[subscription.platform];
			if (!platformLimits) return { wait: 0, scope: 'none' };
			const { rules: chatRules, keys: chatKeys } = chatKeysOf(subscription);
			const platformKey = `${prefix}:limit:${subscription.platform}:all`;
			const [scope, wait] = await client.digestbotReserve(chatKeys.length + 1, ...chatKeys, platformKey, intervalOf(platformLimits.overall), ...chatRules.map((rule) => intervalOf(rule, chatJitterMs)));
			return { wait: Number(wait), scope };
		},
	};
}
