import { locales } from '../../src/i18n/locale.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CardBlock, ListBlock, ParagraphBlock } from '../../src/content/block.js';
import { plainText } from '../../src/content/span.js';
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
 * Renders a card as one embed, or several when its body exceeds the description limit: the
 * first carries the title and link, the last the sources and the footer. A "Sources" list is
 * lifted into fields, where Discord shows it apart from the text.
 */
export function renderCard(card: CardBlock): APIEmbed[] {
	const { text, sources, t } = splitSources(card.body);
	const descriptions = packBlocks(text, discordLimits.embedDescription);
	const embeds: APIEmbed[] = (descriptions.length > 0 ? descriptions : ['']).map((description) => ({
		color: cardColour,
		...(description !== '' ? { description } : {}),
	}));
	const first = embeds[0] as APIEmbed;
	first.title = truncate(escapeText(card.title), discordLimits.embedTitle);
	if (isWebUrl(card.url)) first.url = card.url;
	const last = embeds[embeds.length - 1] as APIEmbed;
	if (sources) last.fields = sourceFields(sources, t);
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

/** The card's "Sources" line in each catalogue's words, and the language it marks (the card was built in it). */
const sourcesHeadings = new Map(locales.map((locale) => [translatorFor(locale).text('sources').toLowerCase(), translatorFor(locale)]));

function splitSources(body: CardBlock['body']): { text: CardBlock['body']; sources?: ListBlock; t: Translator } {
	const headingOf = (block: CardBlock['body'][number]): Translator | undefined =>
		block.type === 'paragraph' ? sourcesHeadings.get(plainText(block.spans).trim().replace(/:$/, '').toLowerCase()) : undefined;
	const at = body.findIndex((block, index) => headingOf(block) !== undefined && body[index + 1]?.type === 'list');
	if (at < 0) return { text: body, t: translatorFor() };
	const sources = body[at + 1] as ListBlock;
	return { text: [...body.slice(0, at), ...body.slice(at + 2)], sources, t: headingOf(body[at]!) ?? translatorFor() };
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

function sourceFields(sources: ListBlock, t: Translator): APIEmbedField[] {
	const values = packLines(bodyLines({ ...sources, ordered: false }), discordLimits.fieldValue);
	return values.slice(0, discordLimits.embedFields).map((value, index) => ({ name: t.text(index === 0 ? 'sources' : 'sources-continued'), value }));
}
