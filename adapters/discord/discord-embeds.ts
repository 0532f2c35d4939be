import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CardBlock, CardSources, ListBlock, ParagraphBlock } from '../../src/content/block.js';
import { sourcesListBlock } from '../../src/content/card-text.js';
import { discordLimits, truncate } from './discord-limits.js';
import { escapeText, isWebUrl } from './discord-markdown.js';
import { packLines, type TextLine } from './discord-text.js';

/** One accent colour for every card, so the bot's answers are recognisable in a busy channel. */
const cardColour = 0x3b82f6;

/** The lines of a paragraph or list, ready for {@link packLines}. */
export function bodyLines(block: ParagraphBlock | ListBlock): TextLine[] {
	if (block.type === 'paragraph') return [{ prefix: '', spans: block.spans }];
	return block.items.map((item, index) => ({
		prefix: block.ordered ? `${(block.start ?? 1) + index}. ` : '- ',
		// A newline inside an item would end the list item; indenting keeps it inside.
		spans: item.map((span) => ({ ...span, text: span.text.replace(/\n/g, '\n   ') })),
	}));
}

/**
 * Renders a card as one embed, or several when its text exceeds the description limit: the
 * first carries the title and link, the last the sources and the footer. The sources go into
 * fields, where Discord shows them apart from the text.
 */
export function renderCard(card: CardBlock): APIEmbed[] {
	const text = card.highlight ? [{ type: 'paragraph' as const, spans: card.highlight }, ...card.body] : card.body;
	const descriptions = packBlocks(text, discordLimits.embedDescription);
	const embeds: APIEmbed[] = (descriptions.length > 0 ? descriptions : ['']).map((description) => ({
		color: cardColour,
		...(description !== '' ? { description } : {}),
	}));
	const first = embeds[0] as APIEmbed;
	first.title = truncate(escapeText(card.title), discordLimits.embedTitle);
	if (isWebUrl(card.url)) first.url = card.url;
	const last = embeds[embeds.length - 1] as APIEmbed;
	if (card.sources && card.sources.items.length > 0) last.fields = sourceFields(card.sources);
	if (card.footer) last.footer = { text: truncate(card.footer, discordLimits.footer) };
	// Fields are the only part that can still push one embed past the message total.
	while (embedSize(last) > discordLimits.embedTotal && last.fields && last.fields.length > 0) last.fields.pop();
	return embeds;
}

/** The characters Discord counts towards the 6000 per message. */
export function embedSize(embed: APIEmbed): number {
	let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
	for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
	return size;
}

function packBlocks(blocks: CardBlock['body'], limit: number): string[] {
	const chunks: string[] = [];
	let current = '';
	for (const block of blocks) {
		for (const piece of packLines(bodyLines(block), limit)) {
			if (current === '') current = piece;
			else if (current.length + 2 + piece.length <= limit) current += `\n\n${piece}`;
			else {
				chunks.push(current);
				current = piece;
			}
		}
	}
	if (current !== '') chunks.push(current);
	return chunks;
}

function sourceFields(sources: CardSources): APIEmbedField[] {
	const values = packLines(bodyLines(sourcesListBlock(sources)), discordLimits.fieldValue);
	return values.slice(0, discordLimits.embedFields).map((value, index) => ({ name: index === 0 ? sources.heading : sources.continuedHeading, value }));
}
