/** Writes one value per key; resolves once a batch holding this value (or a later one for the key) is stored. */
export type BatchedWrite<Value> = (key: string, value: Value) => Promise<void>;

interface Waiter {
	readonly resolve: () => void;
	readonly reject: (error: unknown) => void;
}

/**
 * Group commit for a store that pays per statement (SQLite commits each one as a transaction):
 * writes made while a batch is being stored wait and go out together as the next batch, and a
 * later write of a key replaces the earlier one still waiting. Nobody is told "stored" before
 * their value is, so callers keep the same guarantee as with one write each; under load a
 * batch is as large as the number of callers, and with one caller it is a plain write.
 */
export function createBatchWriter<Value>(store: (batch: ReadonlyMap<string, Value>) => Promise<unknown>): BatchedWrite<Value> {
	let pending = new Map<string, Value>();
	let waiters: Waiter[] = [];
	let draining = false;

	const drain = async (): Promise<void> => {
		while (pending.size > 0) {
			const batch = pending;
			const settled = waiters;
			pending = new Map();
			waiters = [];
			try {
				await store(batch);
				for (const waiter of settled) waiter.resolve();
			} catch (error) {
				for (const waiter of settled) waiter.reject(error);
			}
		}
		draining = false;
	};

	return (key, value) => {
		// Delete first so the key moves to the end: the batch keeps the order of last writes.
		pending.delete(key);
		pending.set(key, value);
		const stored = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
		if (!draining) {
			draining = true;
			// A microtask later, so writes made in the same turn share the first batch.
			queueMicrotask(() => void drain());
		}
		return stored;
	};
}
