import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';

export default defineCommand({
	name: 'help',
	description: 'List the commands',
	usage: '/help',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		const t = translatorFor(context.locale);
		yield { type: 'heading', level: 2, spans: [{ text: t.text('help-heading') }] };
		yield {
			type: 'list',
			ordered: false,
			items: context.commands.map((command) => [{ text: command.usage, code: true }, { text: ` — ${command.description}` }]),
		};
		yield { type: 'paragraph', spans: [{ text: t.text('help-footnote'), italic: true }] };
	},
});
