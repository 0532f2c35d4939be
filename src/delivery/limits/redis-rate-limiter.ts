import type { Redis } from 'ioredis';
import type { Subscription } from '../../subscriptions/subscription.js';
import { pacingOf } from './paced-limit.js';
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
 * The platform limits shared by every process on one Redis. A chat's limit is a spacing, "one
 * message per interval", kept as a key that lives one interval (`SET … PX interval`): while it
 * lives the chat waits out its TTL. The platform's limit is the in-process limiter's cell rate
 * algorithm (paced-limit.ts), kept in Redis: one key holds the theoretical time of the
 * platform's next message, read against Redis's own clock (`TIME`), so every process paces
 * against one schedule. Evenly spaced messages stay under a limit however the platform counts
 * its window (the previous session measured fixed windows drawing hundreds of 429s), which is
 * why the whole-second fixed windows of rate-limiter-flexible's RateLimiterRedis (it floors
 * durations to seconds) do not fit a 30/s spacing of 34 ms.
 *
 * The platform's schedule used to be a spacing key too, with no burst: with the limit out of
 * reach (limits off are 1,000,000/s, a 1 ms spacing) every worker slot that met the key slept
 * 1 ms and asked again, 4.8 reservations per post in the scale bench. With the algorithm's
 * burst of 1 % of the limit, a process asks once per post unless the limit is really reached.
 * The interval stays rounded up to whole milliseconds, as the spacing key's was: between the
 * reservation and the platform lie a round trip and a busy event loop in several processes,
 * and at 97 % of 300/s three workers on two cores drew 429s that the rounding (4 ms: 250/s)
 * absorbs. (It also paces 1,000/s paid broadcasts at 500/s, as before.)
 *
 * Like the in-memory limiter, a message is counted against the platform only when its chat may
 * have it, and against the chat only when the platform took it.
 */
/**
 * One reservation in one round trip, and atomic. KEYS: the chat's keys, then the platform's.
 * ARGV: the platform's interval and tolerance (milliseconds), then each chat
 * key's interval. Returns the scope that must wait and for how long (whole milliseconds, at
 * least 1), or `none` once the message is counted.
 */
const reserveScript = `local chats = #KEYS - 1
local wait = 0
for i = 1, chats do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl > wait then wait = ttl end
end
if wait > 0 then return {'chat', wait} end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local due = tonumber(redis.call('GET', KEYS[chats + 1])) or now
if due < now then due = now end
local early = due - tonumber(ARGV[2]) - now
if early > 0 then return {'platform', math.ceil(early)} end
local nextDue = due + tonumber(ARGV[1])
redis.call('SET', KEYS[chats + 1], string.format('%.3f', nextDue), 'PX', math.ceil(nextDue - now) + 1)
for i = 1, chats do redis.call('SET', KEYS[i], '1', 'PX', ARGV[i + 2]) end
return {'none', 0}`;

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
			const interval = intervalOf(platformLimits.overall);
			const { burst } = pacingOf(platformLimits.overall.limit, platformLimits.overall.windowMs);
			const [scope, wait] = await client.digestbotReserve(chatKeys.length + 1, ...chatKeys, platformKey, interval, (burst - 1) * interval, ...chatRules.map((rule) => intervalOf(rule, chatJitterMs)));
			return { wait: Number(wait), scope };
		},
	};
}
