import { z } from 'zod';

/** A story number as typed ("3", "#3") or given as a number option. */
export const storyNumber = z.preprocess(
	(value) => (typeof value === 'string' && /^\s*#?\d{1,6}\s*$/.test(value) ? Number(value.trim().replace('#', '')) : value),
	z
		.number({ message: 'must be a number such as 3' })
		.int({ message: 'must be a whole number' })
		.min(1, { message: 'must be 1 or more' })
		.max(9999, { message: 'is too large' }),
);

/** An issue reference: a date (2026-03-03), an archive number, an id or "latest". */
export const issueReference = z
	.string()
	.trim()
	.max(80, { message: 'is too long' })
	.regex(/^[\p{L}\p{N}#_.-]+$/u, { message: 'must be a date such as 2026-03-03 or an issue number' })
	.optional();
