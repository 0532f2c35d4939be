import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDueHeap } from '../../src/delivery/engines/keyv/due-heap.js';

describe('the delayed jobs’ heap', () => {
	it('when jobs are pushed in any order then each claim time takes exactly the due ones, earliest first, and the rest stay', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 5 }), (dues, times) => {
				const heap = createDueHeap();
				dues.forEach((due, index) => heap.push(String(index), due));
				const left = new Map(dues.map((due, index) => [String(index), due]));
				for (const time of [...times].sort((a, b) => a - b)) {
					const taken = heap.popDue(time);
					const expected = [...left].filter(([, due]) => due <= time).map(([id]) => id);
					expect(new Set(taken)).toEqual(new Set(expected));
					const takenDues = taken.map((id) => left.get(id)!);
					expect(takenDues).toEqual([...takenDues].sort((a, b) => a - b));
					for (const id of taken) left.delete(id);
					expect(heap.size).toBe(left.size);
					expect(heap.peek()).toBe(left.size > 0 ? Math.min(...left.values()) : undefined);
				}
			}),
		);
	});
});
