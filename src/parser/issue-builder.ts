import { plainText, type Span } from '../content/span.js';
import { DigestParseError } from '../errors/digest-parse-error.js';
import type { ContentBlock, ParseWarning, Source } from '../model/issue.js';
import {
	implicitLevel,
	isBoldLine,
	isLeadInParagraph,
	listOf,
	normalise,
	numberedHeading,
	numberedParagraph,
	sentenceEnd,
	sourcesFromReferences,
	stripNumber,
	titleFromFile,
	topSection,
	truncate,
	whyItMatters,
} from './block-shapes.js';
import { stripCitationMarks } from './citations.js';
import { findDate, isDateLine } from './dates.js';
import { assembleIssue, type SectionDraft, type StoryDraft } from './issue-assembly.js';
import type { MdBlock, MdReference } from './markdown-blocks.js';
import type { ParsedIssue } from './parsed-issue.js';
import { readSourceItem, readSourceParagraph, sourcesHeading } from './sources.js';
import { boldLineHeadsItems } from './shapes/bold-line.js';
import { hasProseUnder, proseHeadingLevels } from './shapes/heading-levels.js';
import { classifyHeading, headsDeeperHeadings, isHeadline, isLinksSection, isSubtitle } from './shapes/heading-shapes.js';
import { isCallToAction } from './shapes/call-to-action.js';
import type { StoryRule } from './shapes/story-rules.js';
import { contentsHeading, contentsReader } from './shapes/table-of-contents.js';
import { splitLead } from './story-title.js';

/** "10. " before a repeated title: the most a repetition may add to the title's length. */
const maxRepeatedNumberLength = 6;
const repeatsStoryTitle = (spans: readonly Span[], title: string): boolean => normalise(plainText(stripNumber(spans))) === normalise(title);

/** A header line this short that carries a date is the issue's date line with words around it ("No. 630, 10 April 2026"). */
const maxDatedHeaderLength = 120;
/** Only the first lines under the title: a date further down the lead is something the issue reports. */
const maxLeadBeforeDate = 2;

export class IssueBuilder {
	public title?: string;
	public readonly warnings: ParseWarning[] = [];
	private date?: string;
	/** Where the date was read, for `parse --explain`. */
	private dateSource?: string;
	private readonly fallbackDates: { date: string; source: string }[] = [];
	private publication?: string;
	private byline?: string;
	private readonly lead: ContentBlock[] = [];
	private readonly sections: SectionDraft[] = [];
	private readonly stories: StoryDraft[] = [];
	private readonly sources: Source[] = [];
	private sourcesTitle?: string;
	private section?: SectionDraft;
	private subsection?: { title: string; level: number };
	private story?: StoryDraft;
	private inSources = false;
	/** Under an "In this issue" heading: its lists repeat the stories' titles. */
	private inContents = false;
	private topCount = 0;

	/** The heading levels where this issue's headings are stories with prose, read once when first asked. */
	private proseLevels?: ReadonlySet<number>;
	/** Reads a list before the first section against the headings after it (an unanchored table of contents). */
	private contents?: (index: number) => boolean;

	public constructor(
		private readonly blocks: readonly MdBlock[],
		private readonly lineOffset: number,
	) {}

	private isStoryByLevel(level: number, index: number): boolean {
		this.proseLevels ??= proseHeadingLevels(this.blocks);
		return this.proseLevels.has(level) && hasProseUnder(this.blocks, index);
	}

	/** The title, normalised once: every heading and header line is compared with it. */
	private normalisedTitle?: { readonly title: string; readonly value: string };

	/** True when `text` repeats the issue's title (a heading or an email's linked subject line). */
	private isTitle(text: string): boolean {
		if (this.title === undefined) return false;
		if (this.normalisedTitle?.title !== this.title) this.normalisedTitle = { title: this.title, value: normalise(this.title) };
		return normalise(text) === this.normalisedTitle.value;
	}

	/** Nothing read yet but the title: where a subtitle can stand. */
	private atStart(): boolean {
		return this.sections.length === 0 && this.lead.length === 0;
	}

	/** The first date found wins: callers set the most authoritative one first. */
	public setDate(date: string | undefined, source: string): void {
		if (date === undefined || this.date !== undefined) return;
		this.date = date;
		this.dateSource = source;
	}

	/** A date to use only when the issue itself states none (a permalink, a file name). */
	public addFallbackDate(date: string, source: string): void {
		this.fallbackDates.push({ date, source });
	}

	public build(): void {
		for (let index = 0; index < this.blocks.length; index += 1) {
			const block = this.blocks[index]!;
			if (block.kind === 'heading') this.readHeading(block, index);
			else if (block.kind === 'paragraph') this.readParagraph(block, index);
			else if (block.kind === 'list') this.readList(block, index);
			else if (block.kind === 'rule') this.readRule();
		}
	}

	/** A rule closes a group a bold line opened: the items after it are the section's again. */
	private readRule(): void {
		if (this.subsection?.level === implicitLevel && !this.story) this.subsection = undefined;
	}

	private readHeading(block: Extract<MdBlock, { kind: 'heading' }>, index: number): void {
		const text = plainText(block.spans).replace(/\s+/g, ' ').trim();
		this.story = undefined;
		this.inSources = false;
		this.inContents = false;
		if (text === '') return;
		if (this.title === undefined && this.sections.length === 0 && this.lead.length === 0) {
			this.title = text;
			return;
		}
		if (this.isTitle(text)) return;
		if (contentsHeading.test(text)) {
			this.inContents = true;
			this.lead.push({ type: 'paragraph', spans: block.spans });
			return;
		}
		if (this.atStart() && isSubtitle(this.blocks, index, (text) => this.isTitle(text))) {
			// "# Title" then "### A deck under it": the issue's subtitle, not a section.
			this.lead.push({ type: 'paragraph', spans: block.spans });
			return;
		}
		if (this.sections.length === 0 && this.stories.length === 0 && isHeadline(this.blocks, index)) {
			// The front matter named the issue; its one H1 is a headline over the whole issue.
			this.lead.push({ type: 'paragraph', spans: block.spans });
			return;
		}
		if (sourcesHeading.test(text) && !isLinksSection(this.blocks, index)) {
			this.inSources = true;
			this.sourcesTitle = text;
			return;
		}
		const numbered = numberedHeading.exec(text);
		if (numbered && Number(numbered[1]) === this.topCount + 1 && !headsDeeperHeadings(this.blocks, index)) {
			this.topCount += 1;
			const section = this.section ?? this.openSection('Top Stories', implicitLevel);
			const link = block.spans.find((span) => span.href && span.cite === undefined)?.href;
			this.story = this.addStory({ topNumber: this.topCount, title: stripCitationMarks(numbered[2]!.trim()), ...(link ? { url: link } : {}), section: section.title, body: [], rule: 'numbered-heading' });
			return;
		}
		const title = stripCitationMarks(numbered ? numbered[2]!.trim() : text);
		const opensSection = !this.section || block.level <= this.section.level;
		const container = classifyHeading(this.blocks, index) === 'container';
		// Read alone the heading holds stories; read beside its siblings it may be one story (heading-levels.ts).
		const byLevel = container && this.isStoryByLevel(block.level, index);
		if (container && !byLevel) {
			if (opensSection) this.openSection(title, block.level);
			else {
				this.subsection = { title, level: block.level };
				this.section!.subsections.push(title);
			}
			return;
		}
		if (opensSection && (!this.section || this.section.level === implicitLevel)) {
			// Story headings before any section heading: one implicit section, not a section per story.
			this.section ??= this.openSection('Stories', implicitLevel);
		} else if (opensSection) {
			this.openSection(title, block.level);
		} else if (this.subsection && block.level <= this.subsection.level) {
			this.subsection = undefined;
		}
		const url = block.spans.find((span) => span.href && span.cite === undefined)?.href;
		const rule = byLevel ? 'prose-heading-level' : 'heading';
		this.story = this.addStory({ title, ...(url ? { url } : {}), section: this.section!.title, body: [], ...this.subsectionField(), rule });
	}

	private readParagraph(block: Extract<MdBlock, { kind: 'paragraph' }>, index: number): void {
		const text = plainText(block.spans).replace(/\s+/g, ' ').trim();
		const paragraph: ContentBlock = { type: 'paragraph', spans: block.spans };
		if (this.inContents) {
			this.lead.push(paragraph);
			return;
		}
		if (this.inSources) {
			const sources = readSourceParagraph(block.spans);
			if (sources.length > 0) this.sources.push(...sources);
			else this.warn(block.line, `not read as a source: "${truncate(text)}"`, paragraph);
			return;
		}
		// An e-mail repeats a story's title as its picture's alt text right under it: said once is enough.
		if (this.story && this.story.body.length === 0 && text.length <= this.story.title.length + maxRepeatedNumberLength && repeatsStoryTitle(block.spans, this.story.title)) return;
		const titled = block.leadSpans !== undefined;
		const boldLine = isBoldLine(block.spans);
		if (this.story && !(this.story.fromParagraph && (titled || boldLine))) {
			if (whyItMatters.test(text) && !this.story.whyItMatters) this.story.whyItMatters = block.spans;
			else this.story.body.push(paragraph);
			return;
		}
		if (titled && (this.section || this.title !== undefined)) {
			const section = this.section ?? this.openSection('Stories', implicitLevel);
			this.story = this.addTitledParagraphStory(block.spans, block.leadSpans!, section);
			return;
		}
		if (boldLine && this.section && boldLineHeadsItems(this.blocks, index)) {
			// "**Frontend**" over a list of linked items: a subsection heading in all but syntax.
			const title = stripCitationMarks(text);
			this.story = undefined;
			this.subsection = { title, level: implicitLevel };
			if (!this.section.subsections.includes(title)) this.section.subsections.push(title);
			return;
		}
		if (boldLine && this.section) {
			// A line wholly in bold stands in for a heading: "**Headline (4 minute read)**" then text.
			const lead = splitLead(block.spans);
			this.story = this.addStory({ title: lead.title, ...(lead.url ? { url: lead.url } : {}), section: this.section.title, body: [], fromParagraph: true, ...this.subsectionField(), rule: 'bold-line' });
			return;
		}
		if (numberedParagraph.test(text) || isLeadInParagraph(block.spans)) {
			const section = this.section ?? this.openSection('Stories', implicitLevel);
			this.addItemStory(stripNumber(block.spans), [], section, numberedParagraph.test(text) ? 'numbered-paragraph' : 'lead-in-paragraph');
			return;
		}
		if (!this.section) {
			this.readHeaderParagraph(block.spans, text, paragraph);
			return;
		}
		if (whyItMatters.test(text)) {
			const last = this.stories[this.stories.length - 1];
			const sectionHasStories = last?.section === this.section.title;
			if (!sectionHasStories && !this.section.whyItMatters) this.section.whyItMatters = block.spans;
			else if (sectionHasStories && !last.whyItMatters) last.whyItMatters = block.spans;
			else this.section.intro.push(paragraph);
			return;
		}
		this.section.intro.push(paragraph);
	}

	/** Before the first section: the publication's name, the date, the byline and the lead. */
	private readHeaderParagraph(spans: Span[], text: string, paragraph: ContentBlock): void {
		// An email repeats its subject as a linked line under the heading made from <title>.
		if (this.isTitle(text)) return;
		if (isDateLine(text)) {
			this.setDate(findDate(text), 'a date line');
			return;
		}
		const byline = /^by\s+(.+)$/iu.exec(text);
		if (byline && this.byline === undefined && text.length <= 160) {
			const [name, ...rest] = byline[1]!.split(/\s*[•|·—–]\s*/u);
			this.byline = text;
			this.publication ??= name!.trim();
			this.setDate(findDate(rest.join(' ')) ?? findDate(text), 'the byline');
			return;
		}
		// "August 16, 2026 · by Mira Okafor": a dated byline that does not start with "by".
		if (this.byline === undefined && text.length <= 160 && /\bby\s+\S/iu.test(text) && findDate(text)) {
			this.byline = text;
			this.setDate(findDate(text), 'the byline');
			return;
		}
		// "Ausgabe 630, 10. April 2026": a short line beside the title dates the issue; the line stays.
		if (this.date === undefined && this.lead.length <= maxLeadBeforeDate && text.length <= maxDatedHeaderLength) {
			this.setDate(findDate(text), 'a line near the title');
		}
		const words = text.split(' ').length;
		if (this.lead.length === 0 && this.publication === undefined && words <= 6 && !sentenceEnd.test(text)) {
			this.publication = text;
			return;
		}
		if (this.title === undefined && this.lead.length === 0 && words <= 20 && spans.every((span) => span.bold)) {
			this.title = text;
			return;
		}
		this.lead.push(paragraph);
	}

	private readList(block: Extract<MdBlock, { kind: 'list' }>, index: number): void {
		if (this.inSources) {
			for (const [index, item] of block.items.entries()) this.sources.push(readSourceItem(item, this.sources.length + index + 1));
			return;
		}
		if (this.inContents || block.tableOfContents || (!this.section && (this.contents ??= contentsReader(this.blocks))(index))) {
			this.lead.push(listOf(block));
			return;
		}
		if (this.story) {
			this.story.body.push(listOf(block));
			return;
		}
		const section = this.section ?? this.openSection('Stories', implicitLevel);
		const top = this.topCount === 0 && block.ordered && topSection.test(section.title) && block.items[0]?.number === 1;
		for (const item of block.items) {
			if (item.children.length === 0 && isCallToAction(item.spans)) {
				this.attachToLastStory({ type: 'paragraph', spans: item.spans }, section);
				continue;
			}
			const story = this.addItemStory(item.spans, item.children, section, top ? 'top-list-item' : 'list-item');
			if (top) story.topNumber = ++this.topCount;
		}
	}

	/** A call to action listed after a story belongs to it; before any story, to the section. */
	private attachToLastStory(block: ContentBlock, section: SectionDraft): void {
		const last = this.stories[this.stories.length - 1];
		if (last && last.section === section.title) last.body.push(block);
		else section.intro.push(block);
	}

	private addItemStory(spans: readonly Span[], children: readonly Span[][], section: SectionDraft, rule: StoryRule): StoryDraft {
		const lead = splitLead(spans);
		const body: ContentBlock[] = [{ type: 'paragraph', spans: lead.body }];
		if (children.length > 0) body.push({ type: 'list', ordered: false, items: children.map((child) => [...child]) });
		return this.addStory({ title: lead.title, ...(lead.url ? { url: lead.url } : {}), section: section.title, body, ...this.subsectionField(), rule });
	}

	/** "**Headline**⏎text" or "[Headline](url)⏎text": the first line titles the story. */
	private addTitledParagraphStory(spans: readonly Span[], leadSpans: number, section: SectionDraft): StoryDraft {
		const lead = splitLead(spans.slice(0, leadSpans));
		const rest = spans.slice(leadSpans);
		if (rest[0]) rest[0] = { ...rest[0], text: rest[0].text.replace(/^\s+/, '') };
		const body: ContentBlock[] = [{ type: 'paragraph', spans: rest.filter((span) => span.text !== '') }];
		return this.addStory({ title: lead.title, ...(lead.url ? { url: lead.url } : {}), section: section.title, body, fromParagraph: true, ...this.subsectionField(), rule: 'titled-paragraph' });
	}

	private subsectionField(): { subsection?: string } {
		return this.subsection ? { subsection: this.subsection.title } : {};
	}

	private openSection(title: string, level: number): SectionDraft {
		const existing = this.sections.find((section) => section.title === title);
		this.subsection = undefined;
		if (existing) {
			this.section = existing;
			return existing;
		}
		const section: SectionDraft = { title, level, intro: [], subsections: [] };
		this.sections.push(section);
		this.section = section;
		return section;
	}

	private addStory(story: StoryDraft): StoryDraft {
		const hasBody = story.body.some((block) => (block.type === 'paragraph' ? plainText(block.spans).trim() !== '' : block.items.length > 0));
		if (story.title.trim() === '') story.title = hasBody ? 'Untitled story' : '';
		// A bare marker ("1、" alone) is kept out of the issue, but returned so the caller can go on.
		if (story.title !== '') this.stories.push(story);
		return story;
	}

	private warn(line: number, message: string, kept?: ContentBlock): void {
		this.warnings.push({ line: line + this.lineOffset, message });
		if (kept) this.lead.push(kept);
	}

	public finish(references: ReadonlyMap<string, MdReference>, file: string | undefined): ParsedIssue {
		if (this.sources.length === 0) this.sources.push(...sourcesFromReferences(references));
		const title = this.title ?? titleFromFile(file);
		if (title === undefined || this.stories.length === 0) {
			throw new DigestParseError('not-markdown', 'no stories were found: this does not look like a digest issue', file);
		}
		if (this.title === undefined) this.warnings.push({ message: `no title found; using the file name "${title}"` });
		this.setDate(findDate(title), 'the title');
		for (const fallback of this.fallbackDates) this.setDate(fallback.date, fallback.source);
		if (this.date === undefined) this.warnings.push({ message: 'no date found; the issue is filed as undated' });
		return assembleIssue(
			{
				title,
				date: this.date,
				dateSource: this.dateSource,
				publication: this.publication,
				byline: this.byline,
				lead: this.lead,
				sections: this.sections,
				stories: this.stories,
				sources: this.sources,
				sourcesTitle: this.sourcesTitle,
				topCount: this.topCount,
				warnings: this.warnings,
			},
			file,
		);
	}
}
