import { plainText } from '../../content/span.js';
import type { MdBlock } from '../markdown-blocks.js';

/*
 * "In this issue" lists and lists of `#anchor` links point into the issue itself: they repeat
 * the stories' titles, so they are kept as the issue's lead, never read as stories.
 */

/** Headings of a table of contents. */
export const contentsHeading = /^(?:table of contents|contents|toc|in this (?:issue|edition|newsletter|week'?s issue)|in today'?s (?:issue|edition)|inside this issue|what'?s inside|this week'?s issue|本期目录|目录)\s*:?$/iu;

/** A contents line is a title, not a story: a few words. */
const maxContentsWords = 15;

/**
 * "Here's what we're serving today:" over plain lines that repeat the headings further down
 * ("The SEC is investigating…" before "# THE SEC IS INVESTIGATING…, THE CREATORS OF…"): a table
 * of contents without anchors. The reader answers, for the list at an index, whether most of
 * its items open a later heading (or are opened by one), compared as lower-case words. The
 * headings' words are read once per document.
 */
export function contentsReader(blocks: readonly MdBlock[]): (index: number) => boolean {
	const headings: { index: number; words: string }[] = [];
	for (const [index, block] of blocks.entries()) if (block.kind === 'heading') headings.push({ index, words: words(plainText(block.spans)) });
	return (index) => {
		const list = blocks[index];
		if (list?.kind !== 'list' || list.items.length < 2) return false;
		// Contents lines are plain: a linked or nested item rules the list out before any words are read.
		if (list.items.some((item) => item.children.length > 0 || item.spans.some((span) => span.href))) return false;
		const later = headings.filter((heading) => heading.index > index).map((heading) => heading.words);
		if (later.length < 2) return false;
		let repeated = 0;
		for (const item of list.items) {
			const line = words(plainText(item.spans));
			if (line === '' || line.split(' ').length > maxContentsWords) return false;
			if (later.some((heading) => heading.startsWith(line) || line.startsWith(heading))) repeated += 1;
		}
		return repeated * 2 > list.items.length;
	};
}

const words = (value: string): string => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
