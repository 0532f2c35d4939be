import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { Block } from '../../../src/content/block.js';
import type { RichPiece } from './rich-block-builders.js';
import { renderRichPieces } from './rich-blocks.js';
import { richMessageLimits, type OutgoingRichBlock, type RichCost } from './rich-limits.js';
import { packRichMessages, type RichFooter } from './rich-splitter.js';

/** One rich message of a post, and where in the post's content it starts. */
export interface RichPostMessage {
	readonly message: InputRichMessageWithoutUpload;
	/**
	 * The index of the first content block this message shows. `content.slice(from)` is the post
	 * from this message on, which is what goes the older way when this message is refused.
	 */
	readonly from: number;
}

/**
 * A post's neutral blocks as rich messages, exactly as `renderBlocksRich` packs them (cards
 * without their own footers, `footer` closing each message), each with the content block it
 * starts at. The splitter keeps the pieces' block objects, so a message's first block names the
 * piece, and the piece the content block, it came from; a story cut across two messages starts
 * the second at that story again, so its older form repeats the story's head rather than lose
 * its tail.
 */
export function renderRichPost(content: readonly Block[], footer: RichFooter | undefined, limits: RichCost = richMessageLimits): RichPostMessage[] {
	const sources = new Map<OutgoingRichBlock, number>();
	const traced = (piece: RichPiece, source: number): RichPiece => {
		for (const block of piece.blocks) if (!sources.has(block)) sources.set(block, source);
		const { split } = piece;
		return split ? { ...piece, split: (budget) => split(budget).map((part) => traced(part, source)) } : piece;
	};
	const pieces = renderRichPieces(content, { storyFooters: false }).map((piece) => traced(piece, piece.source ?? 0));
	let from = 0;
	return packRichMessages(pieces, footer, limits).map((message) => {
		const first = message.blocks?.[0];
		// Reading order holds across messages; the max guards against a block object shared by two pieces.
		from = Math.max(from, (first && sources.get(first)) ?? from);
		return { message, from };
	});
}
