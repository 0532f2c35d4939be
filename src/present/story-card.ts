import type { Action, ActionsBlock, CardBlock, ListBlock, ParagraphBlock } from '../content/block.js';
import type { Span } from '../content/span.js';
import type { ArchivedIssue } from '../archive/archive.js';
import type { ContentBlock, Source, Story } from '../model/issue.js';

/** "Mar 3, 2026", or "undated": dates are shown the same way everywhere. */
export function formatIssueDate(date: string | null): string {
	if (!date) return 'undated';
	return issueDateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** Built once: `toLocaleDateString` builds a new Intl formatter per call, the adapters' costliest own function in profiles. */
const issueDateFormat = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** How an issue names itself in footers and lists. */
export function issueLabel(archived: ArchivedIssue): string {
	const name = archived.issue.publication ?? archived.issue.title;
	return `${name} · ${formatIssueDate(archived.issue.date)}`;
}

function toBlock(block: ContentBlock): ParagraphBlock | ListBlock {
	if (block.type === 'paragraph') return { type: 'paragraph', spans: block.spans };
	return { type: 'list', ordered: block.ordered, ...(block.start !== undefined ? { start: block.start } : {}), items: block.items };
}

/** The sources a story cites, as a list whose items link where a URL is known. */
export function sourcesList(story: Story, sources: readonly Source[]): ListBlock | undefined {
	const items: Span[][] = [];
	// A story cites a handful of an issue's sources: a scan is cheaper than indexing them all per call.
	for (const number of story.citations) {
		const source = sources.find((candidate) => candidate.number === number);
		if (!source) continue;
		items.push([{ text: `[${number}] ` }, source.url ? { text: source.label, href: source.url } : { text: source.label }]);
	}
	return items.length > 0 ? { type: 'list', ordered: false, items } : undefined;
}

/**
 * Cards and buttons per story object: a story belongs to one archived issue and both are
 * immutable, so the blocks (and the adapters' renderings of them, cached per block) are built
 * once while the issue stays in the archive's cache, not once per reader.
 */
const cards = new WeakMap<Story, CardBlock>();
const actionBlocks = new WeakMap<Story, ActionsBlock>();

/** A whole story: why it matters, its text, and its sources. */
export function storyCard(archived: ArchivedIssue, story: Story): CardBlock {
	let card = cards.get(story);
	if (!card) cards.set(story, (card = buildStoryCard(archived, story)));
	return card;
}

function buildStoryCard(archived: ArchivedIssue, story: Story): CardBlock {
	const body: (ParagraphBlock | ListBlock)[] = [];
	if (story.whyItMatters) body.push({ type: 'paragraph', spans: story.whyItMatters });
	body.push(...story.body.map(toBlock));
	const sources = sourcesList(story, archived.issue.sources);
	if (sources) body.push({ type: 'paragraph', spans: [{ text: 'Sources', bold: true }] }, sources);
	const where = [story.section, story.subsection].filter(Boolean).join(' › ');
	return {
		type: 'card',
		title: `${story.number}. ${story.title}`,
		...(story.url ? { url: story.url } : {}),
		body,
		footer: `${where}${story.sponsored ? ` · ${sponsoredLabel}` : ''} · ${issueLabel(archived)} · story ${story.number} of ${archived.issue.stories.length}`,
	};
}

/** Previous / next / sources buttons under a story. Arguments stay short for callback payloads. */
export function storyActions(archived: ArchivedIssue, story: Story): ActionsBlock {
	let actions = actionBlocks.get(story);
	if (!actions) actionBlocks.set(story, (actions = buildStoryActions(archived, story)));
	return actions;
}

function buildStoryActions(archived: ArchivedIssue, story: Story): ActionsBlock {
	const numbers = archived.issue.stories.map((candidate) => candidate.number).sort((a, b) => a - b);
	const at = numbers.indexOf(story.number);
	const issueRef = archived.issue.id;
	const actions: Action[] = [];
	const previous = numbers[at - 1];
	const next = numbers[at + 1];
	if (previous !== undefined) actions.push({ label: `◀ Story ${previous}`, command: 'story', args: [String(previous), issueRef] });
	if (story.citations.length > 0) actions.push({ label: 'Sources', command: 'sources', args: [String(story.number), issueRef] });
	if (next !== undefined) actions.push({ label: `Story ${next} ▶`, command: 'story', args: [String(next), issueRef] });
	return { type: 'actions', actions };
}

/** One line naming a story, for lists: "3. Title — Section". */
export function storyHeadline(story: Story, command?: string): Span[] {
	return [
		{ text: `${story.number}. `, bold: true },
		{ text: story.title },
		...(story.sponsored ? [{ text: ` (${sponsoredLabel.toLowerCase()})`, italic: true }] : []),
		...(command ? [{ text: ' ' }, { text: command, code: true }] : []),
	];
}

/** How a sponsor's item is marked wherever it is shown, so it is never mistaken for editorial. */
export const sponsoredLabel = 'Sponsored';
