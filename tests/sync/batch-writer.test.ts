import { describe, expect, it } from 'vitest';
import { createBatchWriter } from '../../src/sync/batch-writer.js';

/** A store whose writes finish only when the test says so, recording each batch. */
function manualStore() {
	const batches: [string, number][][] = [];
	const finishers: ((error?: Error) => void)[] = [];
	const store = (batch: ReadonlyMap<string, number>): Promise<void> => {
		batches.push([...batch]);
		return new Promise((resolve, reject) => finishers.push((error) => (error ? reject(error) : resolve())));
	};
	return { store, batches, finish: (error?: Error) => finishers.shift()?.(error) };
}

const settled = async (promise: Promise<unknown>): Promise<'stored' | 'failed' | 'waiting'> =>
	Promise.race([promise.then(() => 'stored' as const, () => 'failed' as const), new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 5))]);

describe('group commit of delivery bookkeeping', () => {
	it('when writes arrive while a batch is being stored then they go out together as the next batch, latest value per key', async () => {
		const { store, batches, finish } = manualStore();
		const write = createBatchWriter(store);
		const first = write('job:1', 1);
		await Promise.resolve();
		const second = [write('job:2', 2), write('job:3', 3), write('job:2', 22)];
		expect(batches).toEqual([[['job:1', 1]]]);
		expect(await settled(second[0]!)).toBe('waiting');
		finish();
		expect(await settled(first)).toBe('stored');
		expect(batches[1]).toEqual([
			['job:3', 3],
			['job:2', 22],
		]);
		expect(await settled(Promise.all(second))).toBe('waiting');
		finish();
		expect(await settled(Promise.all(second))).toBe('stored');
	});

	it('when a batch fails then exactly its writers are told, and later writes still go out', async () => {
		const { store, batches, finish } = manualStore();
		const write = createBatchWriter(store);
		const failing = write('job:1', 1);
		await Promise.resolve();
		const next = write('job:2', 2);
		finish(new Error('disk full'));
		expect(await settled(failing)).toBe('failed');
		expect(await settled(next)).toBe('waiting');
		finish();
		expect(await settled(next)).toBe('stored');
		expect(batches).toHaveLength(2);
	});
});
