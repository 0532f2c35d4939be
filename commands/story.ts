import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { storyActions, storyCard } from '../src/present/story-card.js';
import { storyArguments, storyOptions } from './arguments.js';
import { isFailure, resolveIssue, resolveStory } from './resolve-issue.js';

export default defineCommand({
	name: 'story',
	description: 'Read one story in full',
	usage: '/story N [issue]',
	options: storyOptions,
	schema: storyArguments,
	async *run({ number, issue }, context) {
		const t = translatorFor(context.locale);
		const archived = resolveIssue(context, issue, t);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		const story = resolveStory(archived, number);
		if (isFailure(story)) {
			yield story;
			return;
		}
		yield storyCard(archived, story, t);
		yield storyActions(archived, story, t);
	},
});
