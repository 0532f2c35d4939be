import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { issueOverview } from '../src/present/issue-overview.js';
import { issueReference } from './arguments.js';
import { resolveScopedIssue } from './resolve-issue.js';
import { publicationArgument, publicationLine, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'issue',
	description: 'One issue at a glance, by date or number',
	usage: '/issue DATE|N',
	options: [{ name: 'issue', description: 'issue date or number', type: 'string', required: true, autocomplete: 'issue', maxLength: 80 }, publicationOption],
	schema: z.object({ issue: issueReference.unwrap().min(1, { message: 'argument-missing' }), publication: publicationArgument }),
	async *run({ issue, publication }, context) {
		const t = translatorFor(context.locale);
		// An id names one issue whichever publication it is in (buttons and deep links carry ids); a number or a date needs the publication.
		const found = await resolveScopedIssue(context, issue, publication, { command: 'issue', args: [issue] }, t);
		if ('answer' in found) {
			yield* found.answer;
			return;
		}
		const { archived, scope } = found;
		if (scope.publication) yield publicationLine(scope);
		yield* issueOverview(archived, t, scope.publication?.slug);
	},
});
