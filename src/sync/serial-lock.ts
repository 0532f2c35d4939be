/** Runs critical sections one after another. */
export interface SerialLock {
	run<T>(section: () => Promise<T>): Promise<T>;
}

/**
 * keyv has no compare-and-set, so a read-modify-write of one key (an index of ids, a counter
 * record) is only safe when nothing else in the process writes that key in between. Every such
 * section goes through one lock per key family. This protects one process only: the embedded
 * stores assume a single bot process owns the store (see src/delivery/engines/keyv/keyv-delivery-queue.ts).
 */
export function createSerialLock(): SerialLock {
	let tail: Promise<unknown> = Promise.resolve();
	return {
		run<T>(section: () => Promise<T>): Promise<T> {
			const result = tail.then(section, section);
			tail = result.catch(() => undefined);
			return result;
		},
	};
}
