import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import { formatArgument, formatDescriptions, sectionsArgument, subscriptionTools, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';

export default defineCommand({
	name: 'settings',
	description: 'Change what a subscription sends',
	usage: '/settings headlines|top|full [sections|all]',
	audience: 'chat-admins',
	options: [
		{ name: 'format', description: 'what to send: headlines, top or full', type: 'string', required: true, maxLength: 10 },
		{ name: 'sections', description: 'only these sections, comma-separated, or all', type: 'string', required: false, rest: true, autocomplete: 'section', maxLength: 200 },
		{ name: 'channel', description: 'subscribed channel (default: this chat)', type: 'channel', required: false, maxLength: 100 },
	],
	schema: z.object({
		format: z.preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), formatArgument),
		sections: sectionsArgument,
		channel: targetArgument,
	}),
	async *run({ format, sections, channel }, context) {
		const tools = subscriptionTools(context);
		if (isFailure(tools)) {
			yield tools;
			return;
		}
		const resolution = await tools.access.resolveTarget(channel, 'manage');
		if (!resolution.ok) {
			yield resolution.failure;
			return;
		}
		const existing = await tools.store.getByTarget(resolution.resolved.target);
		const updated = existing?.status === 'active' ? await tools.store.update(existing.id, { format, sections }) : undefined;
		if (!updated) {
			yield failure('not-subscribed', { where: resolution.resolved.label });
			return;
		}
		const filter = sections.length > 0 ? ` from ${sections.join(', ')}` : ' from every section';
		yield { type: 'paragraph', spans: [{ text: `Saved: ${resolution.resolved.label} gets ${formatDescriptions[format]}${filter}.` }] };
	},
});
