import type { Redis } from 'ioredis';
import { StoreError } from '../../../errors/store-error.js';
import type { BroadcastLedger } from '../../broadcast-ledger.js';
import { broadcastRecordSchema, type BroadcastRecord, type FinalJobState } from '../../delivery-job.js';

/**
 * Creates the hash only when it does not exist, in one step, so two publishers (or two web
 * instances) racing on one issue create one broadcast and nobody reads half a record.
 */
const openScript = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`;

/**
 * Counts an outcome once per subscription (a job run twice after a crash must not count twice)
 * and finishes the broadcast when the last outcome is in. ARGV: subscription, outcome, now.
 */
const recordScript = `if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[1], ARGV[2], 1) end
local c = redis.call('HMGET', KEYS[1], 'queued', 'delivered', 'failed', 'unsubscribed', 'state')
if c[5] == 'sending' and tonumber(c[2]) + tonumber(c[3]) + tonumber(c[4]) >= tonumber(c[1]) then
  redis.call('HSET', KEYS[1], 'state', 'finished', 'finishedAt', ARGV[3])
  redis.call('EXPIRE', KEYS[2], 86400)
end
return redis.call('HGETALL', KEYS[1])`;

type LedgerRedis = Redis & {
	digestbotOpenBroadcast(key: string, ...fields: string[]): Promise<number>;
	digestbotRecordOutcome(record: string, done: string, subscriptionId: string, outcome: string, now: string): Promise<string[] | null>;
};

/**
 * The broadcast ledger on Redis: one hash per broadcast (`HINCRBY` counters), a set of the
 * subscriptions already counted while it is sending, and the latest broadcast's id.
 */
export function createRedisBroadcastLedger(redis: Redis, prefix: string, now: () => number = Date.now): BroadcastLedger {
	const recordKey = (issueId: string): string => `${prefix}:broadcast:${issueId}`;
	const doneKey = (issueId: string): string => `${prefix}:broadcast-done:${issueId}`;
	const latestKey = `${prefix}:broadcast-latest`;
	if (!('digestbotOpenBroadcast' in redis)) {
		redis.defineCommand('digestbotOpenBroadcast', { numberOfKeys: 1, lua: openScript });
		redis.defineCommand('digestbotRecordOutcome', { numberOfKeys: 2, lua: recordScript });
	}
	const client = redis as LedgerRedis;
	const call = async <T>(operation: string, key: string, run: () => Promise<T>): Promise<T> => {
		try {
			return await run();
		} catch (error) {
			throw new StoreError(operation, key, { cause: error });
		}
	};
	const parse = (flat: readonly string[] | Record<string, string> | null): BroadcastRecord | undefined => {
		if (!flat) return undefined;
		const fields: Record<string, string> = Array.isArray(flat) ? Object.fromEntries(pairs(flat)) : (flat as Record<string, string>);
		if (Object.keys(fields).length === 0) return undefined;
		const parsed = broadcastRecordSchema.safeParse({
			...fields,
			...(fields.scheduled ? { scheduled: JSON.parse(fields.scheduled) as unknown } : {}),
			queued: Number(fields.queued ?? 0),
			delivered: Number(fields.delivered ?? 0),
			failed: Number(fields.failed ?? 0),
			unsubscribed: Number(fields.unsubscribed ?? 0),
		});
		return parsed.success ? parsed.data : undefined;
	};
	return {
		async open(record) {
			// A hash holds strings: the schedule (an object) as JSON, every other field as it reads.
			const fields = Object.entries(record).flatMap(([field, value]) => (value === undefined ? [] : [field, typeof value === 'object' ? JSON.stringify(value) : String(value)]));
			const created = await call('open', recordKey(record.issueId), () => client.digestbotOpenBroadcast(recordKey(record.issueId), ...fields));
			if (created === 1 && record.state !== 'skipped') await call('set', latestKey, () => client.set(latestKey, record.issueId));
			return created === 1;
		},
		async setState(issueId, state) {
			const fields = state === 'finished' ? ['state', state, 'finishedAt', new Date(now()).toISOString()] : ['state', state];
			await call('hset', recordKey(issueId), () => client.hset(recordKey(issueId), ...fields));
		},
		async record(issueId, subscriptionId, outcome: FinalJobState) {
			const flat = await call('record', recordKey(issueId), () => client.digestbotRecordOutcome(recordKey(issueId), doneKey(issueId), subscriptionId, outcome, new Date(now()).toISOString()));
			return parse(flat);
		},
		async read(issueId) {
			const id = issueId ?? (await call('get', latestKey, () => client.get(latestKey)));
			if (!id) return undefined;
			return parse(await call('hgetall', recordKey(id), () => client.hgetall(recordKey(id))));
		},
	};
}

function pairs(flat: readonly string[]): [string, string][] {
	const result: [string, string][] = [];
	for (let index = 0; index + 1 < flat.length; index += 2) result.push([flat[index] ?? '', flat[index + 1] ?? '']);
	return result;
}
