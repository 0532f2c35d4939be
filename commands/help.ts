import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';

export default defineCommand({
	name: 'help',
	description: 'List the commands',
	usage: '/help',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		yield { type: 'heading', level: 2, spans: [{ text: 'Commands' }] };
		yield {
			type: 'list',
			ordered: false,
			items: context.commands.map((command) => [{ text: command.usage, code: true }, { text: ` — ${command.description}` }]),
		};
		yield { type: 'paragraph', spans: [{ text: 'Stories are numbered within each issue; without an issue, commands use the latest one.', italic: true }] };
	},
});
