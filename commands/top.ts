import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { topStories } from '../src/present/issue-overview.js';
import { issueLabel, storyRef } from '../src/present/story-card.js';
import { isFailure, resolveIssue } from './resolve-issue.js';
import { namedIn, publicationArgument, publicationOption, resolvePublicationScope } from './publication-scope.js';

export default defineCommand({
	name: 'top',
	description: 'The top stories of the latest issue',
	usage: '/top [n]',
	options: [{ name: 'n', description: 'how many stories (1–10)', type: 'integer', required: false, min: 1, max: 10 }, publicationOption],
	schema: z.object({
		publication: publicationArgument,
		n: z.coerce.number({ message: 'argument-number' }).int({ message: 'argument-whole-number' }).min(1, { message: 'argument-at-least-one' }).max(10, { message: 'argument-at-most-ten' }).optional(),
	}),
	async *run({ n, publication }, context) {
		const t = translatorFor(context.locale);
		const chosen = await resolvePublicationScope(context, publication, { command: 'top', args: n === undefined ? [] : [String(n)] }, t);
		if ('answer' in chosen) {
			yield* chosen.answer;
			return;
		}
		const archived = resolveIssue(context, undefined, t, chosen.scope.slug);
		if (isFailure(archived)) {
			yield archived;
			return;
		}
		const stories = topStories(archived, n ?? 10);
		yield { type: 'heading', level: 1, spans: [{ text: t.text('top-heading', { issue: namedIn(chosen.scope, issueLabel(archived, t)) }) }] };
		for (const story of stories) {
			yield {
				type: 'card',
				title: `${story.number}. ${story.title}`,
				...(story.url ? { url: story.url } : {}),
				...(story.whyItMatters ? { highlight: story.whyItMatters } : {}),
				// With several publications a bare `/story N` reads the chat's own one: the command names this one.
				body: [{ type: 'paragraph', spans: t.spans('top-read-it', { number: chosen.scope.publication ? `${story.number} ${chosen.scope.publication.slug}` : String(story.number) }) }],
				story: storyRef(archived, story),
			};
		}
		yield {
			type: 'actions',
			actions: stories.slice(0, 5).map((story) => ({ label: t.text('button-story', { number: String(story.number) }), command: 'story', args: [String(story.number), archived.issue.id] })),
		};
	},
});
