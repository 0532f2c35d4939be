import { describe, expect, it } from 'vitest';
import { findDate, isDateLine } from '../../src/parser/dates.js';

describe('when a date is written in the language and layout of the issue', () => {
	it.each([
		['Mardi 14 avril 2026', '2026-04-14'],
		['Thursday, April 09, 2026', '2026-04-09'],
		['Heft 12, 9. April 2026', '2026-04-09'],
		['jueves, 9 de abril de 2026', '2026-04-09'],
		['quinta-feira, 9 de abril de 2026', '2026-04-09'],
		['9 апреля 2026 г.', '2026-04-09'],
		['2026年4月9日', '2026-04-09'],
		['2026年4月9日(木)', '2026-04-09'],
		['2026년 4월 9일 목요일', '2026-04-09'],
	])('then "%s" is read as %s', (line, date) => {
		expect(findDate(line)).toBe(date);
	});

	it('then a weekday before the date still makes a line that is only a date', () => {
		expect(isDateLine('Thursday, April 09, 2026')).toBe(true);
		expect(isDateLine('Mardi 14 avril 2026')).toBe(true);
		expect(isDateLine('Heft 12, 9. April 2026')).toBe(false);
	});

	it('then a date without a year, or a weekday alone, is no date: the year is never taken from the clock', () => {
		expect(findDate('Mardi 14 avril')).toBeUndefined();
		expect(findDate('See you on Friday')).toBeUndefined();
		expect(findDate('5 things to know today')).toBeUndefined();
	});

	it('then a day that does not exist is no date', () => {
		expect(findDate('31 février 2026')).toBeUndefined();
	});
});
