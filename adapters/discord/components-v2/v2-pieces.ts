import { ButtonStyle, ComponentType, type APIButtonComponent, type APIComponentInContainer } from 'discord.js';
import type { Action, ActionsBlock, Block, CardBlock } from '../../../src/content/block.js';
import { sourceLine } from '../../../src/content/card-text.js';
import type { Span } from '../../../src/content/span.js';
import { encodeCustomId, type PressMode } from '../custom-id.js';
import { bodyLines } from '../discord-embeds.js';
import { truncate } from '../discord-limits.js';
import { escapeText, isWebUrl, renderSpans } from '../discord-markdown.js';
import { packLines, type TextLine } from '../discord-text.js';
import { componentsV2Limits } from './v2-limits.js';
import type { V2Piece } from './v2-message.js';

/**
 * Characters of one text display at most. Far below the message's 4,000 so that the packer can
 * fill a message closely: a long story goes out as several displays, and the first of them
 * still fits beside shorter ones.
 */
export const textChunk = 1500;

export interface PieceOptions {
	/** The command being answered: a button that re-runs it edits the message (paging) instead of replying. */
	readonly sourceCommand?: string;
	/** The label of a story's "Read story N" button, in the reader's language. */
	readonly storyButtonLabel: (story: number) => string;
}

/** The pieces a block becomes, in reading order; each fits an empty message on its own. */
export function blockPieces(block: Block, options: PieceOptions): V2Piece[] {
	switch (block.type) {
		case 'heading':
			return [
				...(block.level === 2 ? [separatorPiece()] : []),
				...textPieces([{ prefix: block.level === 1 ? '# ' : block.level === 2 ? '## ' : '### ', spans: oneLine(block.spans) }]),
			];
		case 'paragraph':
		case 'list':
			return textPieces(bodyLines(block));
		case 'failure':
			return textPieces([{ prefix: '⚠️ ', spans: block.spans }]);
		case 'card':
			return cardPieces(block, options);
		case 'actions':
			return actionPieces(block, options);
	}
}

/**
 * A story: its title and why it matters in a section with "Read story N" beside them (Discord's
 * section accessory), then its text, then its sources as linked small print.
 */
function cardPieces(card: CardBlock, options: PieceOptions): V2Piece[] {
	const title = isWebUrl(card.url) ? `### [${escapeText(card.title)}](${card.url})` : `### ${escapeText(card.title)}`;
	const highlight = card.highlight && card.highlight.length > 0 ? `\n> ${renderSpans(oneLine(card.highlight))}` : '';
	const headText = truncate(title + (title.length + highlight.length <= textChunk ? highlight : ''), textChunk);
	const pieces: V2Piece[] = [];
	// The answer to /story is that story: a button beside it that opens it again would only repeat it.
	const button = card.story && options.sourceCommand !== 'story' ? storyButton(card.story.number, card.story.issueId, options) : undefined;
	if (button) {
		pieces.push({
			child: { type: ComponentType.Section, components: [{ type: ComponentType.TextDisplay, content: headText }], accessory: button },
			components: 3,
			text: headText.length,
		});
	} else pieces.push(textPiece(headText));
	if (highlight !== '' && !headText.endsWith(highlight)) pieces.push(...textPieces([{ prefix: '> ', spans: card.highlight ?? [] }]));
	for (const block of card.body) pieces.push(...textPieces(bodyLines(block)));
	const small: TextLine[] = [];
	if (card.sources && card.sources.items.length > 0) {
		small.push({ prefix: '-# ', spans: [{ text: card.sources.heading, bold: true }] }, ...card.sources.items.map((source) => ({ prefix: '-# ', spans: sourceLine(source) })));
	}
	if (card.footer) small.push({ prefix: '-# ', spans: [{ text: card.footer }] });
	if (small.length > 0) pieces.push(...textPieces(small));
	return pieces;
}

function storyButton(number: number, issueId: string, options: PieceOptions): APIButtonComponent | undefined {
	const customId = encodeCustomId({ label: '', command: 'story', args: [String(number), issueId] }, 'reply');
	if (!customId) return undefined;
	return { type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(options.storyButtonLabel(number), componentsV2Limits.buttonLabel), custom_id: customId };
}

function actionPieces(block: ActionsBlock, options: PieceOptions): V2Piece[] {
	const buttons = block.actions.flatMap((action) => {
		const button = actionButton(action, action.command === options.sourceCommand ? 'edit' : 'reply');
		return button ? [button] : [];
	});
	const pieces: V2Piece[] = [];
	for (let at = 0; at < buttons.length; at += componentsV2Limits.buttonsPerRow) {
		const row = buttons.slice(at, at + componentsV2Limits.buttonsPerRow);
		pieces.push({ child: { type: ComponentType.ActionRow, components: row }, components: 1 + row.length, text: 0 });
	}
	return pieces;
}

function actionButton(action: Action, mode: PressMode): APIButtonComponent | undefined {
	const customId = encodeCustomId(action, mode);
	return customId ? { type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(action.label, componentsV2Limits.buttonLabel), custom_id: customId } : undefined;
}

function textPieces(lines: readonly TextLine[]): V2Piece[] {
	return packLines(lines, textChunk).filter((chunk) => chunk.trim() !== '').map(textPiece);
}

function textPiece(content: string): V2Piece {
	const child: APIComponentInContainer = { type: ComponentType.TextDisplay, content };
	return { child, components: 1, text: content.length };
}

function separatorPiece(): V2Piece {
	return { child: { type: ComponentType.Separator, divider: true, spacing: 2 }, components: 1, text: 0, separator: true };
}

/** A heading or a quote is one line in Markdown: a newline inside would end it. */
function oneLine(spans: readonly Span[]): Span[] {
	return spans.map((span) => ({ ...span, text: span.text.replace(/\s*\n\s*/g, ' ') }));
}
