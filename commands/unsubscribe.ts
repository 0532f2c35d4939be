import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import { resolveSubscriptionTarget, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';

export default defineCommand({
	name: 'unsubscribe',
	description: 'Stop new issues in this chat or a channel you admin',
	usage: '/unsubscribe [@channel]',
	audience: 'chat-admins',
	options: [{ name: 'channel', description: 'channel to stop (default: this chat)', type: 'channel', required: false, maxLength: 100 }],
	schema: z.object({ channel: targetArgument }),
	async *run({ channel }, context) {
		const t = translatorFor(context.locale);
		const target = await resolveSubscriptionTarget(context, channel, 'manage');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		const ended = await store.unsubscribe(resolved.target);
		if (!ended) {
			yield failure('not-subscribed', { where: resolved.label }, t.locale);
			return;
		}
		yield { type: 'paragraph', spans: t.spans('unsubscribe-done', { where: chatLabel(resolved.label, t) }) };
	},
});
