import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
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
		yield { type: 'heading', level: 1, spans: [{ text: t.text('start-heading') }] };
		yield {
			type: 'paragraph',
			spans: latest
				? t.spans('start-latest', { title: latest.issue.title, date: formatIssueDate(latest.issue.date, t), count: latest.issue.stories.length })
				: t.spans('start-empty'),
		};
		yield {
			type: 'list',
			ordered: false,
			items: context.commands.map((command) => [{ text: command.usage, code: true }, { text: ` — ${command.description}` }]),
		};
		yield { type: 'actions', actions: [{ label: t.text('button-top-stories'), command: 'top', args: [] }, { label: t.text('button-latest-issue'), command: 'latest', args: [] }] };
	},
});
