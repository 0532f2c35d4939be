import type { CardBlock, CardSources, ListBlock, ParagraphBlock } from './block.js';
import type { Span } from './span.js';

/** A source as one line of a list: "[7] label", the label linked where the source has a URL. */
export function sourceLine(source: CardSources['items'][number]): Span[] {
	return [{ text: `[${source.number}] ` }, source.href ? { text: source.label, href: source.href } : { text: source.label }];
}

/** The sources as a plain list, for platforms that show them as text. */
export function sourcesListBlock(sources: CardSources): ListBlock {
	return { type: 'list', ordered: false, items: sources.items.map(sourceLine) };
}

/**
 * A card's parts in reading order as plain body blocks — why it matters, the text, then a bold
 * "Sources" line and the list — for platforms that show a card as running text (Telegram
 * entities, the console). Platforms that set the parts apart read the card's fields instead.
 */
export function cardTextBlocks(card: CardBlock): readonly (ParagraphBlock | ListBlock)[] {
	if (!card.highlight && !card.sources) return card.body;
	const blocks: (ParagraphBlock | ListBlock)[] = [];
	if (card.highlight) blocks.push({ type: 'paragraph', spans: card.highlight });
	blocks.push(...card.body);
	if (card.sources && card.sources.items.length > 0) blocks.push({ type: 'paragraph', spans: [{ text: card.sources.heading, bold: true }] }, sourcesListBlock(card.sources));
	return blocks;
}
