import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/command/command.js';
import type { PublicationNameOf } from '../src/ask/passage.js';
import { failure } from '../src/i18n/failures.js';
import { translatorFor } from '../src/i18n/translator.js';
import { publicationArgument, publicationOption, resolvePublicationScope } from './publication-scope.js';

/** Longer than a search, short enough that a question cannot smuggle a document into the prompt. */
export const maxQuestionLength = 500;

export default defineCommand({
	name: 'ask',
	description: 'Ask the archive a question',
	usage: '/ask QUESTION',
	// Typed, a publication is the first word before the question (`/ask rust what changed in async?`), as for /search.
	options: [{ name: 'question', description: 'your question', type: 'string', required: true, rest: true, maxLength: maxQuestionLength }, { ...publicationOption, description: 'which publication (default: all of them)' }],
	generated: true,
	schema: z.object({
		publication: publicationArgument,
		question: z
			.string({ message: 'argument-missing' })
			.trim()
			.min(1, { message: 'argument-missing' })
			.max(maxQuestionLength, { message: 'argument-too-long-max' })
			.refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'argument-letter-or-digit' }),
	}),
	async *run({ question, publication }, context) {
		if (!context.ask) {
			yield failure('ask-unavailable', {});
			return;
		}
		// Without a publication named, a question spans them all, and the answer says which each story is from.
		const named = publication === undefined ? { scope: {} } : await resolvePublicationScope(context, publication, { command: 'ask' }, translatorFor(context.locale));
		if ('answer' in named) {
			yield* named.answer;
			return;
		}
		const { chat, user, locale, signal, log } = context;
		const nameOf = publicationNames(context);
		yield* context.ask.answer(question, {
			reader: { platform: chat.platform, userId: user.id },
			locale,
			signal,
			log,
			...(named.scope.slug !== undefined ? { publication: named.scope.slug } : {}),
			...(nameOf ? { publicationName: nameOf } : {}),
		});
	},
});

/** With several publications, the name of the one an issue belongs to; with one, nothing to tell apart. */
function publicationNames(context: Pick<CommandContext, 'archive' | 'publications'>): PublicationNameOf | undefined {
	if (!context.publications.several()) return undefined;
	return (issueId) => {
		const slug = context.archive.get(issueId)?.publication;
		return slug === undefined ? undefined : context.publications.nameOf(slug);
	};
}
