import { z } from 'zod';
import type { CommandOption } from '../src/command/command.js';

/** A story number as typed ("3", "#3") or given as a number option. */
export const storyNumber = z.preprocess(
	(value) => (typeof value === 'string' && /^\s*#?\d{1,6}\s*$/.test(value) ? Number(value.trim().replace('#', '')) : value),
	z
		.number({ message: 'argument-number-example' })
		.int({ message: 'argument-whole-number' })
		.min(1, { message: 'argument-at-least-one' })
		.max(9999, { message: 'argument-too-large' }),
);

/** An issue reference: a date (2026-03-03), an archive number, an id or "latest". */
export const issueReference = z
	.string()
	.trim()
	.max(80, { message: 'argument-too-long-short' })
	.regex(/^[\p{L}\p{N}#_.-]+$/u, { message: 'argument-issue-reference' })
	.optional();

/** The options of commands that address one story: /story and /sources. */
export const storyOptions: readonly CommandOption[] = [
	{ name: 'number', description: 'story number', type: 'integer', required: true, min: 1, max: 9999, autocomplete: 'story' },
	{ name: 'issue', description: 'issue date or number (default: latest)', type: 'string', required: false, autocomplete: 'issue', maxLength: 80 },
];

export const storyArguments = z.object({ number: storyNumber, issue: issueReference });
