import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { openBackends } from '../../adapters/backends.js';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createLogger } from '../../src/logger.js';

const log = createLogger('silent');
const archive = (): Archive => new Archive(createMemoryIssueStore());

describe('when the store is SQLite or memory', () => {
	it('then delivery is the embedded engine and no Redis is involved', async () => {
		for (const STORE_URL of [undefined, 'sqlite:///tmp/x.sqlite', 'memory://']) {
			const backends = await openBackends({ STORE_URL, REDIS_KEY_PREFIX: 'unused' }, archive(), log);
			expect(backends.delivery).toEqual({ kind: 'embedded' });
			expect(backends.coordination).toBeUndefined();
			await backends.close();
		}
	});
});

describe('when STORE_URL is redis://', () => {
	it('then delivery runs on BullMQ with leases shared through Redis, on connections of its own that close() ends', async () => {
		const prefix = `backends-test-${randomUUID().slice(0, 8)}`;
		const backends = await openBackends({ STORE_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix }, archive(), log);
		const { delivery } = backends;
		if (delivery.kind !== 'bullmq') throw new Error(`expected BullMQ, got ${delivery.kind}`);
		expect(delivery.prefix).toBe(prefix);
		expect(backends.coordination).toBeDefined();
		// Limits and the ledger must not share BullMQ's connection (see BullmqBackend.plainConnection).
		expect(delivery.plainConnection).not.toBe(delivery.queueConnection);
		expect(await delivery.issues.find('no-such-issue')).toBeUndefined();
		await backends.close();
		await vi.waitFor(() => expect([delivery.queueConnection.status, delivery.plainConnection.status]).toEqual(['end', 'end']));
	});
});
