import type { Redis } from 'ioredis';
import { callStore } from '../../errors/store-error.js';
import { isSlotOutcome, readSettled, settledSchema, slotTtlMs, type MergeSlots, type SettledSlot } from './merge-slots.js';
import { encodeSlotEntry, slotTargetOf } from './slot-entry.js';

/**
 * Settles a slot in one step, so two BullMQ workers running two of its jobs at the same instant
 * agree on one post. KEYS: the slot's set of entries, its settled post. ARGV: the caller's entry
 * (as slot-entry.ts encodes it), TTL (s). The script only compares members, so entries of several
 * subscriptions of a chat need nothing more of it than issue ids did.
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

/** The slots of {@link MergeSlots} on Redis, shared by every worker process, under the deployment's prefix. */
export function createRedisMergeSlots(redis: Redis, prefix: string): MergeSlots {
	// Keyed by the chat target, under the names of the slots keyed by subscription (see merge-slots.ts on upgrading).
	const slotKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot:${slotTargetOf(subscriptionId)}:${dueAt}`;
	const settledKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot-post:${slotTargetOf(subscriptionId)}:${dueAt}`;
	const outcomeKey = (subscriptionId: string, dueAt: number): string => `${prefix}:slot-outcome:${slotTargetOf(subscriptionId)}:${dueAt}`;
	if (!('digestbotSettleSlot' in redis)) redis.defineCommand('digestbotSettleSlot', { numberOfKeys: 2, lua: settleScript });
	const client = redis as SlotRedis;
	const ttlSeconds = Math.ceil(slotTtlMs / 1000);
	return {
		async join(issueId, slots) {
			const entries = [...slots];
			for (let start = 0; start < entries.length; start += 1000) {
				const pipeline = client.pipeline();
				for (const [subscriptionId, dueAt] of entries.slice(start, start + 1000)) pipeline.sadd(slotKey(subscriptionId, dueAt), encodeSlotEntry({ issueId, subscriptionId })).expire(slotKey(subscriptionId, dueAt), ttlSeconds);
				const results = await callStore('sadd', slotKey(entries[start]![0], entries[start]![1]), () => pipeline.exec());
				const failed = results?.find(([error]) => error);
				if (failed?.[0]) throw failed[0];
			}
		},
		async settle(subscriptionId, dueAt, issueId): Promise<SettledSlot> {
			const own = encodeSlotEntry({ issueId, subscriptionId });
			const raw = await callStore('settle', settledKey(subscriptionId, dueAt), () => client.digestbotSettleSlot(slotKey(subscriptionId, dueAt), settledKey(subscriptionId, dueAt), own, ttlSeconds));
			return readSettled(settledSchema.parse(JSON.parse(raw)), slotTargetOf(subscriptionId));
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
