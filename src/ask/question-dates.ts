import type { DateRange } from './passage-index.js';

/** A question with the dates it names taken out, and the range they stand for. */
export interface DatedQuestion {
	/** The question without its date words, for matching passages. */
	readonly topic: string;
	readonly range?: DateRange;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthPattern = `(${months.join('|')}|${months.map((month) => month.slice(0, 3)).join('|')})\\.?`;

/**
 * Finds the date a question names: an exact day ("2026-03-03"), a month ("March 2026",
 * "2026-03"), or a relative one ("today", "this week", "this month", "last week").
 *
 * Relative dates count from `today`, which the caller sets to the archive's latest issue date,
 * not the clock: an archive is read after the fact (a fresh clone of this repository holds an
 * issue from March 2026), and "this week" means "the latest week of news" to its readers. A week
 * is the seven days ending on that date.
 */
export function parseQuestionDates(question: string, today: string | undefined): DatedQuestion {
	let topic = question;
	let range: DateRange | undefined;
	const take = (pattern: RegExp, toRange: (match: RegExpExecArray) => DateRange | undefined): void => {
		if (range) return;
		const match = pattern.exec(topic);
		if (!match) return;
		const found = toRange(match);
		if (!found) return;
		range = found;
		topic = `${topic.slice(0, match.index)} ${topic.slice(match.index + match[0].length)}`;
	};
	take(/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => (validDay(m[0]) ? { from: m[0], to: m[0] } : undefined));
	take(/\b(\d{4})-(\d{2})\b(?!-\d)/, (m) => monthRange(Number(m[1]), Number(m[2])));
	take(new RegExp(`\\b${monthPattern}\\s+(\\d{4})\\b`, 'i'), (m) => monthRange(Number(m[2]), monthNumber(m[1]!)));
	take(new RegExp(`\\b(?:in\\s+)?${monthPattern}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), (m) => dayOf(Number(m[3]), monthNumber(m[1]!), Number(m[2])));
	if (today) {
		take(/\b(?:this|past) week\b/i, () => ({ from: addDays(today, -6), to: today }));
		take(/\blast week\b/i, () => ({ from: addDays(today, -13), to: addDays(today, -7) }));
		take(/\bthis month\b/i, () => monthRange(Number(today.slice(0, 4)), Number(today.slice(5, 7))));
		take(/\btoday\b/i, () => ({ from: today, to: today }));
		take(/\byesterday\b/i, () => ({ from: addDays(today, -1), to: addDays(today, -1) }));
	}
	topic = topic.replace(/\b(?:in|on|from|during|of)\s*(?=[?.!]*\s*$)/i, '').replace(/\s+/g, ' ').trim();
	return range ? { topic, range } : { topic };
}

function monthNumber(name: string): number {
	const lower = name.toLowerCase().replace('.', '');
	return months.findIndex((month) => month === lower || month.slice(0, 3) === lower) + 1;
}

function monthRange(year: number, month: number): DateRange | undefined {
	if (month < 1 || month > 12) return undefined;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const prefix = `${year}-${String(month).padStart(2, '0')}`;
	return { from: `${prefix}-01`, to: `${prefix}-${String(last).padStart(2, '0')}` };
}

function dayOf(year: number, month: number, day: number): DateRange | undefined {
	const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return validDay(value) ? { from: value, to: value } : undefined;
}

function validDay(value: string): boolean {
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
