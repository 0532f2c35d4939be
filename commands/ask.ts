import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/i18n/failures.js';

/** Longer than a search, short enough that a question cannot smuggle a document into the prompt. */
export const maxQuestionLength = 500;

export default defineCommand({
	name: 'ask',
	description: 'Ask the archive a question',
	usage: '/ask QUESTION',
	options: [{ name: 'question', description: 'your question', type: 'string', required: true, rest: true, maxLength: maxQuestionLength }],
	generated: true,
	schema: z.object({
		question: z
			.string({ message: 'argument-missing' })
			.trim()
			.min(1, { message: 'argument-missing' })
			.max(maxQuestionLength, { message: 'argument-too-long-max' })
			.refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'argument-letter-or-digit' }),
	}),
	async *run({ question }, context) {
		if (!context.ask) {
			yield failure('ask-unavailable', {});
			return;
		}
		const { chat, user, locale, signal, log } = context;
		yield* context.ask.answer(question, { reader: { platform: chat.platform, userId: user.id }, locale, signal, log });
	},
});
