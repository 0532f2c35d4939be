import { z } from 'zod';
import type { ArchivedIssue } from '../src/archive/archive.js';
import type { MessageArgs, Translator } from '../src/i18n/translator.js';
import { formatIssueDate } from '../src/present/story-card.js';

/** Ten years: further back than any archive, and still a number a person means. */
const maxDays = 3650;

const dayMs = 86_400_000;

/**
 * Where a catch-up starts. `after` is what plain `/since` resolves to (the reader's last issue)
 * and what its page buttons carry, as "#N": an issue number keeps callback data short where an
 * undated issue's id may not be.
 */
export type SinceStart =
	| { readonly kind: 'days'; readonly days: number }
	| { readonly kind: 'date'; readonly date: string }
	| { readonly kind: 'after'; readonly number: number; readonly remembered?: boolean };

/** Today's date in UTC, as issues are dated. */
function today(now: number): string {
	return new Date(now).toISOString().slice(0, 10);
}

/** Why a start was refused: a catalogue id and its variables, translated where the reader is known. */
export interface SinceProblem {
	readonly problem: string;
	readonly args?: MessageArgs;
}

/**
 * Reads "7d", "2026-03-01" or "#12". A date up to a day ahead of UTC is accepted: it is
 * already today for a reader east of Greenwich.
 */
export function parseSinceStart(text: string, now = Date.now()): SinceStart | SinceProblem {
	const days = /^(\d{1,9})d$/i.exec(text);
	if (days) {
		const count = Number(days[1]);
		if (count < 1 || count > maxDays) return { problem: 'argument-since-days-range', args: { max: String(maxDays) } };
		return { kind: 'days', days: count };
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
		const parsed = new Date(`${text}T00:00:00Z`);
		if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) return { problem: 'argument-since-not-a-date', args: { date: text } };
		if (text > today(now + dayMs)) return { problem: 'argument-since-future', args: { date: text } };
		return { kind: 'date', date: text };
	}
	const after = /^#(\d{1,6})$/.exec(text);
	if (after) return { kind: 'after', number: Number(after[1]) };
	return { problem: 'argument-since-shape' };
}

/** The argument schema: an optional start and page, the start read by {@link parseSinceStart}. */
export const sinceArguments = z.object({
	from: z
		.string()
		.trim()
		.max(20, { message: 'argument-too-long-short' })
		.optional()
		.transform((text, context) => {
			if (text === undefined || text === '') return undefined;
			const start = parseSinceStart(text);
			if ('problem' in start) {
				context.addIssue({ code: 'custom', message: start.problem, ...(start.args ? { params: start.args } : {}) });
				return z.NEVER;
			}
			return start;
		}),
	page: z.coerce.number({ message: 'argument-number' }).int({ message: 'argument-whole-number' }).min(1, { message: 'argument-at-least-one' }).max(100_000, { message: 'argument-too-large' }).optional(),
});

/**
 * The issues after the start, newest first. By date, the walk stops at the first dated issue
 * older than the cutoff; an undated issue before that point is kept, as the archive files it by
 * when it arrived, which was after the issues below it.
 */
export function missedIssues(issues: readonly ArchivedIssue[], start: SinceStart, now = Date.now()): ArchivedIssue[] {
	if (start.kind === 'after') return issues.filter((issue) => issue.number > start.number);
	const cutoff = start.kind === 'date' ? start.date : today(now - start.days * dayMs);
	const missed: ArchivedIssue[] = [];
	for (const issue of issues) {
		if (issue.date !== null && issue.date < cutoff) break;
		missed.push(issue);
	}
	return missed;
}

/** The argument a page button carries, so that the next page starts from the same place. */
export function startToken(start: SinceStart): string {
	if (start.kind === 'days') return `${start.days}d`;
	if (start.kind === 'date') return start.date;
	return `#${start.number}`;
}

/** How a page names the period: "since you last looked", "in the last 7 days" … */
export function describeStart(start: SinceStart, t: Translator): string {
	if (start.kind === 'days') return t.text('since-period-days', { days: start.days });
	if (start.kind === 'date') return t.text('since-period-date', { date: formatIssueDate(start.date, t) });
	return start.remembered ? t.text('since-period-remembered') : t.text('since-period-after', { number: String(start.number) });
}
