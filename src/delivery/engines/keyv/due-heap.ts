import TinyQueue from 'tinyqueue';

/**
 * Ids ordered by when they are due: taking the due ones costs log n each, however many wait far
 * in the future. The embedded queue keeps its delayed jobs here, which since `/settings at` may
 * be every scheduled subscriber's job waiting hours for its morning.
 */
export interface DueHeap {
	readonly size: number;
	push(id: string, dueAt: number): void;
	/** The earliest due time, undefined when empty. */
	peek(): number | undefined;
	/** Removes and returns every id due at or before `time`, earliest first. */
	popDue(time: number): string[];
}

interface Entry {
	readonly id: string;
	readonly dueAt: number;
}

/** A binary min-heap by due time (tinyqueue). */
export function createDueHeap(): DueHeap {
	const heap = new TinyQueue<Entry>([], (a, b) => a.dueAt - b.dueAt);
	return {
		get size() {
			return heap.length;
		},
		push: (id, dueAt) => heap.push({ id, dueAt }),
		peek: () => heap.peek()?.dueAt,
		popDue(time) {
			const due: string[] = [];
			for (let next = heap.peek(); next !== undefined && next.dueAt <= time; next = heap.peek()) {
				heap.pop();
				due.push(next.id);
			}
			return due;
		},
	};
}
