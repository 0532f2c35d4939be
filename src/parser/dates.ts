const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
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
	return undefined;
}

/** True when the whole line is a date and nothing else worth keeping. */
export function isDateLine(line: string): boolean {
	const date = findDate(line);
	if (!date) return false;
	return line.replace(iso, '').replace(monthFirst, '').replace(dayFirst, '').replace(cjk, '').replace(/[\s,.*_|•·-]/g, '') === '';
}

function monthNumber(name: string): number {
	return months.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

function formatDate(year: number, month: number, day: number): string | undefined {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	return date.toISOString().slice(0, 10);
}
