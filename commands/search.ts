import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { plainText } from '../src/content/span.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { publicationArgument, publicationOption, resolvePublicationScope } from './publication-scope.js';

const maxResults = 8;

export default defineCommand({
	name: 'search',
	description: 'Search every story of the archive',
	usage: '/search QUERY',
	options: [{ name: 'query', description: 'words to look for', type: 'string', required: true, rest: true, maxLength: 200 }, publicationOption],
	schema: z.object({
		publication: publicationArgument,
		query: z
			.string({ message: 'argument-missing' })
			.trim()
			.min(1, { message: 'argument-missing' })
			.max(200, { message: 'argument-too-long-max' })
			.refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'argument-letter-or-digit' }),
	}),
	async *run({ query, publication }, context) {
		const t = translatorFor(context.locale);
		// Without a publication named, a search spans them all; each hit then says which it is from.
		const named = publication === undefined ? { scope: {} } : await resolvePublicationScope(context, publication, { command: 'search' }, t);
		if ('answer' in named) {
			yield* named.answer;
			return;
		}
		const several = context.publications.several();
		const hits = context.archive.search(query, maxResults, named.scope.slug);
		const shownQuery = query.slice(0, 60);
		if (hits.length === 0) {
			yield failure('no-results', { query: shownQuery }, t.locale);
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: t.text('search-heading', { query: shownQuery }) }] };
		// With several publications a bare `/story N` reads the chat's own publication, which need not be the hit's: every hit names its issue.
		const latestId = several ? undefined : context.archive.latest()?.id;
		yield {
			type: 'list',
			ordered: true,
			items: hits.map(({ issue, story }) => {
				const command = issue.id === latestId ? `/story ${story.number}` : `/story ${story.number} ${issue.id}`;
				const teaser = story.whyItMatters ? plainText(story.whyItMatters).replace(/^\s*why it matters:?\s*/i, '') : '';
				return [
					{ text: story.title, bold: true },
					{ text: several ? ` — ${context.publications.nameOf(issue.publication)}, ${formatIssueDate(issue.date, t)} ` : ` — ${formatIssueDate(issue.date, t)} ` },
					{ text: command, code: true },
					...(teaser ? [{ text: `\n${teaser.length > 140 ? `${teaser.slice(0, 139)}…` : teaser}` }] : []),
				];
			}),
		};
	},
});
