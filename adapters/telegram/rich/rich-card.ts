import type { RichText } from 'grammy/types';
import type { CardBlock, ListBlock, ParagraphBlock, SourceNote } from '../../../src/content/block.js';
import type { Span } from '../../../src/content/span.js';
import { richBody, richList, richParagraph, richTextParagraph, type RichPiece } from './rich-block-builders.js';
import { fits, noCost, richMessageLimits, sideBySide, wrapped, type Measured, type OutgoingRichBlock, type RichCost } from './rich-limits.js';
import { richSpans, type FootnoteNames } from './rich-text.js';

/**
 * Bounds on one unit of a card's content when a card must be cut, so that any story, however
 * long, fits into messages: a paragraph longer than a quarter of a message's characters (at most
 * 4,000) is cut between words, a list of more than an eighth of its blocks' worth of items (at
 * most 50) into several lists.
 */
export interface AtomBounds {
	readonly characters: number;
	readonly items: number;
}

export function boundsFor(budget: RichCost): AtomBounds {
	return { characters: Math.max(1, Math.min(4_000, Math.floor(budget.characters / 4))), items: Math.max(1, Math.min(50, Math.floor(budget.blocks / 8))) };
}
/** Room kept in a part's summary for " (12/13)". */
const partLabelRoom = 10;

/** One unit of a card's content, rendered with the footnote names in force, and the sources it cited. */
export type Atom = (names: FootnoteNames | undefined) => { readonly block: Measured<OutgoingRichBlock>; readonly cited: ReadonlySet<number> };

/** Renders with a footnote lookup that records which sources were cited. */
function tracked(render: (names: FootnoteNames | undefined) => Measured<OutgoingRichBlock>): Atom {
	return (names) => {
		const cited = new Set<number>();
		const block = render(
			names &&
				((number) => {
					const name = names(number);
					if (name !== undefined) cited.add(number);
					return name;
				}),
		);
		return { block, cited };
	};
}

/** Cuts runs into pieces of at most `limit` characters, between words where there is a space. */
function cutSpans(spans: readonly Span[], limit: number): Span[][] {
	const pieces: Span[][] = [];
	let current: Span[] = [];
	let length = 0;
	const close = (): void => {
		if (current.length > 0) pieces.push(current);
		current = [];
		length = 0;
	};
	for (const span of spans) {
		let rest = span.text;
		while (length + rest.length > limit) {
			const room = limit - length;
			if (room <= 0) {
				close();
				continue;
			}
			const space = rest.lastIndexOf(' ', room - 1);
			// No space within reach: end the piece before this run if it holds anything, else cut the word.
			let cut = space >= 0 ? space + 1 : current.length > 0 ? 0 : room;
			// Never between the halves of a surrogate pair.
			if (cut > 1 && /[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
			if (cut > 0) {
				current.push({ ...span, text: rest.slice(0, cut) });
				rest = rest.slice(cut);
			}
			close();
		}
		if (rest !== '') {
			current.push({ ...span, text: rest });
			length += rest.length;
		}
	}
	close();
	return pieces;
}

/** A body block as atoms of bounded size: a long paragraph cut between words, a long list into several. */
export function bodyAtoms(block: ParagraphBlock | ListBlock, bounds: AtomBounds): Atom[] {
	if (block.type === 'paragraph') return cutSpans(block.spans, bounds.characters).map((spans) => tracked((names) => richParagraph(spans, names)));
	const items = block.items.flatMap((item) => cutSpans(item, bounds.characters));
	const atoms: Atom[] = [];
	for (let start = 0; start < items.length; start += bounds.items) {
		const slice: ListBlock = { ...block, items: items.slice(start, start + bounds.items), ...(block.ordered ? { start: (block.start ?? 1) + start } : {}) };
		atoms.push(tracked((names) => richBody(slice, names)));
	}
	return atoms;
}

/** A source as a footnote: "7. label", the label linked; its name is what citations point to. */
function footnoteItem(source: SourceNote, name: string): Measured<OutgoingRichBlock> {
	const label = richSpans([{ text: source.label, ...(source.href ? { href: source.href } : {}) }]);
	const prefix = `${source.number}. `;
	const text: Measured<RichText> = {
		value: { type: 'reference', name, text: [prefix, label.value] },
		cost: { blocks: 0, characters: prefix.length + label.cost.characters, depth: 1 + label.cost.depth },
	};
	return richTextParagraph(text);
}

/** The footnotes of the given sources under the card's "Sources" heading, in the card's order. */
function footnoteBlocks(card: CardBlock, key: string, numbers: ReadonlySet<number> | 'all'): Measured<OutgoingRichBlock>[] {
	const sources = (card.sources?.items ?? []).filter((source) => numbers === 'all' || numbers.has(source.number));
	if (sources.length === 0 || !card.sources) return [];
	return [richParagraph([{ text: card.sources.heading, bold: true }]), richList(sources.map((source) => footnoteItem(source, footnoteName(key, source.number))))];
}

function footnoteName(key: string, number: number): string {
	return `${key}-${number}`;
}

/** The card as a details block: its title as the summary, open for a top story. */
function details(card: CardBlock, children: readonly Measured<OutgoingRichBlock>[], label = ''): Measured<OutgoingRichBlock> {
	const summary = richSpans([{ text: `${card.title}${label}`, bold: true, ...(card.url ? { href: card.url } : {}) }]);
	return {
		value: { type: 'details', summary: summary.value, blocks: children.map((child) => child.value), ...(card.story?.top !== false ? { is_open: true as const } : {}) },
		cost: wrapped(sideBySide(children.map((child) => child.cost)), summary.cost.characters, summary.cost.depth),
	};
}

/**
 * A card (one story) as a rich piece: a details block whose summary is the title (linked to the
 * story's URL), open for a top story and folded for the others, holding "Why it matters" as a
 * block quote, the body, and the story's sources as footnotes. A citation mark such as the 7 of
 * "[7, 8]" becomes a reference link to footnote 7 of this card; `key` keeps the footnote names
 * of different cards in one message apart.
 *
 * A story too large for one message splits into parts ("Title (1/3)"), each a details block
 * holding the footnotes its own citations point to, so each part is valid on its own.
 */
export function cardPiece(card: CardBlock, key: string, withFooter: boolean): RichPiece {
	const listed = new Set((card.sources?.items ?? []).map((source) => source.number));
	const names: FootnoteNames = (number) => (listed.has(number) ? footnoteName(key, number) : undefined);
	const atoms = (bounds: AtomBounds): Atom[] => [
		...(card.highlight && card.highlight.length > 0 ? [highlightAtom(card.highlight)] : []),
		...card.body.flatMap((block) => bodyAtoms(block, bounds)),
		...(withFooter && card.footer ? [tracked(() => richParagraph([{ text: card.footer!, italic: true }]))] : []),
	];
	const whole = details(card, [...atoms(boundsFor(richMessageLimits)).map((atom) => atom(names).block), ...footnoteBlocks(card, key, 'all')]);
	return {
		kind: 'story',
		blocks: [whole.value],
		cost: whole.cost,
		...(card.story ? { story: card.story.number } : {}),
		split: (budget) => splitCard(card, key, atoms(boundsFor(budget)), names, budget),
	};
}

function highlightAtom(highlight: readonly Span[]): Atom {
	return tracked((names) => {
		const paragraph = richParagraph(highlight, names);
		return { value: { type: 'blockquote', blocks: [paragraph.value] }, cost: wrapped(paragraph.cost) };
	});
}

/** Parts of a card, each as many atoms as fit `budget` with their footnotes. */
function splitCard(card: CardBlock, key: string, atoms: readonly Atom[], names: FootnoteNames, budget: RichCost): RichPiece[] {
	const parts: Measured<OutgoingRichBlock>[][] = [];
	let current: { blocks: Measured<OutgoingRichBlock>[]; cited: Set<number> } = { blocks: [], cited: new Set() };
	const costOf = (blocks: readonly Measured<OutgoingRichBlock>[], cited: ReadonlySet<number>): RichCost =>
		details(card, [...blocks, ...footnoteBlocks(card, key, cited)], ' '.repeat(partLabelRoom)).cost;
	const close = (): void => {
		if (current.blocks.length > 0) parts.push([...current.blocks, ...footnoteBlocks(card, key, current.cited)]);
		current = { blocks: [], cited: new Set() };
	};
	for (const atom of atoms) {
		let rendered = atom(names);
		let cited = new Set([...current.cited, ...rendered.cited]);
		if (!fits(noCost, costOf([...current.blocks, rendered.block], cited), budget)) {
			close();
			cited = new Set(rendered.cited);
			// An atom whose footnotes alone would not fit keeps its citations as plain links instead.
			if (!fits(noCost, costOf([rendered.block], cited), budget)) {
				rendered = atom(undefined);
				cited = new Set();
			}
		}
		current.blocks.push(rendered.block);
		current.cited = cited;
	}
	close();
	return parts.map((children, index) => {
		const part = details(card, children, parts.length > 1 ? ` (${index + 1}/${parts.length})` : '');
		return { kind: 'story' as const, blocks: [part.value], cost: part.cost, ...(card.story ? { story: card.story.number } : {}) };
	});
}
