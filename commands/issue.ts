import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { issueOverview } from '../src/present/issue-overview.js';
import { issueReference } from './arguments.js';
import { isFailure, resolveIssue } from './resolve-issue.js';
import { publicationArgument, publicationLine, publicationOption, resolvePublicationScope } from './publication-scope.js';

export default defineCommand({
	name: 'issue',
	description: 'One issue at a glance, by date or number',
	usage: '/issue DATE|N',
	options: [{ name: 'issue', description: 'issue date or number', type: 'string', required: true, autocomplete: 'issue', maxLength: 80 }, publicationOption],
	schema: z.object({ issue: issueReference.unwrap().min(1, { message: 'argument-missing' }), publication: publicationArgument }),
	async *run({ issue, publication }, context) {
		const t = translatorFor(context.locale);
		// An id names one issue whichever publication it is in (buttons and deep links carry ids); a number or a date needs the publication.
		const byId = publication === undefined ? context.archive.get(issue) : undefined;
		const chosen = byId ? { scope: { slug: byId.publication, publication: context.publications.several() ? context.publications.find(byId.publication) : undefined } } : await resolvePublicationScope(context, publication, { command: 'issue', args: [issue] }, t);
		if ('answer' in chosen) {
			yield* chosen.answer;
			return;
		}
		const archived = resolveIssue(context, issue, t, chosen.scope.slug);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		if (chosen.scope.publication) yield publicationLine(chosen.scope);
		yield* issueOverview(archived, t, chosen.scope.publication?.slug);
	},
});
