import { findLocalizedDate, formatDate } from './localized-dates.js';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A full timestamp (`2026-08-14T05:44:39Z`) starts with its date, so a T may follow the day. */
const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})(?=T\d|\b)/;
const monthFirst = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/i;
const cjk = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

/** Finds a calendar date written in a line of text, as YYYY-MM-DD; undefined when there is none. */
export function findDate(line: string): string | undefined {
	let match = iso.exec(line) ?? cjk.exec(line);
	if (match) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
	match = monthFirst.exec(line);
	if (match) return formatDate(Number(match[3]), monthNumber(match[1]!), Number(match[2]));
	match = dayFirst.exec(line);
	if (match) return formatDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
	// The patterns above cover most issues cheaply; dates in other languages and layouts go to chrono.
	return findLocalizedDate(line)?.date;
}

/** True when the whole line is a date and nothing else worth keeping. */
export function isDateLine(line: string): boolean {
	const date = findDate(line);
	if (!date) return false;
	const rest = line.replace(iso, '').replace(monthFirst, '').replace(dayFirst, '').replace(cjk, '');
	if (isOnlyPunctuation(rest)) return true;
	// "Friday, February 03, 2023", "Mardi 31 janvier 2023": the weekday belongs to the date. More
	// words than a weekday's around the date ("By Ana • March 3, 2026") make another kind of line.
	if (rest !== line && rest.trim().split(/\s+/).length > maxWeekdayWords) return false;
	const localized = findLocalizedDate(line);
	return localized !== undefined && isOnlyPunctuation(line.slice(0, localized.index) + line.slice(localized.index + localized.text.length));
}

/** "Friday", "quinta-feira", "Mittwoch,": the words a date line may carry besides the date. */
const maxWeekdayWords = 2;

const isOnlyPunctuation = (rest: string): boolean => rest.replace(/[\s,.*_|•·-]/g, '') === '';

function monthNumber(name: string): number {
	return months.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}


const numericMonthFirst = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/;
const pathDate = /(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/;
const fileNameDate = /^(\d{4}|\d{2})-(\d{1,2})-(\d{1,2})(?=[-_.\s]|$)/;

/**
 * A date a publisher stated in a field (front matter, a `Date:` header): anything
 * {@link findDate} reads, and numeric dates written month first (`08-19-2026`, the US order;
 * read day first only when the first number cannot be a month).
 */
export function readFieldDate(value: string): string | undefined {
	const numeric = numericMonthFirst.exec(value);
	if (numeric) {
		const [first, second, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
		return first > 12 ? formatDate(year, second, first) : formatDate(year, first, second);
	}
	return findDate(value);
}

/** The date in a permalink such as `/en/newsletters/2024/02/28/`, or a dated slug. */
export function findPathDate(path: string): string | undefined {
	const match = pathDate.exec(path);
	if (match) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]));
	const segment = path.split('/').filter(Boolean).pop();
	return segment ? findFileNameDate(segment) : undefined;
}

/** The date a file name starts with: `2024-11-20-this-week-in-rust.md`, or `26-08-14-slug.md` (a two-digit year is this century's). */
export function findFileNameDate(file: string): string | undefined {
	const base = file.split(/[\\/]/).pop() ?? '';
	const match = fileNameDate.exec(base);
	if (!match) return undefined;
	const year = match[1]!.length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
	return formatDate(year, Number(match[2]), Number(match[3]));
}
