import type { Block, ListBlock, ParagraphBlock, ReplyPart } from '../../../src/content/block.js';
import type { Span } from '../../../src/content/span.js';
import { piece, richBody, richButtons, richParagraph, type RichPiece } from './rich-block-builders.js';
import { richSpans, type FootnoteNames } from './rich-text.js';
import { bodyAtoms, boundsFor, cardPiece } from './rich-card.js';

export interface RichRenderOptions {
	/** Show each card's own footer line (section, issue, position); an issue's cards leave it to the message footer. */
	readonly storyFooters?: boolean;
	/**
	 * Footnotes for citation marks (`Span.cite`) in paragraphs and lists outside cards: an answer
	 * whose citations point to footnotes the caller adds (cards name their own). Absent: plain text.
	 */
	readonly footnotes?: FootnoteNames;
}

/**
 * Renders an answer's parts as rich pieces, in order: headings (level 1 and 2 start a section),
 * paragraphs, lists, cards (see `cardPiece`), failures as plain sentences, actions as rows of
 * buttons. Pure: the same parts always give the same pieces. Text deltas join the paragraph
 * before them, so a finished streamed answer renders like one written at once.
 */
export function renderRichPieces(parts: readonly ReplyPart[], options: RichRenderOptions = {}): RichPiece[] {
	const pieces: RichPiece[] = [];
	let cards = 0;
	let growing: Span[] | undefined;
	let growingFrom = 0;
	const settle = (): void => {
		if (growing) pieces.push({ ...bodyPiece({ type: 'paragraph', spans: growing }, options.footnotes), source: growingFrom });
		growing = undefined;
	};
	for (const [index, part] of parts.entries()) {
		if (part.type === 'delta') {
			// Appended in place: an answer written a token at a time costs time linear in its length.
			if (!growing) growingFrom = index;
			(growing ??= []).push(...part.spans);
			continue;
		}
		// As for the entity packer, the streamer cuts a live answer at its frames before rendering.
		if (part.type === 'frame') continue;
		settle();
		if (part.type === 'paragraph') {
			growing = [...part.spans];
			growingFrom = index;
			continue;
		}
		// Each card's footnotes are named after its place in the answer, so two cards never share a name.
		const rendered = renderBlock(part, part.type === 'card' ? `c${(cards += 1)}` : '', options);
		if (rendered) pieces.push({ ...rendered, source: index });
	}
	settle();
	return pieces;
}

/** A paragraph or list outside a card: whole when it fits, cut into smaller paragraphs or lists when it alone is larger than a message. */
function bodyPiece(block: ParagraphBlock | ListBlock, footnotes?: FootnoteNames): RichPiece {
	return { ...piece('other', [richBody(block, footnotes)]), split: (budget) => bodyAtoms(block, boundsFor(budget)).map((atom) => piece('other', [atom(footnotes).block])) };
}

function renderBlock(block: Exclude<Block, ParagraphBlock>, key: string, options: RichRenderOptions): RichPiece | undefined {
	switch (block.type) {
		case 'heading': {
			const text = richSpans(block.spans);
			return piece(block.level <= 2 ? 'section' : 'other', [{ value: { type: 'heading', size: block.level, text: text.value }, cost: { blocks: 1, characters: text.cost.characters, depth: 1 + text.cost.depth } }]);
		}
		case 'list':
			return bodyPiece(block, options.footnotes);
		case 'card':
			return cardPiece(block, key, options.storyFooters ?? true);
		case 'failure':
			// Expected failures read as a plain, friendly sentence; only command names keep `code`.
			return piece('other', [richParagraph(block.spans.map((span) => (span.code ? { text: span.text, code: true } : { text: span.text })))]);
		case 'actions': {
			const rows = richButtons(block.actions);
			return rows.length > 0 ? piece('other', rows) : undefined;
		}
	}
}
