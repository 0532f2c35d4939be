import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
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
		const target = await resolveSubscriptionTarget(context, channel, 'manage');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		const ended = await store.unsubscribe(resolved.target);
		if (!ended) {
			yield failure('not-subscribed', { where: resolved.label });
			return;
		}
		yield { type: 'paragraph', spans: [{ text: `Done: ${resolved.label} will get no more issues. ` }, { text: '/subscribe', code: true }, { text: ' brings them back.' }] };
	},
});
