import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { BatchingKeyvSqlite } from './batching-sqlite-store.js';

export interface StoreOptions {
	/** `sqlite://PATH`, `redis://HOST:PORT` or `memory://`; SQLite in `dataDir` when absent. */
	readonly url?: string;
	readonly dataDir: string;
	readonly namespace?: string;
}

/**
 * Opens the key-value store. keyv swallows adapter errors into an `error` event by default,
 * which would turn a full disk into a silent loss; `throwOnErrors` makes every failure reach
 * the caller, where it is wrapped in a StoreError.
 */
export async function createKeyv(options: StoreOptions): Promise<Keyv> {
	const namespace = options.namespace ?? 'digestbot';
	const url = options.url;
	if (url?.startsWith('memory:')) return new Keyv({ namespace, throwOnErrors: true });
	if (url?.startsWith('redis')) {
		const { default: KeyvRedis } = await import('@keyv/redis');
		return new Keyv({ store: new KeyvRedis(url), namespace, throwOnErrors: true, useKeyPrefix: false });
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
