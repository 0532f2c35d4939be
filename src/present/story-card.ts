import type { Action, ActionsBlock, CardBlock, CardStory, ListBlock, ParagraphBlock, SourceNote } from '../content/block.js';
import { sourceLine } from '../content/card-text.js';
import type { Span } from '../content/span.js';
import type { ArchivedIssue } from '../archive/archive.js';
import type { ContentBlock, Source, Story } from '../model/issue.js';
import type { Locale } from '../i18n/locale.js';
import { translatorFor, type Translator } from '../i18n/translator.js';

const english = translatorFor();

/**
 * "Mar 3, 2026", "3 мар. 2026 г.", or "undated": dates are shown the same way everywhere, in the
 * reader's language (the translator holds one Intl formatter per language, built once).
 */
export function formatIssueDate(date: string | null, t: Translator = english): string {
	return t.date(date);
}

/** How an issue names itself in footers and lists. */
export function issueLabel(archived: ArchivedIssue, t: Translator = english): string {
	const name = archived.issue.publication ?? archived.issue.title;
	return `${name} · ${formatIssueDate(archived.issue.date, t)}`;
}

function toBlock(block: ContentBlock): ParagraphBlock | ListBlock {
	if (block.type === 'paragraph') return { type: 'paragraph', spans: block.spans };
	return { type: 'list', ordered: block.ordered, ...(block.start !== undefined ? { start: block.start } : {}), items: block.items };
}

/** The sources a story cites, in order of first mention; those the issue does not list are left out. */
export function citedSources(story: Story, sources: readonly Source[]): SourceNote[] {
	const notes: SourceNote[] = [];
	// A story cites a handful of an issue's sources: a scan is cheaper than indexing them all per call.
	for (const number of story.citations) {
		const source = sources.find((candidate) => candidate.number === number);
		if (source) notes.push({ number, label: source.label, ...(source.url ? { href: source.url } : {}) });
	}
	return notes;
}

/** The sources a story cites, as a list whose items link where a URL is known. */
export function sourcesList(story: Story, sources: readonly Source[]): ListBlock | undefined {
	const notes = citedSources(story, sources);
	return notes.length > 0 ? { type: 'list', ordered: false, items: notes.map(sourceLine) } : undefined;
}

/**
 * Cards and buttons per story object: a story belongs to one archived issue and both are
 * immutable, so the blocks (and the adapters' renderings of them, cached per block) are built
 * once while the issue stays in the archive's cache, not once per reader.
 */
const cards = new WeakMap<Story, Map<Locale, CardBlock>>();
const actionBlocks = new WeakMap<Story, Map<Locale, ActionsBlock>>();

/** The block cached for a story in a language, built on first use. */
function cachedFor<B>(cache: WeakMap<Story, Map<Locale, B>>, story: Story, t: Translator, build: () => B): B {
	let byLocale = cache.get(story);
	if (!byLocale) cache.set(story, (byLocale = new Map()));
	let block = byLocale.get(t.locale);
	if (!block) byLocale.set(t.locale, (block = build()));
	return block;
}

/** A whole story: why it matters, its text, and its sources. Only the bot's own words (footer, "Sources") follow the reader's language. */
export function storyCard(archived: ArchivedIssue, story: Story, t: Translator = english): CardBlock {
	return cachedFor(cards, story, t, () => buildStoryCard(archived, story, t));
}

function buildStoryCard(archived: ArchivedIssue, story: Story, t: Translator): CardBlock {
	const sources = citedSources(story, archived.issue.sources);
	const where = [story.section, story.subsection].filter(Boolean).join(' › ');
	return {
		type: 'card',
		title: `${story.number}. ${story.title}`,
		...(story.url ? { url: story.url } : {}),
		...(story.whyItMatters ? { highlight: story.whyItMatters } : {}),
		body: story.body.map(toBlock),
		...(sources.length > 0 ? { sources: { heading: t.text('sources'), continuedHeading: t.text('sources-continued'), items: sources } } : {}),
		footer: `${where}${story.sponsored ? ` · ${t.text('sponsored')}` : ''} · ${issueLabel(archived, t)} · ${t.text('story-position', { number: String(story.number), total: archived.issue.stories.length })}`,
		story: storyRef(archived, story),
	};
}

/** Which story of which issue a card shows. */
export function storyRef(archived: ArchivedIssue, story: Story): CardStory {
	return { number: story.number, issueId: archived.issue.id, top: story.top };
}

/** Previous / next / sources buttons under a story. Arguments stay short for callback payloads. */
export function storyActions(archived: ArchivedIssue, story: Story, t: Translator = english): ActionsBlock {
	return cachedFor(actionBlocks, story, t, () => buildStoryActions(archived, story, t));
}

function buildStoryActions(archived: ArchivedIssue, story: Story, t: Translator): ActionsBlock {
	const numbers = archived.issue.stories.map((candidate) => candidate.number).sort((a, b) => a - b);
	const at = numbers.indexOf(story.number);
	const issueRef = archived.issue.id;
	const actions: Action[] = [];
	const previous = numbers[at - 1];
	const next = numbers[at + 1];
	if (previous !== undefined) actions.push({ label: t.text('button-previous-story', { number: String(previous) }), command: 'story', args: [String(previous), issueRef] });
	if (story.citations.length > 0) actions.push({ label: t.text('sources'), command: 'sources', args: [String(story.number), issueRef] });
	if (next !== undefined) actions.push({ label: t.text('button-next-story', { number: String(next) }), command: 'story', args: [String(next), issueRef] });
	return { type: 'actions', actions };
}

/** One line naming a story, for lists: "3. Title — Section". */
export function storyHeadline(story: Story, command?: string, t: Translator = english): Span[] {
	return [
		{ text: `${story.number}. `, bold: true },
		{ text: story.title },
		...(story.sponsored ? [{ text: ` (${t.text('sponsored-mark')})`, italic: true }] : []),
		...(command ? [{ text: ' ' }, { text: command, code: true }] : []),
	];
}

/** How a sponsor's item is marked wherever it is shown, so it is never mistaken for editorial (English; see the catalogues' `sponsored`). */
export const sponsoredLabel = english.text('sponsored');
