import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { translatorFor } from '../src/i18n/translator.js';
import { failure } from '../src/i18n/failures.js';
import { issueLabel, storyHeadline } from '../src/present/story-card.js';
import { resolveScopedIssue } from './resolve-issue.js';
import { namedIn, publicationArgument, publicationOption } from './publication-scope.js';

const fold = (value: string): string => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export default defineCommand({
	name: 'section',
	description: 'The stories of one section of the latest issue',
	usage: '/section NAME',
	// Typed, a publication is the first word before the section's name (`/section rust Async`), as for /search.
	options: [{ name: 'name', description: 'section name, or part of it', type: 'string', required: true, rest: true, autocomplete: 'section', maxLength: 100 }, publicationOption],
	schema: z.object({ name: z.string({ message: 'argument-missing' }).trim().min(1, { message: 'argument-missing' }).max(100, { message: 'argument-too-long-short' }), publication: publicationArgument }),
	async *run({ name, publication }, context) {
		const t = translatorFor(context.locale);
		const found = await resolveScopedIssue(context, undefined, publication, { command: 'section', args: [name] }, t);
		if ('answer' in found) {
			yield* found.answer;
			return;
		}
		const { archived, scope } = found;
		const wanted = fold(name);
		const sections = archived.issue.sections;
		const section =
			sections.find((candidate) => fold(candidate.title) === wanted) ??
			sections.find((candidate) => wanted !== '' && fold(candidate.title).includes(wanted)) ??
			sections.find((candidate) => candidate.subsections.some((sub) => wanted !== '' && fold(sub).includes(wanted)));
		if (!section) {
			yield failure('section-not-found', { name: name.slice(0, 60), sections: sections.map((candidate) => candidate.title) }, t.locale);
			return;
		}
		yield { type: 'heading', level: 1, spans: [{ text: `${section.title} — ${namedIn(scope, issueLabel(archived, t))}` }] };
		if (section.whyItMatters) yield { type: 'paragraph', spans: section.whyItMatters };
		const stories = archived.issue.stories.filter((story) => story.section === section.title);
		let subsection: string | undefined;
		let items: ReturnType<typeof storyHeadline>[] = [];
		const flush = function* () {
			if (items.length > 0) yield { type: 'list' as const, ordered: false, items };
			items = [];
		};
		for (const story of stories) {
			if (story.subsection !== subsection) {
				yield* flush();
				subsection = story.subsection;
				if (subsection) yield { type: 'heading', level: 2, spans: [{ text: subsection }] };
			}
			// With several publications "/story 3" alone may mean another publication's story: the id pins this one.
			items.push(storyHeadline(story, scope.publication ? `/story ${story.number} ${archived.issue.id}` : `/story ${story.number}`, t));
		}
		yield* flush();
	},
});
