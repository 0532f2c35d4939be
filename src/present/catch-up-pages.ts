import type { ArchivedIssue } from '../archive/archive.js';
import type { Block } from '../content/block.js';
import type { Span } from '../content/span.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import type { Story } from '../model/issue.js';
import { formatIssueDate, storyHeadline } from './story-card.js';

/**
 * Characters of text a catch-up page holds. A page has to fit one Discord message (2,000
 * characters of content, markup included) and one Telegram message (4,096), so that pressing
 * "Older ▶" edits the page in place on both instead of sending a pile of new messages.
 */
const pageBudget = 1_400;

/** A headline longer than this is cut: one runaway title must not fill a page. */
const maxTitleLength = 160;

/** One section of one issue, or the part of it that fits on a page. */
export interface CatchUpChunk {
	readonly issue: ArchivedIssue;
	/** Empty for an issue without stories: the page then shows its heading only. */
	readonly section: string;
	readonly stories: readonly Story[];
	/** The issue began on an earlier page. */
	readonly issueContinued: boolean;
	/** The section began on an earlier page. */
	readonly sectionContinued: boolean;
}

export type CatchUpPage = readonly CatchUpChunk[];

/**
 * Splits missed issues (newest first) into pages of their headlines, grouped by section. An
 * issue or section that does not fit goes on over the next page, headed "(continued)", so no
 * headline is left out however long an issue is. The split depends only on the issues, so a
 * page number pressed later still means the same page.
 */
export function paginateCatchUp(issues: readonly ArchivedIssue[]): CatchUpPage[] {
	const pages: CatchUpChunk[][] = [];
	let page: CatchUpChunk[] = [];
	let used = 0;
	const startPage = (): void => {
		if (page.length > 0) pages.push(page);
		page = [];
		used = 0;
	};
	for (const issue of issues) {
		let issueStarted = false;
		const issueCost = issueHeadingText(issue).length;
		const groups = sectionsOf(issue.issue.stories);
		if (groups.length === 0) {
			if (page.length > 0 && used + issueCost > pageBudget) startPage();
			page.push({ issue, section: '', stories: [], issueContinued: false, sectionContinued: false });
			used += issueCost;
			continue;
		}
		for (const group of groups) {
			let chunk: (CatchUpChunk & { stories: Story[] }) | undefined;
			group.stories.forEach((story, index) => {
				const headerCost = (): number => (chunk ? 0 : group.section.length) + (page.some((candidate) => candidate.issue === issue) ? 0 : issueCost);
				const cost = headlineLength(story);
				if (page.length > 0 && used + headerCost() + cost > pageBudget) {
					startPage();
					chunk = undefined;
				}
				if (!chunk) {
					const issueOnPage = page.some((candidate) => candidate.issue === issue);
					used += headerCost();
					chunk = { issue, section: group.section, stories: [], issueContinued: issueStarted && !issueOnPage, sectionContinued: index > 0 };
					page.push(chunk);
					issueStarted = true;
				}
				chunk.stories.push(story);
				used += cost;
			});
		}
	}
	startPage();
	return pages;
}

/** The blocks of one page: each issue's heading, then its sections with their headlines. */
export function* catchUpPageBlocks(page: CatchUpPage, t: Translator = translatorFor()): Generator<Block> {
	let headed: ArchivedIssue | undefined;
	for (const chunk of page) {
		if (chunk.issue !== headed) {
			headed = chunk.issue;
			const ref = chunk.issue.date ?? String(chunk.issue.number);
			yield {
				type: 'heading',
				level: 2,
				spans: [{ text: `${continued(issueHeadingText(chunk.issue, t), chunk.issueContinued, t)} ` }, { text: `/issue ${ref}`, code: true }],
			};
		}
		if (chunk.section !== '') yield { type: 'heading', level: 3, spans: [{ text: continued(chunk.section, chunk.sectionContinued, t) }] };
		if (chunk.stories.length > 0) yield { type: 'list', ordered: false, items: chunk.stories.map((story) => shortHeadline(story, t)) };
	}
}

/** The page budget counts the English heading: other languages' dates differ by a few characters at most. */
function issueHeadingText(issue: ArchivedIssue, t?: Translator): string {
	return `${issue.issue.title} · ${formatIssueDate(issue.date, t)} · #${issue.number}`;
}

function continued(title: string, isContinued: boolean, t: Translator): string {
	return isContinued ? t.text('heading-continued', { title }) : title;
}

/** Stories by section in reading order; a section's stories are contiguous in a parsed issue. */
function sectionsOf(stories: readonly Story[]): { section: string; stories: Story[] }[] {
	const groups: { section: string; stories: Story[] }[] = [];
	for (const story of stories) {
		const last = groups.at(-1);
		if (last?.section === story.section) last.stories.push(story);
		else groups.push({ section: story.section, stories: [story] });
	}
	return groups;
}

function shortHeadline(story: Story, t: Translator): Span[] {
	const title = story.title.length > maxTitleLength ? `${story.title.slice(0, maxTitleLength - 1)}…` : story.title;
	return storyHeadline({ ...story, title }, undefined, t);
}

/** What a headline costs on a page: its text and the list marker around it. */
function headlineLength(story: Story): number {
	return Math.min(story.title.length, maxTitleLength) + String(story.number).length + 6;
}
