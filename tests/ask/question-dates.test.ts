import { describe, expect, it } from 'vitest';
import { parseQuestionDates } from '../../src/ask/question-dates.js';

describe('when a question names a date', () => {
	const latest = '2026-03-03';
	it.each([
		['what happened on 2026-03-03?', { from: '2026-03-03', to: '2026-03-03' }],
		['news from March 2026', { from: '2026-03-01', to: '2026-03-31' }],
		['anything in feb 2024?', { from: '2024-02-01', to: '2024-02-29' }],
		['what happened on March 3, 2026', { from: '2026-03-03', to: '2026-03-03' }],
		['what about OCR this week', { from: '2026-02-25', to: '2026-03-03' }],
		['the DoW contract this month', { from: '2026-03-01', to: '2026-03-31' }],
		['what is new today', { from: '2026-03-03', to: '2026-03-03' }],
		['2026-03 releases', { from: '2026-03-01', to: '2026-03-31' }],
	])('then "%s" is filtered to its range', (question, range) => {
		expect(parseQuestionDates(question, latest).range).toEqual(range);
	});

	it('then the date words leave the topic and the rest stays', () => {
		expect(parseQuestionDates('what happened with the DoW contract this month?', latest).topic).toBe('what happened with the DoW contract ?');
	});

	it('then a question without one, or an impossible day, has no range', () => {
		expect(parseQuestionDates('what did Qwen release?', latest).range).toBeUndefined();
		expect(parseQuestionDates('what happened on 2026-02-30?', latest).range).toBeUndefined();
		expect(parseQuestionDates('anything this week?', undefined).range).toBeUndefined();
	});
});
