import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';

export default defineCommand({
	name: 'status',
	description: 'The latest broadcast’s progress (bot admins only)',
	usage: '/status',
	hidden: true,
	audience: 'bot-admins',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		if (!context.isBotAdmin) {
			yield failure('bot-admins-only', {});
			return;
		}
		const status = await context.broadcastStatus?.();
		yield { type: 'heading', level: 2, spans: [{ text: 'Status' }] };
		yield {
			type: 'list',
			ordered: false,
			items: [
				[{ text: `Issues in the archive: ${context.archive.size}` }],
				...(status
					? [
							[{ text: `Latest broadcast: ${status.issueId}, started ${status.startedAt.slice(0, 16).replace('T', ' ')} UTC` }],
							[{ text: `${status.delivered} delivered, ${status.failed} failed, ${status.unsubscribed} unsubscribed, ${status.pending} pending of ${status.total}` }],
						]
					: [[{ text: 'No broadcast yet.' }]]),
			],
		};
	},
});
