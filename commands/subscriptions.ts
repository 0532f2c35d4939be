import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import type { Span } from '../src/content/span.js';
import { subscriptionTools } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';

export default defineCommand({
	name: 'subscriptions',
	description: 'What this chat or server receives',
	usage: '/subscriptions',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		const tools = subscriptionTools(context);
		if (isFailure(tools)) {
			yield tools;
			return;
		}
		const subscriptions = await tools.store.listFor(tools.access.listScope());
		if (subscriptions.length === 0) {
			yield { type: 'paragraph', spans: [{ text: 'Nothing here is subscribed. Send ' }, { text: '/subscribe', code: true }, { text: ' to get new issues.' }] };
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: 'Subscriptions' }] };
		yield {
			type: 'list',
			ordered: false,
			items: subscriptions.map((subscription): Span[] => [
				{ text: subscription.threadId ? `topic ${subscription.threadId} of ${subscription.chatId}` : subscription.kind === 'guild-channel' ? `<#${subscription.chatId}>` : 'this chat', bold: true },
				{ text: ` — ${subscription.format}` },
				...(subscription.sections && subscription.sections.length > 0 ? [{ text: `, sections: ${subscription.sections.join(', ')}` }] : []),
				{ text: `, since ${subscription.createdAt.slice(0, 10)}` },
			]),
		};
	},
});
