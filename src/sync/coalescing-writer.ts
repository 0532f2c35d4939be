import { createSerialLock } from './serial-lock.js';

/**
 * Persists a value that changes often (a broadcast's counters) without one write per change:
 * writes never overlap, and a change made while a write runs is carried by the next write, so
 * the store always ends with the latest value. The promise resolves once a write that started
 * after the call has finished.
 */
export function createCoalescingWriter(write: () => Promise<unknown>): () => Promise<void> {
	const lock = createSerialLock();
	let queued: Promise<void> | undefined;
	return () => {
		if (queued) return queued;
		const next = lock.run(async () => {
			queued = undefined;
			await write();
		});
		queued = next;
		return next;
	};
}
