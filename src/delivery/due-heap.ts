/**
 * Ids ordered by when they are due (a binary min-heap): taking the due ones costs log n each,
 * however many wait far in the future. The embedded queue keeps its delayed jobs here, which
 * since `/settings at` may be every scheduled subscriber's job waiting hours for its morning.
 */
export interface DueHeap {
	readonly size: number;
	push(id: string, dueAt: number): void;
	/** The earliest due time, undefined when empty. */
	peek(): number | undefined;
	/** Removes and returns every id due at or before `time`, earliest first. */
	popDue(time: number): string[];
}

export function createDueHeap(): DueHeap {
	const ids: string[] = [];
	const dues: number[] = [];
	const swap = (a: number, b: number): void => {
		[ids[a], ids[b]] = [ids[b]!, ids[a]!];
		[dues[a], dues[b]] = [dues[b]!, dues[a]!];
	};
	const up = (start: number): void => {
		for (let index = start; index > 0; ) {
			const parent = (index - 1) >> 1;
			if (dues[parent]! <= dues[index]!) return;
			swap(parent, index);
			index = parent;
		}
	};
	const down = (): void => {
		for (let index = 0; ; ) {
			const left = 2 * index + 1;
			const right = left + 1;
			let smallest = index;
			if (left < dues.length && dues[left]! < dues[smallest]!) smallest = left;
			if (right < dues.length && dues[right]! < dues[smallest]!) smallest = right;
			if (smallest === index) return;
			swap(index, smallest);
			index = smallest;
		}
	};
	return {
		get size() {
			return ids.length;
		},
		push(id, dueAt) {
			ids.push(id);
			dues.push(dueAt);
			up(ids.length - 1);
		},
		peek: () => dues[0],
		popDue(time) {
			const due: string[] = [];
			while (dues.length > 0 && dues[0]! <= time) {
				due.push(ids[0]!);
				const lastId = ids.pop()!;
				const lastDue = dues.pop()!;
				if (ids.length > 0) {
					ids[0] = lastId;
					dues[0] = lastDue;
					down();
				}
			}
			return due;
		},
	};
}
