import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { sourcesList } from '../src/present/story-card.js';
import { storyArguments, storyOptions } from './arguments.js';
import { isFailure, resolveScopedIssue, resolveStory } from './resolve-issue.js';
import { namedIn, publicationArgument, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'sources',
	description: 'The sources a story cites',
	usage: '/sources N [issue]',
	options: [...storyOptions, publicationOption],
	schema: storyArguments.extend({ publication: publicationArgument }),
	async *run({ number, issue, publication }, context) {
		const t = translatorFor(context.locale);
		const found = await resolveScopedIssue(context, issue, publication, { command: 'sources', args: [String(number), ...(issue ? [issue] : [])] }, t);
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
		const list = sourcesList(story, archived.issue.sources);
		if (!list) {
			yield failure('no-sources', { number }, t.locale);
			return;
		}
		yield { type: 'heading', level: 2, spans: [{ text: namedIn(scope, t.text('sources-heading', { number: String(story.number), title: story.title })) }] };
		yield list;
		yield { type: 'actions', actions: [{ label: t.text('button-back-to-story', { number: String(story.number) }), command: 'story', args: [String(story.number), archived.issue.id] }] };
	},
});
