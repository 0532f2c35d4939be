import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import type { Subscription } from '../src/subscriptions/subscription.js';
import { resolveSubscriptionTarget, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';
import { followedPublication } from './followed-publication.js';
import { publicationArgument, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'unsubscribe',
	description: 'Stop new issues in this chat or a channel you admin',
	usage: '/unsubscribe [@channel]',
	audience: 'chat-admins',
	options: [{ name: 'channel', description: 'channel to stop (default: this chat)', type: 'channel', required: false, maxLength: 100 }, publicationOption],
	schema: z.preprocess(
		(raw) => {
			const value = { ...(raw as Record<string, unknown>) };
			// "/unsubscribe all" is every publication here, not a channel called "all".
			if (typeof value.channel === 'string' && value.channel.toLowerCase() === 'all') {
				delete value.channel;
				value.publication ??= 'all';
			}
			return value;
		},
		z.object({ channel: targetArgument, publication: publicationArgument }),
	),
	async *run({ channel, publication }, context) {
		const t = translatorFor(context.locale);
		// Without a publication (or with `all`) every subscription of the target ends: "stop" means stop.
		const followed = publication === undefined || publication.toLowerCase() === 'all' ? undefined : followedPublication(context, publication);
		if (followed && 'answer' in followed) {
			yield* followed.answer;
			return;
		}
		const target = await resolveSubscriptionTarget(context, channel, 'manage');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		let ended: (Subscription | undefined)[];
		if (followed && !followed.choose) ended = [await store.unsubscribe(resolved.target, followed.publication)];
		else {
			const here = await store.listFor({ platform: resolved.target.platform, chatId: resolved.target.chatId });
			const ofTarget = here.filter((subscription) => subscription.threadId === resolved.target.threadId);
			ended = ofTarget.length === 0 ? [await store.unsubscribe(resolved.target)] : await Promise.all(ofTarget.map((subscription) => store.unsubscribe(resolved.target, subscription.publication)));
		}
		if (!ended.some(Boolean)) {
			yield failure('not-subscribed', { where: resolved.label }, t.locale);
			return;
		}
		const name = followed && !followed.choose && followed.name ? `${followed.name}: ` : '';
		yield { type: 'paragraph', spans: [...(name ? [{ text: name }] : []), ...t.spans('unsubscribe-done', { where: chatLabel(resolved.label, t) })] };
	},
});
