import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import { subscriptionTools, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';

export default defineCommand({
	name: 'unsubscribe',
	description: 'Stop new issues in this chat or a channel you admin',
	usage: '/unsubscribe [@channel]',
	audience: 'chat-admins',
	options: [{ name: 'channel', description: 'channel to stop (default: this chat)', type: 'channel', required: false, maxLength: 100 }],
	schema: z.object({ channel: targetArgument }),
	async *run({ channel }, context) {
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
		const ended = await tools.store.unsubscribe(resolution.resolved.target);
		if (!ended) {
			yield failure('not-subscribed', { where: resolution.resolved.label });
			return;
		}
		yield { type: 'paragraph', spans: [{ text: `Done: ${resolution.resolved.label} will get no more issues. ` }, { text: '/subscribe', code: true }, { text: ' brings them back.' }] };
	},
});
