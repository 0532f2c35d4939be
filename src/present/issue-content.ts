import type { ArchivedIssue } from '../archive/archive.js';
import type { Action, Block } from '../content/block.js';
import type { Span } from '../content/span.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import type { ContentBlock, Story } from '../model/issue.js';
import { formatIssueDate, storyCard, storyHeadline, storyRef } from './story-card.js';
import type { SubscriptionFormat } from '../subscriptions/subscription.js';

/** How many stories the short formats show. */
const shortFormatStories = 5;

/**
 * What a subscriber receives for an issue, as neutral blocks; each adapter renders and splits
 * them to its platform's limits.
 * - `headlines`: title, date and the top headlines with the command that reads each story;
 * - `top`: the top stories with why they matter;
 * - `full`: the whole issue, section by section.
 * A section filter keeps only stories (and, in `full`, sections) whose section title contains
 * one of the given words, case-insensitively, so "policy" matches "Policy & Regulation".
 * The bot's own words (headings, buttons, dates) are in `t`'s language; the issue's as written.
 * `publicationName`, given when the bot serves several publications, heads the post with it
 * ("Alpha Weekly: Issue #04 · Nov 20, 2026"); without it the heading is the issue's alone.
 */
export function issueContent(archived: ArchivedIssue, format: SubscriptionFormat, sections?: readonly string[], t: Translator = translatorFor(), publicationName?: string): Block[] {
	const stories = archived.issue.stories.filter((story) => matchesSections(story.section, sections));
	const blocks: Block[] = [header(archived, t, publicationName)];
	if (format === 'full') return [...blocks, ...fullIssue(archived, t, sections)];
	if (format === 'headlines') blocks.push(...leadParagraphs(archived.issue.lead).slice(0, 1));
	const top = leading(stories);
	if (top.length === 0) {
		blocks.push({ type: 'paragraph', spans: [{ text: t.text('delivery-no-stories'), italic: true }] });
		return [...blocks, readMore(archived, [], t)];
	}
	if (format === 'headlines') {
		blocks.push({ type: 'heading', level: 2, spans: [{ text: t.text('overview-top-headlines') }] });
		// With several publications a bare `/story N` reads the chat's own one, which a chat following several has not got: the command names it.
		blocks.push({ type: 'list', ordered: false, items: top.map((story) => storyHeadline(story, publicationName ? `/story ${story.number} ${archived.publication}` : `/story ${story.number}`, t)) });
	} else {
		for (const story of top) {
			blocks.push({
				type: 'card',
				title: `${story.number}. ${story.title}`,
				...(story.url ? { url: story.url } : {}),
				...(story.whyItMatters ? { highlight: story.whyItMatters, body: [] } : { body: [{ type: 'paragraph', spans: firstParagraph(story) }] }),
				footer: story.section,
				story: storyRef(archived, story),
			});
		}
	}
	return [...blocks, readMore(archived, top, t)];
}

/** True when no filter is set or the section title contains one of the filter words. */
export function matchesSections(section: string, sections?: readonly string[]): boolean {
	if (!sections || sections.length === 0) return true;
	const title = section.toLowerCase();
	return sections.some((wanted) => title.includes(wanted.trim().toLowerCase()));
}

/**
 * The publication's name for an issue, as the wiring reads it from the publications' catalogue
 * (src/present knows no catalogue); undefined when there is nothing to tell apart.
 */
export type PublicationName = (archived: ArchivedIssue) => string | undefined;

/**
 * "Alpha Weekly: Issue #04", the way answers name their publication (`namedIn`), so a post's
 * title says where it is from; an issue titled with its publication's name already keeps its title.
 */
export function titleIn(title: string, publicationName?: string): string {
	if (!publicationName || title.toLowerCase().startsWith(publicationName.toLowerCase())) return title;
	return `${publicationName}: ${title}`;
}

/** The title stays the first span: a Discord forum post is named after it (adapters/discord/forum-delivery.ts). */
function header(archived: ArchivedIssue, t: Translator, publicationName?: string): Block {
	return { type: 'heading', level: 1, spans: [{ text: titleIn(archived.issue.title, publicationName) }, { text: ` · ${formatIssueDate(archived.issue.date, t)}`, italic: true }] };
}

function leadParagraphs(lead: readonly ContentBlock[]): Block[] {
	return lead.flatMap((block): Block[] => (block.type === 'paragraph' ? [{ type: 'paragraph', spans: block.spans }] : []));
}

/** The issue's top stories among those kept, or the first editorial ones when none is marked top; never a sponsor's. */
function leading(stories: readonly Story[]): Story[] {
	const editorial = stories.filter((story) => !story.sponsored);
	const marked = editorial.filter((story) => story.top);
	return (marked.length > 0 ? marked : editorial).slice(0, shortFormatStories);
}

function firstParagraph(story: Story): Span[] {
	const paragraph = story.body.find((block) => block.type === 'paragraph');
	return paragraph?.type === 'paragraph' ? [...paragraph.spans] : [{ text: story.title }];
}

function readMore(archived: ArchivedIssue, shown: readonly Story[], t: Translator): Block {
	const actions: Action[] = shown.slice(0, 3).map((story) => ({ label: t.text('button-story', { number: String(story.number) }), command: 'story', args: [String(story.number), archived.issue.id] }));
	return { type: 'actions', actions: [{ label: t.text('button-overview'), command: 'issue', args: [archived.issue.id] }, ...actions] };
}

function* fullIssue(archived: ArchivedIssue, t: Translator, sections?: readonly string[]): Generator<Block> {
	const { issue } = archived;
	if (!sections || sections.length === 0) yield* leadParagraphs(issue.lead);
	for (const section of issue.sections) {
		if (!matchesSections(section.title, sections)) continue;
		const stories = issue.stories.filter((story) => story.section === section.title);
		if (stories.length === 0 && section.intro.length === 0) continue;
		yield { type: 'heading', level: 2, spans: [{ text: section.title }] };
		if (section.whyItMatters) yield { type: 'paragraph', spans: section.whyItMatters };
		yield* leadParagraphs(section.intro);
		for (const story of stories) yield storyCard(archived, story, t);
	}
}
