import type { Redis } from 'ioredis';
import { z } from 'zod';
import { callStore } from '../../errors/store-error.js';
import { isSlotOutcome, slotTtlMs, type MergeSlots, type SettledSlot } from './merge-slots.js';

/**
 * Settles a slot in one step, so two BullMQ workers running two of its jobs at the same instant
 * agree on one post. KEYS: the slot's set of issues, its settled post. ARGV: the caller's issue, TTL (s).
 */
const settleScript = `local settled = redis.call('GET', KEYS[2])
if settled then return settled end
local issues = redis.call('SMEMBERS', KEYS[1])
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then table.insert(issues, ARGV[1]) end
table.sort(issues)
settled = cjson.encode({ poster = ARGV[1], issues = issues })
redis.call('SET', KEYS[2], settled, 'EX', ARGV[2])
return settled`;

type SlotRedis = Redis & { digestbotSettleSlot(slot: string, settled: string, issueId: string, ttlSeconds: number): Promise<string> };

const settledSchema = z.object({ poster: z.string(), issues: z.array(z.string()) });

/** The slots of {@link MergeSlots} on Redis, shared by every worker process, under the deployment's prefix. */
export function createRedisMergeSlots(redis: Redis, prefix: string): MergeSlots {
	const slotKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot:${subscriptionId}:${dueAt}`;
	const settledKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot-post:${subscriptionId}:${dueAt}`;
	const outcomeKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot-outcome:${subscriptionId}:${dueAt}`;
	if (!('digestbotSettleSlot' in redis)) redis.defineCommand('digestbotSettleSlot', { numberOfKeys: 2, lua: settleScript });
	const client = redis as SlotRedis;
	const ttlSeconds = Math.ceil(slotTtlMs / 1000);
	return {
		async join(issueId, slots) {
			const entries = [...slots];
			for (let start = 0; start < entries.length; start += 1000) {
				const pipeline = client.pipeline();
				for (const [subscriptionId, dueAt] of entries.slice(start, start + 1000)) pipeline.sadd(slotKey(subscriptionId, dueAt), issueId).expire(slotKey(subscriptionId, dueAt), ttlSeconds);
				const results = await callStore('sadd', slotKey(entries[start]![0], entries[start]![1]), () => pipeline.exec());
				const failed = results?.find(([error]) => error);
				if (failed?.[0]) throw failed[0];
			}
		},
		async settle(subscriptionId, dueAt, issueId): Promise<SettledSlot> {
			const raw = await callStore('settle', settledKey(subscriptionId, dueAt), () => client.digestbotSettleSlot(slotKey(subscriptionId, dueAt), settledKey(subscriptionId, dueAt), issueId, ttlSeconds));
			return settledSchema.parse(JSON.parse(raw));
		},
		async finish(subscriptionId, dueAt, outcome) {
			const key = outcomeKey(subscriptionId, dueAt);
			await callStore('set', key, () => client.set(key, outcome, 'EX', ttlSeconds));
		},
		async outcome(subscriptionId, dueAt) {
			const key = outcomeKey(subscriptionId, dueAt);
			const value = await callStore('get', key, () => client.get(key));
			return isSlotOutcome(value) ? value : undefined;
		},
	};
}
