import { z } from 'zod';
import { spanSchema } from '../content/span.js';

const spansSchema = z.array(spanSchema);

/** A body block of a story or section, as parsed from the digest. */
export const contentBlockSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('paragraph'), spans: spansSchema }),
	z.object({
		type: z.literal('list'),
		ordered: z.boolean(),
		start: z.number().int().optional(),
		items: z.array(spansSchema),
	}),
]);
export type ContentBlock = z.infer<typeof contentBlockSchema>;

export const sourceSchema = z.object({
	number: z.number().int(),
	label: z.string(),
	url: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const storySchema = z.object({
	/** Top stories keep their own numbers; every other story follows in reading order. */
	number: z.number().int().positive(),
	title: z.string().min(1),
	/** A link the story points to (a link-led bullet), if any. */
	url: z.string().optional(),
	top: z.boolean(),
	section: z.string(),
	subsection: z.string().optional(),
	whyItMatters: spansSchema.optional(),
	body: z.array(contentBlockSchema),
	/** A sponsor's item: shown labelled, never among the top stories. Absent means editorial. */
	sponsored: z.literal(true).optional(),
	/** Source numbers cited anywhere in the story, in order of first mention. */
	citations: z.array(z.number().int()),
});
export type Story = z.infer<typeof storySchema>;

export const sectionSchema = z.object({
	title: z.string(),
	whyItMatters: spansSchema.optional(),
	/** Paragraphs of the section that belong to no story. */
	intro: z.array(contentBlockSchema),
	subsections: z.array(z.string()),
});
export type Section = z.infer<typeof sectionSchema>;

export const issueSchema = z.object({
	/** Stable id: the date (YYYY-MM-DD) when the issue has one, otherwise a slug of its title. */
	id: z.string().min(1),
	title: z.string().min(1),
	/** YYYY-MM-DD, or null when the issue carries no date: never invented. */
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
	publication: z.string().optional(),
	/** Where the issue is published on the web (a feed item's link), when it came from there. */
	link: z.string().optional(),
	byline: z.string().optional(),
	lead: z.array(contentBlockSchema),
	sections: z.array(sectionSchema),
	stories: z.array(storySchema),
	sources: z.array(sourceSchema),
	/** The heading the Sources list stood under, kept so that no word of the issue is lost. */
	sourcesTitle: z.string().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** What the parser could not place, with enough context for a publisher to fix it. */
export interface ParseWarning {
	readonly line?: number;
	readonly message: string;
}
