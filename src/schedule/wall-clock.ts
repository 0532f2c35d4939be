/**
 * Wall-clock arithmetic in an IANA time zone with `Intl` alone: the offsets come from the
 * runtime's time-zone data, so daylight-saving rules stay as current as Node's ICU.
 */

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
		formatters.set(zone, formatter);
	}
	return formatter;
}

/** The local calendar fields of an instant in a zone. */
export interface LocalTime {
	readonly year: number;
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
}

export function localTimeOf(instant: number, zone: string): LocalTime {
	const fields: Record<string, number> = {};
	for (const part of formatterFor(zone).formatToParts(new Date(instant))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
	return { year: fields.year ?? 1970, month: fields.month ?? 1, day: fields.day ?? 1, hour: fields.hour ?? 0, minute: fields.minute ?? 0, second: fields.second ?? 0 };
}

/** How far the zone's wall clock is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffsetMs(instant: number, zone: string): number {
	const local = localTimeOf(instant, zone);
	const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
	return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a local date and time denotes in the zone. An ambiguous time (the hour repeated
 * when clocks fall back) is its first occurrence; a time that does not exist (skipped when
 * clocks spring forward) becomes the first instant after the gap, the moment the clocks jumped.
 */
export function instantOf(local: Pick<LocalTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>, zone: string): number {
	const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
	// Offsets a day either side bracket any transition near this time (zones change at most once a day).
	const before = zoneOffsetMs(asUtc - dayMs, zone);
	const after = zoneOffsetMs(asUtc + dayMs, zone);
	const valid = [...new Set([before, after])].map((offset) => asUtc - offset).filter((instant) => zoneOffsetMs(instant, zone) === asUtc - instant);
	if (valid.length > 0) return Math.min(...valid);
	// In the gap: the wall time is skipped. The jump lies between the two readings; find it.
	let low = asUtc - Math.max(before, after);
	let high = asUtc - Math.min(before, after);
	while (high - low > 1000) {
		const middle = Math.floor((low + high) / 2);
		if (zoneOffsetMs(middle, zone) === before) low = middle;
		else high = middle;
	}
	return high - (high % 1000);
}

/** "08:00" → hours and minutes; undefined unless a valid 24-hour time. */
export function parseClockTime(time: string): { hour: number; minute: number } | undefined {
	const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(time.trim());
	if (!match) return undefined;
	const hour = Number(match[1]);
	const minute = Number(match[2] ?? '0');
	return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

/**
 * The first instant at or after `from` when the zone's wall clock reads `time` ("HH:MM"):
 * today's if it is still ahead, otherwise tomorrow's. Days are counted on the local calendar,
 * so "08:00 Europe/Berlin" stays 08:00 on both sides of a daylight-saving change.
 */
export function nextWallClockTime(time: string, zone: string, from: number): number {
	const clock = parseClockTime(time);
	if (!clock) throw new RangeError(`not a time of day: ${time}`);
	const today = localTimeOf(from, zone);
	for (let days = 0; days < 3; days += 1) {
		// Date.UTC normalises day 32 into the next month, which is all the calendar math needed.
		const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
		const candidate = instantOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), ...clock }, zone);
		if (candidate >= from) return candidate;
	}
	throw new RangeError(`no ${time} in ${zone} after ${new Date(from).toISOString()}`);
}
