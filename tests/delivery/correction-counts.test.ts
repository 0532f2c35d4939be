import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { createKeyvCorrectionStores } from '../../src/delivery/corrections/correction-stores.js';

/** A store whose first read of each key answers late, as SQLite does under load. */
class SlowFirstReadStore extends Map<string, unknown> {
	private readonly seen = new Set<string>();

	public override get(key: string): unknown {
		const value = super.get(key);
		if (this.seen.has(key)) return value;
		this.seen.add(key);
		return new Promise((resolve) => setTimeout(() => resolve(value), 50));
	}
}

describe('correction counts on keyv', () => {
	it('when /status reads the counts while a result is being counted then no count is lost', async () => {
		const { corrections } = createKeyvCorrectionStores(new Keyv({ store: new SlowFirstReadStore() }));
		// /status asks first; its read answers late, after the count below was taken.
		const early = corrections.counts('2026-06-01@abc');
		await corrections.count('2026-06-01@abc', 'telegram:1', 'edited');
		await early;
		await corrections.count('2026-06-01@abc', 'telegram:2', 'posted');
		expect(await corrections.counts('2026-06-01@abc')).toEqual({ edited: 1, posted: 1, unchanged: 0 });
	});
});
