import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { plainText } from '../src/content/span.js';
import { formatIssueDate } from '../src/present/story-card.js';

const maxResults = 8;

export default defineCommand({
	name: 'search',
	description: 'Search every story of the archive',
	usage: '/search QUERY',
	options: [{ name: 'query', description: 'words to look for', type: 'string', required: true, rest: true, maxLength: 200 }],
	schema: z.object({
		query: z
			.string({ message: 'argument-missing' })
			.trim()
			.min(1, { message: 'argument-missing' })
			.max(200, { message: 'argument-too-long-max' })
			.refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'argument-letter-or-digit' }),
	}),
	async *run({ query }, context) {
		const t = translatorFor(context.locale);
		const hits = context.archive.search(query, maxResults);
		const shownQuery = query.slice(0, 60);
		if (hits.length === 0) {
			yield failure('no-results', { query: shownQuery }, t.locale);
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: t.text('search-heading', { query: shownQuery }) }] };
		const latestId = context.archive.latest()?.issue.id;
		yield {
			type: 'list',
			ordered: true,
			items: hits.map(({ issue, story }) => {
				const command = issue.issue.id === latestId ? `/story ${story.number}` : `/story ${story.number} ${issue.issue.id}`;
				const teaser = story.whyItMatters ? plainText(story.whyItMatters).replace(/^\s*why it matters:?\s*/i, '') : '';
				return [
					{ text: story.title, bold: true },
					{ text: ` — ${formatIssueDate(issue.issue.date, t)} ` },
					{ text: command, code: true },
					...(teaser ? [{ text: `\n${teaser.length > 140 ? `${teaser.slice(0, 139)}…` : teaser}` }] : []),
				];
			}),
		};
	},
});
