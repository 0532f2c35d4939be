import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { namedIn, publicationArgument, publicationOption, resolvePublicationScope } from './publication-scope.js';

/** Issues shown per page: short enough for one phone screen. */
const pageSize = 10;

export default defineCommand({
	name: 'issues',
	description: 'The archive of issues, newest first',
	usage: '/issues [page]',
	options: [{ name: 'page', description: 'page number', type: 'integer', required: false, min: 1, max: 1000 }, publicationOption],
	schema: z.object({
		publication: publicationArgument,
		page: z.coerce.number({ message: 'argument-number' }).int({ message: 'argument-whole-number' }).min(1, { message: 'argument-at-least-one' }).max(100_000, { message: 'argument-too-large' }).optional(),
	}),
	async *run({ page = 1, publication }, context) {
		const t = translatorFor(context.locale);
		const chosen = await resolvePublicationScope(context, publication, { command: 'issues', args: page === 1 ? [] : [String(page)] }, t);
		if ('answer' in chosen) {
			yield* chosen.answer;
			return;
		}
		const { scope } = chosen;
		const all = context.archive.list(scope.slug);
		if (all.length === 0) {
			yield failure('no-issues', {}, t.locale);
			return;
		}
		const pages = Math.ceil(all.length / pageSize);
		const current = Math.min(page, pages);
		const shown = all.slice((current - 1) * pageSize, current * pageSize);
		yield { type: 'heading', level: 1, spans: [{ text: namedIn(scope, t.text('issues-heading', { current: String(current), pages: String(pages) })) }] };
		yield {
			type: 'list',
			ordered: false,
			items: shown.map((entry) => [
				{ text: `#${entry.number} `, bold: true },
				{ text: `${formatIssueDate(entry.date, t)} — ${entry.title} ` },
				{ text: scope.publication ? `/issue ${scope.publication.slug} ${entry.date ?? entry.number}` : `/issue ${entry.date ?? entry.number}`, code: true },
			]),
		};
		const actions = [];
		// The buttons carry the publication, so the next page is of the same one whoever presses them.
		const named = scope.publication ? [scope.publication.slug] : [];
		if (current > 1) actions.push({ label: t.text('button-newer'), command: 'issues', args: [String(current - 1), ...named] });
		if (current < pages) actions.push({ label: t.text('button-older'), command: 'issues', args: [String(current + 1), ...named] });
		if (actions.length > 0) yield { type: 'actions', actions };
	},
});
