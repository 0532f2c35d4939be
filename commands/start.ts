import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { titleIn } from '../src/present/issue-content.js';
import { formatIssueDate } from '../src/present/story-card.js';
import story from './story.js';

/** Deep-link payloads look like "2026-03-03-s3": that issue, story 3. */
const deepLink = /^(.+)-s(\d{1,4})$/;

export default defineCommand({
	name: 'start',
	description: 'Welcome, and what this bot can do',
	usage: '/start',
	hidden: true,
	options: [{ name: 'payload', description: 'deep-link payload', type: 'string', required: false, maxLength: 64 }],
	schema: z.object({ payload: z.string().max(64).optional() }),
	async *run({ payload }, context) {
		const link = payload ? deepLink.exec(payload) : null;
		if (link) {
			yield* story.run({ number: Number(link[2]), issue: link[1] }, context);
			return;
		}
		const t = translatorFor(context.locale);
		const latest = context.archive.latest();
		const publications = context.publications.several() ? context.publications.list() : [];
		// With several publications the newest issue overall is one of many: it says whose, and the welcome points at the list.
		const title = latest && publications.length > 0 ? titleIn(latest.issue.title, context.publications.nameOf(latest.publication)) : latest?.issue.title;
		yield { type: 'heading', level: 1, spans: [{ text: t.text('start-heading') }] };
		yield {
			type: 'paragraph',
			spans: latest && title !== undefined
				? t.spans('start-latest', { title, date: formatIssueDate(latest.issue.date, t), count: latest.issue.stories.length })
				: t.spans('start-empty'),
		};
		if (publications.length > 0) yield { type: 'paragraph', spans: t.spans('start-publications', { count: publications.length, example: publications[0]!.slug }) };
		yield {
			type: 'list',
			ordered: false,
			items: context.commands.map((command) => [{ text: command.usage, code: true }, { text: ` — ${command.description}` }]),
		};
		yield {
			type: 'actions',
			actions: [
				...(publications.length > 0 ? [{ label: t.text('publications-heading'), command: 'publications', args: [] }] : []),
				{ label: t.text('button-top-stories'), command: 'top', args: [] },
				{ label: t.text('button-latest-issue'), command: 'latest', args: [] },
			],
		};
	},
});
