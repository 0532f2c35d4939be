import type { ArchivedIssue } from '../src/archive/archive.js';
import { defineCommand, type CommandContext } from '../src/command/command.js';
import { failure } from '../src/i18n/failures.js';
import type { Action, Block } from '../src/content/block.js';
import { translatorFor, type Translator } from '../src/i18n/translator.js';
import { catchUpPageBlocks, paginateCatchUp } from '../src/present/catch-up-pages.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { namedIn, publicationArgument, publicationOption, resolvePublicationScope } from './publication-scope.js';
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
		publicationOption,
	],
	schema: sinceArguments.extend({ publication: publicationArgument }),
	async *run({ from, page = 1, publication }, context) {
		const t = translatorFor(context.locale);
		const chosen = await resolvePublicationScope(context, publication, { command: 'since', args: from ? [startToken(from)] : [] }, t);
		if ('answer' in chosen) {
			yield* chosen.answer;
			return;
		}
		const { scope } = chosen;
		const latest = context.archive.latest(scope.slug);
		if (!latest) {
			yield failure('no-issues', {}, t.locale);
			return;
		}
		// Numbers are per publication: an issue remembered from another one says nothing about this one.
		const recalled = from ? undefined : await context.reader?.lastShown(scope.slug);
		const remembered = recalled && (scope.slug === undefined || recalled.publication === scope.slug) ? recalled : undefined;
		if (!from && !remembered) {
			yield* firstVisit(latest, context, t);
			return;
		}
		const start: SinceStart = from ?? { kind: 'after', number: remembered?.number ?? 0, remembered: true };
		const missed = missedIssues(context.archive.list(scope.slug), start);
		if (missed.length === 0) {
			yield* upToDate(latest, start, t);
			return;
		}
		const shown = missed.slice(0, maxIssues);
		const fresh = start.kind === 'after' && start.remembered;
		const title = namedIn(scope, t.text(fresh ? 'since-heading-new' : 'since-heading', { count: missed.length, period: describeStart(start, t) }));
		yield* catchUpPage(shown, page, title, [startToken(start), ...(scope.publication ? [scope.publication.slug] : [])], context, t);
		if (missed.length > shown.length) yield { type: 'paragraph', spans: t.spans('since-more', { shown: shown.length }) };
	},
});

/** One page of a catch-up, with buttons to the pages around it; every issue on it counts as shown. */
function* catchUpPage(issues: readonly ArchivedIssue[], page: number, title: string, [token, ...named]: readonly string[], context: CommandContext, t: Translator): Generator<Block> {
	const pages = paginateCatchUp(issues);
	const current = Math.min(page, pages.length);
	const shown = pages[current - 1] ?? [];
	yield { type: 'heading', level: 1, spans: [{ text: pages.length > 1 ? t.text('since-page', { title, current, pages: pages.length }) : title }] };
	yield* catchUpPageBlocks(shown, t);
	for (const chunk of shown) context.reader?.shown(chunk.issue);
	const actions: Action[] = [];
	if (current > 1) actions.push({ label: t.text('button-newer'), command: 'since', args: [token!, String(current - 1), ...named] });
	if (current < pages.length) actions.push({ label: t.text('button-older'), command: 'since', args: [token!, String(current + 1), ...named] });
	if (actions.length > 0) yield { type: 'actions', actions };
}

/** A reader the bot has never shown an issue: the latest one, and how to ask for more. */
function* firstVisit(latest: ArchivedIssue, context: CommandContext, t: Translator): Generator<Block> {
	yield { type: 'paragraph', spans: t.spans('since-first-visit') };
	yield* catchUpPage([latest], 1, t.text('since-latest-title'), [`#${latest.number - 1}`], context, t);
}

function* upToDate(latest: ArchivedIssue, start: SinceStart, t: Translator): Generator<Block> {
	const args = { title: latest.title, date: formatIssueDate(latest.date, t) };
	const spans = start.kind === 'after' ? t.spans('since-up-to-date', args) : t.spans('since-up-to-date-period', { ...args, period: describeStart(start, t) });
	yield { type: 'paragraph', spans };
	yield { type: 'actions', actions: [{ label: t.text('button-latest-issue'), command: 'latest', args: [] }] };
}
