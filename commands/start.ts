import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
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
		const latest = context.archive.latest();
		yield { type: 'heading', level: 1, spans: [{ text: 'Welcome to the digest bot' }] };
		yield {
			type: 'paragraph',
			spans: latest
				? [
						{ text: 'The latest issue is ' },
						{ text: latest.issue.title, bold: true },
						{ text: ` (${formatIssueDate(latest.issue.date)}), with ${latest.issue.stories.length} stories.` },
					]
				: [{ text: 'No issue has been published yet.' }],
		};
		yield {
			type: 'list',
			ordered: false,
			items: context.commands.map((command) => [{ text: command.usage, code: true }, { text: ` — ${command.description}` }]),
		};
		yield { type: 'actions', actions: [{ label: 'Top stories', command: 'top', args: [] }, { label: 'Latest issue', command: 'latest', args: [] }] };
	},
});
