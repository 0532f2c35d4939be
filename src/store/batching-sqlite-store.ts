import KeyvSqlite from '@keyv/sqlite';
import type { StoredData } from 'keyv';
import { createBatchReader } from '../sync/batch-reader.js';

/** Rows per INSERT: 2 parameters each, far below SQLite's 32,766-parameter ceiling. */
const rowsPerStatement = 500;

/**
 * `@keyv/sqlite` 4 as the bot needs it for batches. It has no `setMany`, so keyv falls back to
 * one autocommitted INSERT per entry (a batch of 500 delivery jobs cost 500 transactions), and
 * its `getMany` matches rows to keys with a linear search per key, which is quadratic: reading
 * 100,000 subscriptions would take minutes. Here a batch is written as multi-row upserts, one
 * transaction per 500 rows, and read back through a map; keyv still prefixes and serializes.
 *
 * Single reads are grouped too: node-sqlite3 prepares, runs and finalizes a statement per query,
 * each a trip through the thread pool, and the bot reads a key or two per command (the chat's
 * language, the reader's memory). A hundred commands in flight read them in one `getMany`.
 */
export class BatchingKeyvSqlite extends KeyvSqlite {
	private get table(): string {
		return this.opts.table ?? 'keyv';
	}

	private readonly readOne = createBatchReader<StoredData<unknown>>(async (keys) => {
		const values = await this.getMany<unknown>([...keys]);
		const found = new Map<string, StoredData<unknown>>();
		keys.forEach((key, index) => {
			const value = values[index];
			if (value !== undefined) found.set(key, value);
		});
		return found;
	});

	public override async get<Value>(key: string): Promise<Value | undefined> {
		// The stored text, which keyv deserializes; typed as the base adapter types it.
		return (await this.readOne(key)) as Value | undefined;
	}

	public async setMany(entries: readonly { key: string; value: unknown }[]): Promise<void> {
		for (let start = 0; start < entries.length; start += rowsPerStatement) {
			const rows = entries.slice(start, start + rowsPerStatement);
			const upsert = `INSERT INTO ${this.table} (key, value) VALUES ${rows.map(() => '(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value=excluded.value`;
			await this.query(upsert, ...rows.flatMap((row) => [row.key, row.value]));
		}
	}

	public override async getMany<Value>(keys: string[]): Promise<StoredData<Value | undefined>[]> {
		// The stored text, which keyv deserializes; typed as the base adapter types it.
		const rows = (await this.query(`SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys))) as { key: string; value: StoredData<Value> }[];
		const byKey = new Map(rows.map((row) => [row.key, row.value]));
		return keys.map((key) => byKey.get(key));
	}
}
