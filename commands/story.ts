import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { storyActions, storyCard } from '../src/present/story-card.js';
import { issueReference, storyNumber } from './arguments.js';
import { isFailure, resolveIssue, resolveStory } from './resolve-issue.js';

export default defineCommand({
	name: 'story',
	description: 'Read one story in full',
	usage: '/story N [issue]',
	options: [
		{ name: 'number', description: 'story number', type: 'integer', required: true, min: 1, max: 9999, autocomplete: 'story' },
		{ name: 'issue', description: 'issue date or number (default: latest)', type: 'string', required: false, autocomplete: 'issue', maxLength: 80 },
	],
	schema: z.object({ number: storyNumber, issue: issueReference }),
	async *run({ number, issue }, context) {
		const archived = resolveIssue(context.archive, issue);
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
