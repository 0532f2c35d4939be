import type { MdBlock } from '../markdown-blocks.js';
import { isLeadInParagraph, isLedItem, numberedParagraph, whyItMatters } from '../block-shapes.js';
import { plainText } from '../../content/span.js';

/*
 * A line wholly in bold (or a bold link) standing alone reads as a heading. When stories
 * follow it (link- or bold-led items, titled or numbered paragraphs), perhaps after one line
 * introducing them, it heads them, as a subsection; when prose follows it, it titles that one
 * story.
 */

/** True when the bold line at `index` heads the items under it rather than titling a story. */
export function boldLineHeadsItems(blocks: readonly MdBlock[], index: number): boolean {
	let introduced = false;
	for (let next = index + 1; next < blocks.length; next += 1) {
		const block = blocks[next]!;
		if (block.kind === 'rule') continue;
		if (block.kind === 'list') return block.items.length >= 2 && block.items.filter(isLedItem).length * 2 > block.items.length;
		if (block.kind !== 'paragraph') return false;
		const text = plainText(block.spans);
		if (whyItMatters.test(text)) continue;
		const headsItems = block.leadSpans !== undefined || numberedParagraph.test(text) || isLeadInParagraph(block.spans);
		// "The rollout continues:" between the bold line and its list introduces the items: one such line is read past.
		if (!headsItems && !introduced && introducesList(text)) {
			introduced = true;
			continue;
		}
		return headsItems;
	}
	return false;
}

/** A short line ending in a colon announces what follows it. */
const maxIntroWords = 30;
function introducesList(text: string): boolean {
	const trimmed = text.trim();
	return /[:：]$/u.test(trimmed) && trimmed.split(/\s+/).length <= maxIntroWords;
}
