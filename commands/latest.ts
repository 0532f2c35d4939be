import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { issueOverview } from '../src/present/issue-overview.js';
import { isFailure, resolveIssue } from './resolve-issue.js';

export default defineCommand({
	name: 'latest',
	description: 'The latest issue at a glance',
	usage: '/latest',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		const t = translatorFor(context.locale);
		const archived = resolveIssue(context, undefined, t);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		yield* issueOverview(archived, t);
	},
});
