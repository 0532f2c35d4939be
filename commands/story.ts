import { defineCommand } from '../src/command/command.js';
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
		const archived = resolveIssue(context, issue);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		const story = resolveStory(archived, number);
		if (isFailure(story)) {
			yield story;
			return;
		}
		yield storyCard(archived, story);
		yield storyActions(archived, story);
	},
});
