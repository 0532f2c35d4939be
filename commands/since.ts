import type { ArchivedIssue } from '../src/archive/archive.js';
import { defineCommand, type CommandContext } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import type { Action, Block } from '../src/content/block.js';
import { catchUpPageBlocks, paginateCatchUp } from '../src/present/catch-up-pages.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { describeStart, missedIssues, sinceArguments, startToken, type SinceStart } from './since-arguments.js';

/**
 * Issues one catch-up lists at most. Past this a reader wants the archive (`/issues`), not a
 * hundred pages of headlines; it also bounds the issues unpacked for one page press.
 */
const maxIssues = 50;

export default defineCommand({
	name: 'since',
	description: 'What you missed: issues since you last looked, or since 7d or a date',
	usage: '/since [7d|2026-03-01] [page]',
	options: [
		{ name: 'from', description: 'how far back', type: 'string', required: false, maxLength: 20 },
		{ name: 'page', description: 'page number', type: 'integer', required: false, min: 1, max: 100_000 },
	],
	schema: sinceArguments,
	async *run({ from, page = 1 }, context) {
		const latest = context.archive.latest();
		if (!latest) {
			yield failure('no-issues', {});
			return;
		}
		const remembered = from ? undefined : await context.reader?.lastShown();
		if (!from && !remembered) {
			yield* firstVisit(latest, context);
			return;
		}
		const start: SinceStart = from ?? { kind: 'after', number: remembered?.number ?? 0, remembered: true };
		const missed = missedIssues(context.archive.list(), start);
		if (missed.length === 0) {
			yield* upToDate(latest, start);
			return;
		}
		const shown = missed.slice(0, maxIssues);
		const count = `${missed.length} ${start.kind === 'after' && start.remembered ? 'new ' : ''}${missed.length === 1 ? 'issue' : 'issues'}`;
		yield* catchUpPage(shown, page, `${capitalise(count)} ${describeStart(start)}`, startToken(start), context);
		if (missed.length > shown.length) {
			yield { type: 'paragraph', spans: [{ text: `These are the newest ${shown.length}; ` }, { text: '/issues', code: true }, { text: ' lists the rest.' }] };
		}
	},
});

/** One page of a catch-up, with buttons to the pages around it; every issue on it counts as shown. */
function* catchUpPage(issues: readonly ArchivedIssue[], page: number, title: string, token: string, context: CommandContext): Generator<Block> {
	const pages = paginateCatchUp(issues);
	const current = Math.min(page, pages.length);
	const shown = pages[current - 1] ?? [];
	yield { type: 'heading', level: 1, spans: [{ text: pages.length > 1 ? `${title} — page ${current} of ${pages.length}` : title }] };
	yield* catchUpPageBlocks(shown);
	for (const chunk of shown) context.reader?.shown(chunk.issue);
	const actions: Action[] = [];
	if (current > 1) actions.push({ label: '◀ Newer', command: 'since', args: [token, String(current - 1)] });
	if (current < pages.length) actions.push({ label: 'Older ▶', command: 'since', args: [token, String(current + 1)] });
	if (actions.length > 0) yield { type: 'actions', actions };
}

/** A reader the bot has never shown an issue: the latest one, and how to ask for more. */
function* firstVisit(latest: ArchivedIssue, context: CommandContext): Generator<Block> {
	yield {
		type: 'paragraph',
		spans: [
			{ text: 'I haven’t shown you an issue yet, so here is the latest. From now on ' },
			{ text: '/since', code: true },
			{ text: ' lists what came out after the last issue you saw; ' },
			{ text: '/since 7d', code: true },
			{ text: ' or ' },
			{ text: '/since 2026-03-01', code: true },
			{ text: ' lists a period.' },
		],
	};
	yield* catchUpPage([latest], 1, 'The latest issue', `#${latest.number - 1}`, context);
}

function* upToDate(latest: ArchivedIssue, start: SinceStart): Generator<Block> {
	const nothing = start.kind === 'after' ? '' : ` No issue came out ${describeStart(start)}.`;
	yield {
		type: 'paragraph',
		spans: [{ text: `You’re up to date.${nothing} The latest issue is ` }, { text: latest.title, bold: true }, { text: ` (${formatIssueDate(latest.date)}).` }],
	};
	yield { type: 'actions', actions: [{ label: 'Latest issue', command: 'latest', args: [] }] };
}

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
