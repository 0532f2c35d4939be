import type { Redis } from 'ioredis';
import { callStore } from '../../errors/store-error.js';
import { sentPostSchema, type CorrectionStore, type CorrectionStores, type PostedMessageStore } from './correction-stores.js';
import { issueBaselineSchema, issueChangesSchema } from './issue-changes.js';

/** Counts a subscriber's result once, whichever worker or retry reports it. KEYS: results, counts; ARGV: subscription, result. */
const countScript = `if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then redis.call('HINCRBY', KEYS[2], ARGV[2], 1) end
return 1`;

type CorrectionRedis = Redis & { digestbotCountCorrection(results: string, counts: string, subscriptionId: string, result: string): Promise<number> };

/** Fields per `HMGET` when taking a correction's snapshot. */
const chunk = 1_000;

function parseJson(text: string | null): unknown {
	if (text === null) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * The BullMQ engine's stores on Redis, under the deployment's prefix: one hash of posted
 * messages per issue (field: subscription), so a correction's snapshot is a few `HMGET`s.
 */
export function createRedisCorrectionStores(redis: Redis, prefix: string): CorrectionStores {
	const postedKey = (issueId: string): string => `${prefix}:posted:${issueId}`;
	const baselineKey = (issueId: string): string => `${prefix}:correction-baseline:${issueId}`;
	const changesKey = (broadcastId: string): string => `${prefix}:correction-changes:${broadcastId}`;
	const resultsKey = (broadcastId: string): string => `${prefix}:correction-results:${broadcastId}`;
	const countsKey = (broadcastId: string): string => `${prefix}:correction-counts:${broadcastId}`;
	if (!('digestbotCountCorrection' in redis)) redis.defineCommand('digestbotCountCorrection', { numberOfKeys: 2, lua: countScript });
	const client = redis as CorrectionRedis;

	const posted: PostedMessageStore = {
		async save(issueId, subscriptionId, post) {
			await callStore('hset', postedKey(issueId), () => client.hset(postedKey(issueId), subscriptionId, JSON.stringify(post)));
		},
		async get(issueId, subscriptionId) {
			const parsed = sentPostSchema.safeParse(parseJson(await callStore('hget', postedKey(issueId), () => client.hget(postedKey(issueId), subscriptionId))));
			return parsed.success ? parsed.data : undefined;
		},
		async receivedBy(issueId, subscriptionIds) {
			const found: string[] = [];
			for (let start = 0; start < subscriptionIds.length; start += chunk) {
				const slice = subscriptionIds.slice(start, start + chunk);
				if (slice.length === 0) continue;
				const values = await callStore('hmget', postedKey(issueId), () => client.hmget(postedKey(issueId), ...slice));
				values.forEach((value, index) => {
					const id = slice[index];
					if (id !== undefined && value !== null) found.push(id);
				});
			}
			return found;
		},
	};
	const corrections: CorrectionStore = {
		async baseline(issueId) {
			const parsed = issueBaselineSchema.safeParse(parseJson(await callStore('get', baselineKey(issueId), () => client.get(baselineKey(issueId)))));
			return parsed.success ? parsed.data : undefined;
		},
		async setBaseline(issueId, baseline) {
			await callStore('set', baselineKey(issueId), () => client.set(baselineKey(issueId), JSON.stringify(baseline)));
		},
		async open(broadcastId, changes) {
			await callStore('set', changesKey(broadcastId), () => client.set(changesKey(broadcastId), JSON.stringify(changes)));
		},
		async changes(broadcastId) {
			const parsed = issueChangesSchema.safeParse(parseJson(await callStore('get', changesKey(broadcastId), () => client.get(changesKey(broadcastId)))));
			return parsed.success ? parsed.data : undefined;
		},
		async count(broadcastId, subscriptionId, result) {
			await callStore('count', countsKey(broadcastId), () => client.digestbotCountCorrection(resultsKey(broadcastId), countsKey(broadcastId), subscriptionId, result));
		},
		async counts(broadcastId) {
			const fields = await callStore('hgetall', countsKey(broadcastId), () => client.hgetall(countsKey(broadcastId)));
			return { edited: Number(fields.edited ?? 0), posted: Number(fields.posted ?? 0), unchanged: Number(fields.unchanged ?? 0) };
		},
	};
	return { posted, corrections };
}
