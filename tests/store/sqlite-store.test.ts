import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keyv } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/store/create-keyv.js';

describe('the embedded SQLite store', () => {
	let dataDir: string;
	let keyv: Keyv;

	beforeEach(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'digestbot-store-'));
		keyv = await createKeyv({ dataDir });
	});

	afterEach(async () => {
		await keyv.disconnect();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('when a batch larger than one statement is written then every value reads back, from this and from a reopened store', async () => {
		const entries = Array.from({ length: 1_234 }, (_, n) => ({ key: `job:${n}`, value: { n, state: 'queued', note: `it's "quoted" ${n}` } }));
		await keyv.setMany(entries);
		expect(await keyv.getMany(entries.map((entry) => entry.key))).toEqual(entries.map((entry) => entry.value));
		await keyv.disconnect();
		keyv = await createKeyv({ dataDir });
		expect(await keyv.get('job:1233')).toEqual({ n: 1233, state: 'queued', note: `it's "quoted" 1233` });
	});

	it('when a batch overwrites keys, including one key twice, then the last value written wins', async () => {
		await keyv.set('job:1', { state: 'queued' });
		await keyv.setMany([
			{ key: 'job:1', value: { state: 'in-flight' } },
			{ key: 'job:2', value: { state: 'queued' } },
			{ key: 'job:1', value: { state: 'delivered' } },
		]);
		expect(await keyv.getMany(['job:1', 'job:2'])).toEqual([{ state: 'delivered' }, { state: 'queued' }]);
	});

	it('when many keys are read at once then values come back in the order asked, with gaps for missing keys', async () => {
		await keyv.setMany(Array.from({ length: 2_000 }, (_, n) => ({ key: `sub:${n}`, value: n })));
		const keys = ['sub:1999', 'missing', 'sub:0', 'sub:1999', ...Array.from({ length: 1_000 }, (_, n) => `sub:${n * 2}`)];
		const values = await keyv.getMany(keys);
		expect(values.slice(0, 4)).toEqual([1999, undefined, 0, 1999]);
		expect(values.slice(4)).toEqual(Array.from({ length: 1_000 }, (_, n) => n * 2));
	});

	it('when another namespace shares the file then a batch does not touch its keys', async () => {
		const other = await createKeyv({ dataDir, namespace: 'other' });
		await other.set('job:1', 'theirs');
		await keyv.setMany([{ key: 'job:1', value: 'ours' }]);
		expect(await other.get('job:1')).toBe('theirs');
		expect(await keyv.get('job:1')).toBe('ours');
		await other.disconnect();
	});

	it('when many single keys are read at once then each gets its own value, and a read after a write sees the write', async () => {
		await keyv.setMany(Array.from({ length: 300 }, (_, n) => ({ key: `reader:${n}`, value: `issue-${n}` })));
		const values = await Promise.all(Array.from({ length: 301 }, (_, n) => keyv.get(`reader:${n}`)));
		expect(values).toEqual([...Array.from({ length: 300 }, (_, n) => `issue-${n}`), undefined]);
		await keyv.set('reader:300', 'issue-300');
		expect(await keyv.get('reader:300')).toBe('issue-300');
	});
});
