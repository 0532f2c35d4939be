import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { issueOverview } from '../src/present/issue-overview.js';
import { isFailure, resolveIssue } from './resolve-issue.js';
import { publicationArgument, publicationLine, publicationOption, resolvePublicationScope } from './publication-scope.js';

export default defineCommand({
	name: 'latest',
	description: 'The latest issue at a glance',
	usage: '/latest',
	options: [publicationOption],
	schema: z.object({ publication: publicationArgument }),
	async *run({ publication }, context) {
		const t = translatorFor(context.locale);
		const chosen = await resolvePublicationScope(context, publication, { command: 'latest' }, t);
		if ('answer' in chosen) {
			yield* chosen.answer;
			return;
		}
		const archived = resolveIssue(context, undefined, t, chosen.scope.slug);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		if (chosen.scope.publication) yield publicationLine(chosen.scope);
		yield* issueOverview(archived, t, chosen.scope.publication?.slug);
	},
});
