import * as chrono from 'chrono-node';

/*
 * Dates written in the issue's own language and layout: "Mardi 31 janvier 2023", "Friday,
 * February 03, 2023", "Ausgabe 630, 10. April 2026", "3 марта 2026 г.", "2026년 3월 3일".
 * chrono-node reads them (its strict parsers, one per locale); Korean, which it has no locale
 * for, is one pattern. Only a full calendar date counts: a weekday or "5 things today" has no
 * year, and the parser never invents one from the clock.
 */

/** A date found in a line: where it stands, so the caller can tell whether it is the whole line. */
export interface DateMatch {
	readonly date: string;
	readonly index: number;
	readonly text: string;
}

/** English first (the archive's most common language), then the languages of its readers and beyond. */
const parsers = [chrono.en.strict, chrono.fr.strict, chrono.de.strict, chrono.es.strict, chrono.pt.strict, chrono.it.strict, chrono.nl.strict, chrono.ru.strict, chrono.uk.strict, chrono.zh.strict, chrono.ja.strict];

const korean = /(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일(?:\s*\(?[월화수목금토일](?:요일)?\)?)?/u;
/** A four-digit year is the one thing every full date here contains: lines without one skip chrono, which is slow. */
const hasYear = /(?:^|\D)(?:1[89]|2[01])\d{2}(?:\D|$)/;
/** A line longer than this is prose, not a date or a header: chrono's cost grows with length. */
const maxLineLength = 300;
/** chrono needs a reference date for what a text leaves out; only fully stated dates are kept, so any will do. */
const reference = new Date(Date.UTC(2000, 0, 1));

/** The first full calendar date written in `line` in any supported language, or undefined. */
export function findLocalizedDate(line: string): DateMatch | undefined {
	if (line.length > maxLineLength || !hasYear.test(line)) return undefined;
	const hangul = korean.exec(line);
	if (hangul) {
		const date = formatDate(Number(hangul[1]), Number(hangul[2]), Number(hangul[3]));
		if (date) return { date, index: hangul.index, text: hangul[0] };
	}
	for (const parser of parsers) {
		for (const result of parser.parse(line, reference)) {
			const start = result.start;
			if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
			const date = formatDate(start.get('year')!, start.get('month')!, start.get('day')!);
			if (date) return { date, index: result.index, text: result.text };
		}
	}
	return undefined;
}

/** YYYY-MM-DD, or undefined for a day that does not exist (31 February). */
export function formatDate(year: number, month: number, day: number): string | undefined {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	return date.toISOString().slice(0, 10);
}
