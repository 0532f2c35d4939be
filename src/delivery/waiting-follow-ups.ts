import type { Redis } from 'ioredis';
import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../errors/store-error.js';
import { sentPostSchema } from './corrections/correction-stores.js';
import type { SentPost } from './delivery-transport.js';

/**
 * Posts that are out while their follow-up (a crosspost) waits for its limit's window, by job.
 * The job's retry finds its post here and sends only the follow-up; `/status` counts them.
 */
export interface WaitingFollowUps {
	hold(jobId: string, post: SentPost): Promise<void>;
	held(jobId: string): Promise<SentPost | undefined>;
	release(jobId: string): Promise<void>;
	count(): Promise<number>;
}

const heldSchema = z.record(z.string(), sentPostSchema);

/**
 * The embedded engine's: one keyv entry holding every waiting post, written under a lock of this
 * process (the embedded engine is one process). There are few at any time: a channel has one
 * waiting at most per issue in its window.
 */
export function createKeyvWaitingFollowUps(keyv: Keyv): WaitingFollowUps {
	const key = 'follow-ups:waiting';
	let queue: Promise<unknown> = Promise.resolve();
	const locked = <T>(work: () => Promise<T>): Promise<T> => {
		const run = queue.then(work, work);
		queue = run.catch(() => undefined);
		return run;
	};
	const read = async (): Promise<Record<string, SentPost>> => {
		const parsed = heldSchema.safeParse(await callStore('get', key, () => keyv.get(key)));
		return parsed.success ? parsed.data : {};
	};
	const write = (all: Record<string, SentPost>) => callStore('set', key, () => keyv.set(key, all));
	return {
		hold: (jobId, post) =>
			locked(async () => {
				await write({ ...(await read()), [jobId]: post });
			}),
		held: async (jobId) => (await read())[jobId],
		release: (jobId) =>
			locked(async () => {
				const all = await read();
				if (!(jobId in all)) return;
				delete all[jobId];
				await write(all);
			}),
		count: async () => Object.keys(await read()).length,
	};
}

/** The BullMQ engine's: one Redis hash under the deployment's prefix, shared by every worker. */
export function createRedisWaitingFollowUps(redis: Redis, prefix: string): WaitingFollowUps {
	const key = `${prefix}:follow-ups:waiting`;
	return {
		async hold(jobId, post) {
			await callStore('hset', key, () => redis.hset(key, jobId, JSON.stringify(post)));
		},
		async held(jobId) {
			const text = await callStore('hget', key, () => redis.hget(key, jobId));
			if (text === null) return undefined;
			try {
				const parsed = sentPostSchema.safeParse(JSON.parse(text));
				return parsed.success ? parsed.data : undefined;
			} catch {
				return undefined;
			}
		},
		async release(jobId) {
			await callStore('hdel', key, () => redis.hdel(key, jobId));
		},
		count: () => callStore('hlen', key, () => redis.hlen(key)),
	};
}
