import type { InputRichMessageWithoutUpload } from 'grammy/types';

/** A block of an outgoing rich message without uploads (the renderer sends no files). */
export type OutgoingRichBlock = NonNullable<InputRichMessageWithoutUpload['blocks']>[number];

/**
 * Telegram's limits on one rich message (Bot API 10.1, `InputRichMessage`,
 * https://core.telegram.org/bots/api#inputrichmessage): 32,768 characters of text, 500 blocks
 * (nested blocks, list items and table rows count), 16 levels of nested blocks and formatting.
 * The renderer sends no media and no tables, so the media (50) and column (20) limits cannot be
 * reached and are not counted.
 */
export const richMessageLimits = { characters: 32_768, blocks: 500, depth: 16 } as const;

/**
 * What a piece of a rich message costs against those limits, counted while it is built.
 * Characters are UTF-16 units, which are never fewer than the code points Telegram counts, so
 * a message within the count is within Telegram's.
 */
export interface RichCost {
	readonly blocks: number;
	readonly characters: number;
	/** Levels of nesting, the piece's own outermost block counting as one. */
	readonly depth: number;
}

/** Something built with what it costs. */
export interface Measured<T> {
	readonly value: T;
	readonly cost: RichCost;
}

export const noCost: RichCost = { blocks: 0, characters: 0, depth: 0 };

/** Pieces side by side: blocks and characters add up, the deepest one sets the depth. */
export function sideBySide(costs: readonly RichCost[]): RichCost {
	let blocks = 0;
	let characters = 0;
	let depth = 0;
	for (const cost of costs) {
		blocks += cost.blocks;
		characters += cost.characters;
		depth = Math.max(depth, cost.depth);
	}
	return { blocks, characters, depth };
}

/** A block (or list item) holding `inner`: one more block, one more level, `ownCharacters` of its own text. */
export function wrapped(inner: RichCost, ownCharacters = 0, ownDepth = 0): RichCost {
	return { blocks: inner.blocks + 1, characters: inner.characters + ownCharacters, depth: 1 + Math.max(inner.depth, ownDepth) };
}

/** True when `cost` fits in what is left of a message after `used`. */
export function fits(used: RichCost, cost: RichCost, limits: RichCost = richMessageLimits): boolean {
	return used.blocks + cost.blocks <= limits.blocks && used.characters + cost.characters <= limits.characters && cost.depth <= limits.depth;
}
