import { plainText, type Span } from '../content/span.js';
import type { MdBlock, MdItem } from './markdown-blocks.js';

/**
 * A page break in the publisher's export splits a sentence into two paragraphs
 * ("… to support" / "a 262K-token context window …"), sometimes right after a list item.
 * A block that ends mid-sentence is joined with the paragraph that follows it.
 *
 * Short lines that end without punctuation are usually names or dates ("AI High Signal
 * Digest", "2026-03-03"), not broken sentences, hence the minimum word count.
 */
const minimumWords = 8;
const sentenceEnd = /[.!?;:…。！？；：)\]}"'”’»*_`]$/u;

export function joinBrokenParagraphs(blocks: readonly MdBlock[]): MdBlock[] {
	const out: MdBlock[] = [];
	let joinedIntoList = false;
	for (const block of blocks) {
		const previous = out[out.length - 1];
		if (block.kind === 'paragraph' && previous && endsMidSentence(previous)) {
			out[out.length - 1] = appendTo(previous, block.spans);
			joinedIntoList = previous.kind === 'list';
			continue;
		}
		// A list cut in two by the page break resumes as a new list: put it back together.
		if (joinedIntoList && block.kind === 'list' && previous?.kind === 'list' && previous.ordered === block.ordered) {
			out[out.length - 1] = { ...previous, items: [...previous.items, ...block.items] };
			joinedIntoList = false;
			continue;
		}
		joinedIntoList = false;
		out.push(block);
	}
	return out;
}

function lastText(block: MdBlock): Span[] | undefined {
	if (block.kind === 'paragraph') return block.spans;
	if (block.kind === 'list') {
		const item = block.items[block.items.length - 1];
		if (!item || item.children.length > 0) return undefined;
		return item.spans;
	}
	return undefined;
}

function endsMidSentence(block: MdBlock): boolean {
	const spans = lastText(block);
	if (!spans) return false;
	const last = spans[spans.length - 1];
	if (!last || last.code) return false;
	const text = plainText(spans).trim();
	if (text.split(/\s+/).length < minimumWords) return false;
	// A line set wholly in emphasis (a byline, a kicker) or one link (a linked headline) stands alone by design.
	if (spans.every((span) => span.italic || span.bold || span.text.trim() === '')) return false;
	if (spans.every((span) => span.href || span.text.trim() === '')) return false;
	return !sentenceEnd.test(text);
}

function appendTo(block: MdBlock, spans: readonly Span[]): MdBlock {
	const joined = (existing: readonly Span[]): Span[] => [...existing, { text: ' ' }, ...spans];
	if (block.kind === 'paragraph') return { ...block, spans: joined(block.spans) };
	if (block.kind === 'list') {
		const items = [...block.items];
		const last = items[items.length - 1] as MdItem;
		items[items.length - 1] = { ...last, spans: joined(last.spans) };
		return { ...block, items };
	}
	return block;
}
