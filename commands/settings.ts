import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import { formatArgument, formatDescriptions, resolveSubscriptionTarget, sectionsArgument, targetArgument } from './subscription-context.js';
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
		const target = await resolveSubscriptionTarget(context, channel, 'manage');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		const existing = await store.getByTarget(resolved.target);
		const updated = existing?.status === 'active' ? await store.update(existing.id, { format, sections }) : undefined;
		if (!updated) {
			yield failure('not-subscribed', { where: resolved.label });
			return;
		}
		const filter = sections.length > 0 ? ` from ${sections.join(', ')}` : ' from every section';
		yield { type: 'paragraph', spans: [{ text: `Saved: ${resolved.label} gets ${formatDescriptions[format]}${filter}.` }] };
	},
});
