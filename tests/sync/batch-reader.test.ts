import { describe, expect, it } from 'vitest';
import { createBatchReader } from '../../src/sync/batch-reader.js';

/** A store whose reads finish only when the test says so, recording the keys of each batch. */
function manualStore(values: Readonly<Record<string, number>>) {
	const batches: string[][] = [];
	const finishers: ((error?: Error) => void)[] = [];
	const readMany = (keys: readonly string[]): Promise<ReadonlyMap<string, number>> => {
		batches.push([...keys]);
		return new Promise((resolve, reject) => finishers.push((error) => (error ? reject(error) : resolve(new Map(keys.flatMap((key) => (key in values ? [[key, values[key]!] as const] : [])))))));
	};
	return { readMany, batches, finish: (error?: Error) => finishers.shift()?.(error) };
}

const settled = async <T>(promise: Promise<T>): Promise<T | 'failed' | 'waiting'> =>
	Promise.race([promise.catch(() => 'failed' as const), new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 5))]);

describe('group reads of single keys', () => {
	it('when reads arrive while a batch is being read then they go out together as the next batch, each key once', async () => {
		const { readMany, batches, finish } = manualStore({ 'language:1': 1, 'language:2': 2 });
		const read = createBatchReader(readMany);
		const first = read('language:1');
		await Promise.resolve();
		const next = [read('language:2'), read('language:3'), read('language:2')];
		expect(batches).toEqual([['language:1']]);
		finish();
		expect(await settled(first)).toBe(1);
		expect(batches[1]).toEqual(['language:2', 'language:3']);
		expect(await settled(next[0]!)).toBe('waiting');
		finish();
		expect(await settled(Promise.all(next))).toEqual([2, undefined, 2]);
	});

	it('when a batch fails then exactly its readers are told, and later reads still go out', async () => {
		const { readMany, batches, finish } = manualStore({ 'reader:1': 1 });
		const read = createBatchReader(readMany);
		const failing = read('reader:2');
		await Promise.resolve();
		const next = read('reader:1');
		finish(new Error('database is locked'));
		expect(await settled(failing)).toBe('failed');
		finish();
		expect(await settled(next)).toBe(1);
		expect(batches).toHaveLength(2);
	});
});
