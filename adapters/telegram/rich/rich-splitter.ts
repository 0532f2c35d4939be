import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { RichPiece } from './rich-block-builders.js';
import { RichMessageTooLargeError } from './rich-message-error.js';
import { fits, noCost, richMessageLimits, sideBySide, type Measured, type OutgoingRichBlock, type RichCost } from './rich-limits.js';

/** The footer of each message, given its place among them and its first story; its cost must not exceed `reserve`. */
export interface RichFooter {
	/** An upper bound of what any footer this builds costs, kept free in every message. */
	readonly reserve: RichCost;
	build(index: number, total: number, firstStory: number | undefined): Measured<OutgoingRichBlock>;
}

/** A message being filled. */
interface Filling {
	blocks: OutgoingRichBlock[];
	cost: RichCost;
	firstStory?: number;
}

/**
 * Packs rich pieces into as few messages as the limits allow, in reading order, each valid on its
 * own — the limits hold because every piece arrives measured and is placed only where it fits:
 * - a section (a level 1–2 heading and everything up to the next) goes whole into the current
 *   message if it fits there, else whole into the next;
 * - a section too large for any message is placed piece by piece, continuing the current one;
 * - a story too large for any message is cut into parts that fit (see `cardPiece`), and so is
 *   a paragraph or list outside a story; only a heading longer than a whole message cannot be cut
 *   (`RichMessageTooLargeError`).
 * Footnotes live inside their story's piece, so every reference has its footnote in the same
 * message. Every message ends with the footer, whose room is kept free throughout.
 */
export function packRichMessages(pieces: readonly RichPiece[], footer?: RichFooter, limits: RichCost = richMessageLimits): InputRichMessageWithoutUpload[] {
	const reserve = footer?.reserve ?? noCost;
	const budget: RichCost = { blocks: limits.blocks - reserve.blocks, characters: limits.characters - reserve.characters, depth: limits.depth };
	const messages: Filling[] = [];
	let current: Filling = { blocks: [], cost: noCost };
	const flush = (): void => {
		if (current.blocks.length > 0) messages.push(current);
		current = { blocks: [], cost: noCost };
	};
	const add = (piece: RichPiece): void => {
		current.firstStory ??= piece.story;
		current.blocks.push(...piece.blocks);
		current.cost = sideBySide([current.cost, piece.cost]);
	};
	const place = (piece: RichPiece): void => {
		if (fits(current.cost, piece.cost, budget)) return add(piece);
		flush();
		if (fits(noCost, piece.cost, budget)) return add(piece);
		if (!piece.split) throw new RichMessageTooLargeError(piece.kind, piece.cost, budget);
		for (const part of piece.split(budget)) place(part);
	};
	for (const section of sections(pieces)) {
		const cost = sideBySide(section.map((piece) => piece.cost));
		if (fits(current.cost, cost, budget)) {
			section.forEach(add);
			continue;
		}
		if (fits(noCost, cost, budget)) {
			flush();
			section.forEach(add);
			continue;
		}
		section.forEach(place);
	}
	flush();
	return messages.map((message, index) => ({ blocks: footer ? [...message.blocks, footer.build(index, messages.length, message.firstStory).value] : message.blocks }));
}

/** Pieces grouped into sections: each `section` piece starts a new group. */
function sections(pieces: readonly RichPiece[]): RichPiece[][] {
	const groups: RichPiece[][] = [];
	for (const piece of pieces) {
		if (piece.kind === 'section' || groups.length === 0) groups.push([piece]);
		else groups.at(-1)!.push(piece);
	}
	return groups;
}
