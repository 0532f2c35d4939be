import { describe, expect, it } from 'vitest';
import { deliverySlot, spreadOffsetMs } from '../../src/schedule/delivery-slot.js';
import { instantOf, nextWallClockTime } from '../../src/schedule/wall-clock.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();

describe('the next wall-clock time in a zone', () => {
	it('when 08:00 Europe/Berlin is asked across the spring change then it is 07:00 UTC before and 06:00 UTC after', () => {
		expect(iso(nextWallClockTime('08:00', 'Europe/Berlin', at('2026-03-28T05:00:00Z')))).toBe('2026-03-28T07:00:00.000Z');
		expect(iso(nextWallClockTime('08:00', 'Europe/Berlin', at('2026-03-28T20:00:00Z')))).toBe('2026-03-29T06:00:00.000Z');
	});

	it('when 08:00 Europe/Berlin is asked across the autumn change then it moves back to 07:00 UTC', () => {
		expect(iso(nextWallClockTime('08:00', 'Europe/Berlin', at('2026-10-24T20:00:00Z')))).toBe('2026-10-25T07:00:00.000Z');
	});

	it('when the time has passed today then it is tomorrow’s, and exactly now counts as now', () => {
		expect(iso(nextWallClockTime('08:00', 'UTC', at('2026-05-01T08:00:01Z')))).toBe('2026-05-02T08:00:00.000Z');
		expect(iso(nextWallClockTime('08:00', 'UTC', at('2026-05-01T08:00:00Z')))).toBe('2026-05-01T08:00:00.000Z');
		expect(iso(nextWallClockTime('23:30', 'Asia/Kolkata', at('2026-12-31T20:00:00Z')))).toBe('2027-01-01T18:00:00.000Z');
	});

	it('when the local time does not exist (clocks spring forward) then it is the first instant after the gap', () => {
		expect(iso(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
		// Havana springs forward at midnight: 00:00 does not exist that day, 01:00 CDT follows.
		expect(iso(nextWallClockTime('00:00', 'America/Havana', at('2026-03-07T20:00:00Z')))).toBe('2026-03-08T05:00:00.000Z');
	});

	it('when the local time happens twice (clocks fall back) then it is the first one', () => {
		expect(iso(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
	});
});

describe('a subscription’s delivery slot', () => {
	it('when many subscriptions chose the same minute then their offsets spread over that minute, each stable', () => {
		const offsets = Array.from({ length: 2000 }, (_, index) => spreadOffsetMs(`telegram:${index}`));
		expect(new Set(offsets).size).toBe(60);
		expect(Math.max(...offsets)).toBeLessThan(60_000);
		expect(spreadOffsetMs('telegram:42')).toBe(spreadOffsetMs('telegram:42'));
	});

	it('when an issue arrives inside the minute but before the subscription’s second then it still goes that morning', () => {
		const id = 'telegram:42';
		const offset = spreadOffsetMs(id);
		const slot = at('2026-05-01T08:00:00Z') + offset;
		expect(deliverySlot({ time: '08:00', zone: 'UTC' }, id, slot - 1)).toBe(slot);
		expect(deliverySlot({ time: '08:00', zone: 'UTC' }, id, slot + 1)).toBe(slot + 24 * 3600_000);
	});
});
