import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { BatchingKeyvSqlite } from './batching-sqlite-store.js';
import { createLogger } from '../logger.js';
import { createRedisKeyv, storeRetryEveryMs } from './redis-keyv.js';
import { createStoreHealth, type StoreHealth } from './store-health.js';

/** How long `createKeyv` without a health waits for Redis before handing back a store that fails each call. */
const firstConnectWaitMs = 10_000;

export interface StoreOptions {
	/** `sqlite://PATH`, `redis://HOST:PORT` or `memory://`; SQLite in `dataDir` when absent. */
	readonly url?: string;
	readonly dataDir: string;
	readonly namespace?: string;
	/** On Redis: told when the connection comes and goes (logs the outage, answers `/health`). */
	readonly health?: StoreHealth;
}

/**
 * Opens the key-value store. keyv swallows adapter errors into an `error` event by default,
 * which would turn a full disk into a silent loss; `throwOnErrors` makes every failure reach
 * the caller, where it is wrapped in a StoreError. On Redis the adapter has a switch of its own
 * (redis-keyv.ts). The Redis store is returned at once, still connecting: `health.whenUp()`
 * says when it can be read.
 */
export async function createKeyv(options: StoreOptions): Promise<Keyv> {
	const namespace = options.namespace ?? 'digestbot';
	const url = options.url;
	if (url?.startsWith('memory:')) return new Keyv({ namespace, throwOnErrors: true });
	if (url?.startsWith('redis')) {
		if (options.health) return createRedisKeyv({ url, namespace, health: options.health });
		// A caller that watches no health (the CLI, tests, benches) gets a store it can use at once,
		// or, when Redis stays away, one whose every call fails loudly.
		const health = createStoreHealth({ url, log: createLogger('silent'), retryEveryMs: storeRetryEveryMs });
		const keyv = createRedisKeyv({ url, namespace, health });
		await Promise.race([health.whenUp(), new Promise((resolve) => setTimeout(resolve, firstConnectWaitMs).unref())]);
		return keyv;
	}
	let file = url?.replace(/^sqlite:\/\//, '');
	if (!file) {
		mkdirSync(options.dataDir, { recursive: true });
		file = join(options.dataDir, 'digestbot.sqlite');
	}
	const store = new BatchingKeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
	// WAL with synchronous=NORMAL: a commit survives a crash of the process (kill -9), which is
	// what delivery bookkeeping needs, without an fsync per write (rollback journal with FULL
	// costs milliseconds per set, and the delivery queue writes a few times per post).
	await store.query('PRAGMA journal_mode=WAL');
	await store.query('PRAGMA synchronous=NORMAL');
	return new Keyv({ store, namespace, throwOnErrors: true });
}
