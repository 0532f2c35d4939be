import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { storyActions, storyCard } from '../src/present/story-card.js';
import { storyArguments, storyOptions } from './arguments.js';
import { isFailure, resolveScopedIssue, resolveStory } from './resolve-issue.js';
import { publicationArgument, publicationLine, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'story',
	description: 'Read one story in full',
	usage: '/story N [issue]',
	options: [...storyOptions, publicationOption],
	schema: storyArguments.extend({ publication: publicationArgument }),
	async *run({ number, issue, publication }, context) {
		const t = translatorFor(context.locale);
		const found = await resolveScopedIssue(context, issue, publication, { command: 'story', args: [String(number), ...(issue ? [issue] : [])] }, t);
		if ('answer' in found) {
			yield* found.answer;
			return;
		}
		const { archived, scope } = found;
		const story = resolveStory(archived, number);
		if (isFailure(story)) {
			yield story;
			return;
		}
		if (scope.publication) yield publicationLine(scope);
		yield storyCard(archived, story, t);
		yield storyActions(archived, story, t);
	},
});
