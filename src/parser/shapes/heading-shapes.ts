import { plainText } from '../../content/span.js';
import { isBoldLine, isLedItem, numberedParagraph, whyItMatters } from '../block-shapes.js';
import type { MdBlock } from '../markdown-blocks.js';

/*
 * What a heading is, read from the blocks around it: a story's title, a section (or subsection)
 * holding stories, a subtitle, a headline over the whole issue, or the sources.
 */

type Blocks = readonly MdBlock[];

const levelAt = (blocks: Blocks, index: number): number => (blocks[index] as { level: number }).level;
const nextHeading = (blocks: Blocks, index: number): MdBlock | undefined => blocks.slice(index + 1).find((block) => block.kind === 'heading');

/**
 * A heading either heads one story (paragraphs, perhaps a plain list) or contains stories
 * (bold- or link-led items, numbered paragraphs, deeper headings). Read ahead to tell.
 */
export function classifyHeading(blocks: Blocks, index: number): 'story' | 'container' {
	const level = levelAt(blocks, index);
	let prose = false;
	for (let next = index + 1; next < blocks.length; next += 1) {
		const block = blocks[next]!;
		if (block.kind === 'heading') return block.level > level || !prose ? 'container' : 'story';
		if (block.kind === 'paragraph') {
			const text = plainText(block.spans);
			if (whyItMatters.test(text)) continue;
			if (numberedParagraph.test(text) || block.leadSpans !== undefined || isBoldLine(block.spans)) return 'container';
			prose = true;
		} else if (block.kind === 'list') {
			if (!prose || block.items.some(isLedItem)) return 'container';
		}
	}
	return prose ? 'story' : 'container';
}

/** "## 1. Frontend" over "### …" stories is a numbered section, not top story 1. */
export function headsDeeperHeadings(blocks: Blocks, index: number): boolean {
	const next = nextHeading(blocks, index);
	return next?.kind === 'heading' && next.level > levelAt(blocks, index);
}

/**
 * A deeper heading straight after the title heading, whose issue goes on under shallower
 * headings (an email's "# Title" / "### deck" / "## Section"): a subtitle, not a section.
 */
export function isSubtitle(blocks: Blocks, index: number, repeatsTitle: (text: string) => boolean): boolean {
	const previous = blocks[index - 1];
	const level = levelAt(blocks, index);
	if (previous?.kind !== 'heading' || previous.level >= level || !repeatsTitle(plainText(previous.spans))) return false;
	const next = nextHeading(blocks, index);
	return next?.kind === 'heading' && next.level < level && blocks[index + 1]?.kind !== 'heading';
}

/** The first heading, an H1 with no other H1 in the issue: when front matter named the issue, a headline over it. */
export function isHeadline(blocks: Blocks, index: number): boolean {
	if (levelAt(blocks, index) !== 1) return false;
	for (let previous = 0; previous < index; previous += 1) if (blocks[previous]!.kind === 'heading') return false;
	for (let next = index + 1; next < blocks.length; next += 1) {
		const other = blocks[next]!;
		if (other.kind === 'heading' && other.level === 1) return false;
	}
	return true;
}

/**
 * "Links" heads a digest's sources as often as its link stories: it is the sources only when
 * a numbered list or "[1] …" lines follow it.
 */
export function isLinksSection(blocks: Blocks, index: number): boolean {
	if (!/^links\s*:?$/iu.test(plainText((blocks[index] as { spans: Parameters<typeof plainText>[0] }).spans).trim())) return false;
	const next = blocks[index + 1];
	if (next?.kind === 'list') return !next.ordered;
	return !(next?.kind === 'paragraph' && /^\s*\[\d{1,4}\]/.test(plainText(next.spans)));
}
