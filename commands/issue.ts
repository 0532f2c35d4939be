import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { issueOverview } from '../src/present/issue-overview.js';
import { issueReference } from './arguments.js';
import { isFailure, resolveIssue } from './resolve-issue.js';

export default defineCommand({
	name: 'issue',
	description: 'One issue at a glance, by date or number',
	usage: '/issue DATE|N',
	options: [{ name: 'issue', description: 'issue date or number', type: 'string', required: true, autocomplete: 'issue', maxLength: 80 }],
	schema: z.object({ issue: issueReference.unwrap().min(1, { message: 'argument-missing' }) }),
	async *run({ issue }, context) {
		const t = translatorFor(context.locale);
		const archived = resolveIssue(context, issue, t);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		yield* issueOverview(archived, t);
	},
});
