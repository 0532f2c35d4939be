import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import type { Span } from '../src/content/span.js';
import { failure } from '../src/i18n/failures.js';
import { translatorFor } from '../src/i18n/translator.js';
import { formatIssueDate } from '../src/present/story-card.js';

/** Buttons under the list: a chat with a dozen publications gets the list, not a wall of buttons. */
const maxButtons = 8;

export default defineCommand({
	name: 'publications',
	description: 'The publications this bot serves, and how to subscribe',
	usage: '/publications',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		const t = translatorFor(context.locale);
		const publications = context.publications.list();
		if (publications.length === 0) {
			yield failure('no-issues', {}, t.locale);
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: t.text('publications-heading') }] };
		yield {
			type: 'list',
			ordered: false,
			items: publications.map((publication): Span[] => {
				const latest = context.archive.latest(publication.slug);
				const state = latest ? t.text('publications-item-latest', { number: String(latest.number), date: formatIssueDate(latest.date, t) }) : t.text('publications-item-empty');
				return [
					{ text: publication.name, bold: true },
					{ text: ' ' },
					{ text: publication.slug, code: true },
					{ text: ` — ${state}` },
					...(publication.description ? [{ text: `\n${publication.description}` }] : []),
				];
			}),
		};
		yield { type: 'paragraph', spans: t.spans('publications-subscribe') };
		yield { type: 'actions', actions: publications.slice(0, maxButtons).map((publication) => ({ label: publication.name, command: 'latest', args: [publication.slug] })) };
	},
});
