import { plainText } from '../../content/span.js';
import { isBoldLine, isLeadInParagraph, numberedParagraph, sentenceEnd, whyItMatters } from '../block-shapes.js';
import type { MdBlock, MdItem } from '../markdown-blocks.js';
import { isCallToAction } from './call-to-action.js';

/*
 * Which heading level holds the stories is a property of the document, not of one heading.
 * Read alone, a heading over bold lead-ins ("**Manifestations** : …", "**The SEC is at it
 * again.**") looks like a section of lead-in stories; read beside its siblings, most of which
 * carry plain prose, it is one story whose paragraphs open in bold. So each level votes: a
 * heading with at least as much prose under it as story-like lines votes "story". When most
 * headings of a level vote story, every heading of that level with prose under it is a story,
 * and the bold lines inside belong to it.
 */

type Blocks = readonly MdBlock[];

/** What sits under one heading, up to the next heading. */
interface HeadingContent {
	readonly prose: number;
	readonly storyLike: number;
	/** A list of two or more link- or bold-led items: the heading holds stories. */
	readonly ledList: boolean;
	readonly headsDeeper: boolean;
}

/** A paragraph that could open a story of its own: a bold line, a lead-in, a number, a titled paragraph. */
function isStoryLike(block: Extract<MdBlock, { kind: 'paragraph' }>): boolean {
	const text = plainText(block.spans);
	return numberedParagraph.test(text) || block.leadSpans !== undefined || isBoldLine(block.spans) || isLeadInParagraph(block.spans);
}

/**
 * An item titled by its lead: a link, or bold followed by a separator ("**Biome 2.5:** …").
 * "**Select customers** will be able to pay…" is a bullet point that opens in bold, not a title.
 */
function isTitledItem(item: MdItem): boolean {
	const index = item.spans.findIndex((span) => span.text.trim() !== '');
	const first = item.spans[index];
	if (!first) return false;
	if (first.href) return true;
	return Boolean(first.bold) && (/[:：.]\s*$/u.test(first.text) || /^\s*(?:[:：—–|-]|$)/u.test(item.spans[index + 1]?.text ?? ''));
}

function contentUnder(blocks: Blocks, index: number, level: number): HeadingContent {
	let prose = 0;
	let storyLike = 0;
	let ledList = false;
	let itemOpen = false;
	for (let next = index + 1; next < blocks.length; next += 1) {
		const block = blocks[next]!;
		if (block.kind === 'heading') return { prose, storyLike, ledList, headsDeeper: block.level > level };
		if (block.kind === 'list') {
			const led = block.items.filter(isTitledItem).length;
			storyLike += led;
			ledList ||= led >= 2;
		}
		if (block.kind !== 'paragraph') continue;
		const text = plainText(block.spans);
		if (whyItMatters.test(text) || isCallToAction(block.spans)) continue;
		if (isStoryLike(block)) {
			storyLike += 1;
			// "1、[Title]", a titled paragraph or a bold headline opens an item: the prose after it is the
			// item's, not the heading's. A bold sentence ("**The SEC is at it again.**") is emphasis.
			itemOpen ||= numberedParagraph.test(text) || block.leadSpans !== undefined || (isBoldLine(block.spans) && !sentenceEnd.test(text.trim()));
		} else if (!itemOpen) prose += 1;
	}
	return { prose, storyLike, ledList, headsDeeper: false };
}

/**
 * The heading levels whose headings are mostly stories with prose under them. A heading of
 * such a level with any prose under it, and no deeper heading, is a story whatever opens it.
 */
export function proseHeadingLevels(blocks: Blocks): ReadonlySet<number> {
	const votes = new Map<number, { story: number; other: number }>();
	for (const [index, block] of blocks.entries()) {
		if (block.kind !== 'heading') continue;
		const content = contentUnder(blocks, index, block.level);
		if (content.headsDeeper) continue;
		const vote = votes.get(block.level) ?? { story: 0, other: 0 };
		if (content.prose > 0 && content.prose >= content.storyLike) vote.story += 1;
		else vote.other += 1;
		votes.set(block.level, vote);
	}
	const levels = new Set<number>();
	// Two headings at least: one heading alone says nothing about its siblings.
	for (const [level, vote] of votes) if (vote.story >= 2 && vote.story > vote.other) levels.add(level);
	return levels;
}

/** True when the heading at `index` has prose under it before the next heading. */
export function hasProseUnder(blocks: Blocks, index: number): boolean {
	const heading = blocks[index] as Extract<MdBlock, { kind: 'heading' }>;
	const content = contentUnder(blocks, index, heading.level);
	return content.prose > 0 && !content.ledList && !content.headsDeeper;
}
