import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { topStories } from '../src/present/issue-overview.js';
import { issueLabel } from '../src/present/story-card.js';
import { isFailure, resolveIssue } from './resolve-issue.js';

export default defineCommand({
	name: 'top',
	description: 'The top stories of the latest issue',
	usage: '/top [n]',
	options: [{ name: 'n', description: 'how many stories (1–10)', type: 'integer', required: false, min: 1, max: 10 }],
	schema: z.object({
		n: z.coerce.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be 1 or more' }).max(10, { message: 'must be 10 or fewer' }).optional(),
	}),
	async *run({ n }, context) {
		const archived = resolveIssue(context, undefined);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		const stories = topStories(archived, n ?? 10);
		yield { type: 'heading', level: 1, spans: [{ text: `Top stories — ${issueLabel(archived)}` }] };
		for (const story of stories) {
			const body = [
				...(story.whyItMatters ? [{ type: 'paragraph' as const, spans: story.whyItMatters }] : []),
				{ type: 'paragraph' as const, spans: [{ text: 'Read it: ' }, { text: `/story ${story.number}`, code: true }] },
			];
			yield { type: 'card', title: `${story.number}. ${story.title}`, ...(story.url ? { url: story.url } : {}), body };
		}
		yield {
			type: 'actions',
			actions: stories.slice(0, 5).map((story) => ({ label: `Story ${story.number}`, command: 'story', args: [String(story.number), archived.issue.id] })),
		};
	},
});
