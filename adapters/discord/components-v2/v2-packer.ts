import { ComponentType, type APIComponentInContainer, type APIContainerComponent } from 'discord.js';
import type { Block } from '../../../src/content/block.js';
import { translatorFor } from '../../../src/i18n/translator.js';
import { componentsV2Limits, isComponentsV2Flag } from './v2-limits.js';
import type { V2Message, V2Piece } from './v2-message.js';
import { blockPieces, type PieceOptions } from './v2-pieces.js';

/** One accent colour for every card, as the embeds have, so the bot's posts are recognisable. */
const accentColour = 0x3b82f6;

export interface V2PackOptions extends Partial<PieceOptions> {
	/** Messages at most; what does not fit is dropped (an interactive answer's cap). Unlimited by default, as a post must be whole. */
	readonly maxMessages?: number;
}

/** A message being filled, with what it has used of its limits. */
interface OpenMessage {
	readonly containers: { children: APIComponentInContainer[] }[];
	components: number;
	text: number;
}

/**
 * Turns blocks into as few Components V2 messages as fit. Every piece fits an empty message
 * ({@link blockPieces} makes them so), and a piece goes into the current message only while the
 * message stays within 40 components, 10 top-level components and 4,000 characters of text, so
 * Discord's limits hold by construction; the order of the blocks is kept. Packing is greedy:
 * adding a block only changes the last message or starts new ones.
 */
export function packComponentsV2(blocks: Iterable<Block>, options: V2PackOptions = {}): V2Message[] {
	const english = translatorFor();
	const pieceOptions: PieceOptions = {
		storyButtonLabel: options.storyButtonLabel ?? ((story) => english.text('button-story', { number: String(story) })),
		sourceCommand: options.sourceCommand,
	};
	const open: OpenMessage[] = [];
	for (const block of blocks) {
		for (const piece of blockPieces(block, pieceOptions)) place(open, piece);
	}
	const limit = options.maxMessages ?? Number.POSITIVE_INFINITY;
	return open.slice(0, limit).map(toMessage);
}

function place(open: OpenMessage[], piece: V2Piece): void {
	const current = open.at(-1);
	const container = current?.containers.at(-1);
	if (current && container && container.children.length < componentsV2Limits.containerChildren && fits(current, piece, 0)) {
		container.children.push(piece.child);
		add(current, piece, 0);
		return;
	}
	// A separator only divides what is around it: at the top of a container it would be noise.
	if (piece.separator) return;
	if (current && container && current.containers.length < componentsV2Limits.topLevel && fits(current, piece, 1)) {
		current.containers.push({ children: [piece.child] });
		add(current, piece, 1);
		return;
	}
	const fresh: OpenMessage = { containers: [{ children: [piece.child] }], components: 0, text: 0 };
	add(fresh, piece, 1);
	open.push(fresh);
}

function fits(message: OpenMessage, piece: V2Piece, containers: number): boolean {
	return message.components + containers + piece.components <= componentsV2Limits.components && message.text + piece.text <= componentsV2Limits.text;
}

function add(message: OpenMessage, piece: V2Piece, containers: number): void {
	message.components += containers + piece.components;
	message.text += piece.text;
}

function toMessage(message: OpenMessage): V2Message {
	const components: APIContainerComponent[] = message.containers.map((container) => ({ type: ComponentType.Container, accent_color: accentColour, components: container.children }));
	return { flags: isComponentsV2Flag, components };
}
