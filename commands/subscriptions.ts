import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { chatName, type Span } from '../src/content/span.js';
import type { Subscription } from '../src/subscriptions/subscription.js';
import { subscriptionTools } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';

export default defineCommand({
	name: 'subscriptions',
	description: 'What this chat or server receives',
	usage: '/subscriptions',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		const t = translatorFor(context.locale);
		const tools = subscriptionTools(context);
		if (isFailure(tools)) {
			yield tools;
			return;
		}
		const subscriptions = await tools.store.listFor(tools.access.listScope());
		if (subscriptions.length === 0) {
			yield { type: 'paragraph', spans: t.spans('subscriptions-none') };
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: t.text('subscriptions-heading') }] };
		const catalogue = context.publications;
		// With one publication a subscription is to it, as before publications; with several each says which it follows.
		const followed = (subscription: Subscription): Span[] => {
			if (!catalogue.several() && !subscription.publication) return [];
			const slug = subscription.publication ?? catalogue.defaultSlug();
			return [{ text: `${slug === '*' ? t.text('publications-all') : catalogue.nameOf(slug)}: ` }];
		};
		yield {
			type: 'list',
			ordered: false,
			items: subscriptions.map((subscription): Span[] => {
				const where = subscription.threadId
					? t.text('subscriptions-topic', { topic: subscription.threadId, chat: subscription.chatId })
					: subscription.kind === 'community-channel'
						? chatName(subscription)
						: t.text('this-chat');
				const since = subscription.createdAt.slice(0, 10);
				const item = subscription.sections && subscription.sections.length > 0
					? t.spans('subscriptions-item-sections', { where, format: subscription.format, sections: t.list(subscription.sections), since })
					: t.spans('subscriptions-item', { where, format: subscription.format, since });
				const named = [...followed(subscription), ...item];
				return subscription.deliverAt ? [...named, ...t.spans('subscriptions-item-at', { time: subscription.deliverAt.time, zone: subscription.deliverAt.zone })] : named;
			}),
		};
	},
});
