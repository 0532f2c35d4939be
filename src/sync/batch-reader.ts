/** Reads one key; resolves with its value, or undefined when it is not stored. */
export type BatchedRead<Value> = (key: string) => Promise<Value | undefined>;

interface Waiter<Value> {
	readonly resolve: (value: Value | undefined) => void;
	readonly reject: (error: unknown) => void;
}

/**
 * Group reads for a store that pays per statement, the counterpart of `createBatchWriter`:
 * reads asked while a batch is being read wait and go out together as the next batch, one key
 * once however many asked for it. A read always starts after it was asked, so it sees every
 * write that had finished by then, as a read of its own would.
 */
export function createBatchReader<Value>(readMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, Value>>): BatchedRead<Value> {
	let pending = new Map<string, Waiter<Value>[]>();
	let draining = false;

	const drain = async (): Promise<void> => {
		while (pending.size > 0) {
			const batch = pending;
			pending = new Map();
			try {
				const found = await readMany([...batch.keys()]);
				for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
			} catch (error) {
				for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
			}
		}
		draining = false;
	};

	return (key) =>
		new Promise<Value | undefined>((resolve, reject) => {
			const waiters = pending.get(key);
			if (waiters) waiters.push({ resolve, reject });
			else pending.set(key, [{ resolve, reject }]);
			if (!draining) {
				draining = true;
				// A microtask later, so reads asked in the same turn share the first batch.
				queueMicrotask(() => void drain());
			}
		});
}
