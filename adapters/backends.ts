/**
 * Part of the composition root (adapters/main.ts): the one place that chooses the delivery
 * backend and opens what it needs. The core only receives the result (src/publish takes a
 * DeliveryBackend and a Coordination and opens no connection of its own), so which store a
 * deployment runs on is decided, and its connections opened and closed, here alone.
 */
import { Redis } from 'ioredis';
import type { Archive } from '../src/archive/archive.js';
import type { Settings } from '../src/config/config.js';
import type { Logger } from '../src/logger.js';
import type { DeliveryBackend } from '../src/publish/delivery-engine.js';
import { startIssueSync } from '../src/publish/issue-sync.js';
import { createRedisCoordination, type Coordination } from '../src/sync/coordination.js';

export interface Backends {
	/** `embedded` on SQLite or memory; `bullmq` with `STORE_URL=redis://…`. */
	readonly delivery: DeliveryBackend;
	/** On Redis: who of several instances polls Telegram or watches DIGEST_DIR, and which updates were seen. */
	readonly coordination?: Coordination;
	/** Closes what was opened here; call it after everything that uses the backends stopped. */
	close(): Promise<void>;
}

/**
 * One process on SQLite (or memory) needs nothing more than its keyv. With a `redis://`
 * STORE_URL every process of the deployment shares the work, which takes five connections:
 * coordination's, BullMQ's (its workers block on it), a plain one for the limits and the
 * ledger, and the issue sync's publisher and subscriber. All retry for ever
 * (`maxRetriesPerRequest: null`): a Redis restart is waited out, not turned into lost posts.
 */
export async function openBackends(settings: Pick<Settings, 'STORE_URL' | 'REDIS_KEY_PREFIX'>, archive: Archive, log: Logger): Promise<Backends> {
	const url = settings.STORE_URL;
	if (!url?.startsWith('redis')) return { delivery: { kind: 'embedded' }, close: () => Promise.resolve() };
	const prefix = settings.REDIS_KEY_PREFIX;
	const opened: Redis[] = [];
	const connect = (): Redis => {
		const redis = new Redis(url, { maxRetriesPerRequest: null });
		redis.on('error', (error) => log.debug({ err: error }, 'redis: connection error'));
		opened.push(redis);
		return redis;
	};
	const coordination = createRedisCoordination(connect(), prefix, { log });
	const issues = await startIssueSync({ publisher: connect(), subscriber: connect() }, prefix, archive, log).catch((error: unknown) => {
		for (const redis of opened) redis.disconnect();
		throw error;
	});
	return {
		delivery: { kind: 'bullmq', prefix, queueConnection: connect(), plainConnection: connect(), issues },
		coordination,
		async close() {
			await issues.close();
			for (const redis of opened) redis.disconnect();
		},
	};
}
