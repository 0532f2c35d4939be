import type { RichText } from 'grammy/types';
import type { Action, ListBlock, ParagraphBlock } from '../../../src/content/block.js';
import type { Span } from '../../../src/content/span.js';
import { encodeAction } from '../callback-data.js';
import { sideBySide, wrapped, type Measured, type OutgoingRichBlock, type RichCost } from './rich-limits.js';
import { richSpans, type FootnoteNames } from './rich-text.js';

/**
 * A run of rich blocks the splitter keeps together, with what it costs. A `section` piece (a
 * heading of level 1 or 2) starts a group that moves to the next message as a whole when it does
 * not fit; a `story` piece can be cut into smaller valid pieces when it alone is too large for a
 * message, each carrying the footnotes its own citations point to.
 */
export interface RichPiece {
	readonly kind: 'section' | 'story' | 'other';
	readonly blocks: readonly OutgoingRichBlock[];
	readonly cost: RichCost;
	/** The story a card piece shows, so that a message's footer can link to its first story. */
	readonly story?: number;
	/** The index of the reply part this piece renders (its first, for a paragraph grown from deltas), so a post can tell where each message starts in its content. */
	readonly source?: number;
	/** The same content as pieces that each fit `budget`; only stories too large for one message need it. */
	readonly split?: (budget: RichCost) => RichPiece[];
}

/** A paragraph of runs, measured: one block, one level above its formatting. */
export function richParagraph(spans: readonly Span[], footnotes?: FootnoteNames): Measured<OutgoingRichBlock> {
	return richTextParagraph(richSpans(spans, footnotes));
}

/** A paragraph of ready rich text (a footnote), measured. */
export function richTextParagraph(text: Measured<RichText>): Measured<OutgoingRichBlock> {
	return { value: { type: 'paragraph', text: text.value }, cost: { blocks: 1, characters: text.cost.characters, depth: 1 + text.cost.depth } };
}

/** A list whose items are paragraphs: the list, each item and each paragraph count as blocks. */
export function richList(items: readonly Measured<OutgoingRichBlock>[]): Measured<OutgoingRichBlock> {
	return {
		value: { type: 'list', items: items.map((item) => ({ blocks: [item.value] })) },
		cost: wrapped(sideBySide(items.map((item) => wrapped(item.cost)))),
	};
}

/** A body block of a card or an answer. Ordered lists keep their numbers as item values. */
export function richBody(block: ParagraphBlock | ListBlock, footnotes?: FootnoteNames): Measured<OutgoingRichBlock> {
	if (block.type === 'paragraph') return richParagraph(block.spans, footnotes);
	const list = richList(block.items.map((item) => richParagraph(item, footnotes)));
	if (!block.ordered || list.value.type !== 'list') return list;
	const start = block.start ?? 1;
	return { value: { type: 'list', items: list.value.items.map((item, index) => ({ ...item, value: start + index, type: '1' as const })) }, cost: list.cost };
}

/** Rich buttons hold 1–8 per row; four keep labels readable on a phone, as the inline keyboard does. */
const buttonsPerRow = 4;

/** Buttons as rows of callback buttons carrying the same data as the inline keyboard's; actions that cannot be encoded are left out. */
export function richButtons(actions: readonly Action[]): Measured<OutgoingRichBlock>[] {
	const buttons = actions.flatMap((action) => {
		const data = encodeAction(action);
		return data ? [{ text: action.label.slice(0, 64), callback_data: data }] : [];
	});
	const rows: Measured<OutgoingRichBlock>[] = [];
	for (let start = 0; start < buttons.length; start += buttonsPerRow) {
		const row = buttons.slice(start, start + buttonsPerRow);
		rows.push({ value: { type: 'buttons', buttons: row }, cost: { blocks: 1, characters: row.reduce((sum, button) => sum + button.text.length, 0), depth: 1 } });
	}
	return rows;
}

export function piece(kind: RichPiece['kind'], blocks: readonly Measured<OutgoingRichBlock>[]): RichPiece {
	return { kind, blocks: blocks.map((block) => block.value), cost: sideBySide(blocks.map((block) => block.cost)) };
}
