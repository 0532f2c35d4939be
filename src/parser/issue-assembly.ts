import type { Span } from '../content/span.js';
import { DigestParseError } from '../errors/digest-parse-error.js';
import { issueSchema, type ContentBlock, type ParseWarning, type Source, type Story } from '../model/issue.js';
import { mapBlockSpans, truncate } from './block-shapes.js';
import { linkCitations, markCitations } from './citations.js';
import type { IssueExplanation, ParsedIssue } from './parsed-issue.js';
import { isSponsored } from './shapes/sponsored-story.js';
import type { StoryRule } from './shapes/story-rules.js';
import { slugify } from './slugify.js';

/** A section as the builder reads it, before its stories are numbered. */
export interface SectionDraft {
	title: string;
	level: number;
	whyItMatters?: Span[];
	intro: ContentBlock[];
	subsections: string[];
}

/** A story as the builder reads it: its citations are not yet marked nor its number given. */
export interface StoryDraft {
	topNumber?: number;
	title: string;
	url?: string;
	section: string;
	subsection?: string;
	whyItMatters?: Span[];
	body: ContentBlock[];
	/** Titled by a bold or linked line rather than a heading: the next such line starts another story. */
	fromParagraph?: boolean;
	rule: StoryRule;
}

/** Everything the builder read of one issue, with its title and date settled. */
export interface IssueDraft {
	readonly title: string;
	readonly date: string | undefined;
	readonly dateSource: string | undefined;
	readonly publication: string | undefined;
	readonly byline: string | undefined;
	readonly lead: readonly ContentBlock[];
	readonly sections: readonly SectionDraft[];
	readonly stories: readonly StoryDraft[];
	readonly sources: readonly Source[];
	readonly sourcesTitle: string | undefined;
	/** Stories numbered by the issue itself ("1." …): the others are numbered after them. */
	readonly topCount: number;
	/** Appended to: a story citing a source the issue does not list is a warning. */
	readonly warnings: ParseWarning[];
}

/**
 * Turns what the builder read into the archived `Issue`: numbers the stories, marks and links
 * their citations to the sources, and validates the result against the model. Kept apart from
 * the reading so that the builder holds only the decisions about which block is what.
 */
export function assembleIssue(draft: IssueDraft, file: string | undefined): ParsedIssue {
	const sourcesByNumber = new Map(draft.sources.map((source) => [source.number, source]));
	const stories = numberStories(draft, sourcesByNumber);
	const link = (spans: Span[]): Span[] => {
		const marked = markCitations(spans, []);
		linkCitations(marked, sourcesByNumber);
		return marked;
	};
	const result = issueSchema.safeParse({
		id: draft.date ?? slugify(draft.title),
		title: draft.title,
		date: draft.date ?? null,
		// Spread, not `key: undefined`: the archived issue has no key for what the issue lacks.
		...(draft.publication ? { publication: draft.publication } : {}),
		...(draft.byline ? { byline: draft.byline } : {}),
		lead: draft.lead.map((block) => mapBlockSpans(block, link)),
		sections: draft.sections.map((section) => ({
			title: section.title,
			...(section.whyItMatters ? { whyItMatters: link(section.whyItMatters) } : {}),
			intro: section.intro.map((block) => mapBlockSpans(block, link)),
			subsections: section.subsections,
		})),
		stories,
		sources: draft.sources,
		...(draft.sourcesTitle ? { sourcesTitle: draft.sourcesTitle } : {}),
	});
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new DigestParseError('invalid', `the issue could not be read (${issue?.path.join('.') ?? 'issue'}: ${issue?.message ?? 'invalid'})`, file);
	}
	const explanation: IssueExplanation = {
		...(draft.dateSource ? { dateSource: draft.dateSource } : {}),
		stories: draft.stories.map((story, index) => ({ number: stories[index]!.number, rule: story.rule, sponsored: stories[index]!.sponsored === true })),
	};
	return { issue: result.data, warnings: draft.warnings, explanation };
}

/** Top stories keep their numbers; the rest follow them in reading order. */
function numberStories(draft: IssueDraft, sources: ReadonlyMap<number, Source>): Story[] {
	let next = draft.topCount + 1;
	return draft.stories.map((story): Story => {
		const citations: number[] = [];
		const link = (spans: Span[]): Span[] => {
			const marked = markCitations(spans, citations);
			linkCitations(marked, sources);
			return marked;
		};
		const body = story.body.map((block) => mapBlockSpans(block, link));
		const whyItMatters = story.whyItMatters ? link(story.whyItMatters) : undefined;
		for (const cited of citations) {
			if (sources.size > 0 && !sources.has(cited)) draft.warnings.push({ message: `story "${truncate(story.title)}" cites [${cited}], which is not in the sources` });
		}
		const number = story.topNumber ?? next++;
		const firstParagraph = story.body.find((block) => block.type === 'paragraph');
		const sponsored = isSponsored(story.title, story.section, story.subsection, firstParagraph?.type === 'paragraph' ? firstParagraph.spans : undefined);
		return {
			number,
			title: story.title,
			...(story.url ? { url: story.url } : {}),
			top: story.topNumber !== undefined,
			section: story.section,
			...(story.subsection ? { subsection: story.subsection } : {}),
			...(whyItMatters ? { whyItMatters } : {}),
			body,
			...(sponsored ? { sponsored: true as const } : {}),
			citations,
		};
	});
}
