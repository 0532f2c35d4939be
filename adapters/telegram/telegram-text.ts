import type { MessageEntity } from 'grammy/types';

/**
 * A message body as Telegram takes it: plain text plus entities. Entities are used rather
 * than HTML because nothing in the text needs escaping, so no piece of digest text (or a
 * hostile argument echoed back) can ever break the markup. Offsets and lengths are in UTF-16
 * code units, which is what Telegram counts and what JavaScript string indices already are.
 * https://core.telegram.org/bots/api#messageentity
 */
export interface TelegramText {
	readonly text: string;
	readonly entities: readonly MessageEntity[];
}

/** The longest message text Telegram accepts, after entity parsing. */
export const maxMessageLength = 4096;

/** The part of a text between two UTF-16 offsets, with entities clipped and re-based. */
export function sliceText(source: TelegramText, start: number, end: number): TelegramText {
	const entities: MessageEntity[] = [];
	for (const entity of source.entities) {
		const from = Math.max(entity.offset, start);
		const to = Math.min(entity.offset + entity.length, end);
		if (to > from) entities.push({ ...entity, offset: from - start, length: to - from });
	}
	return { text: source.text.slice(start, end), entities };
}

/**
 * Drops leading and trailing whitespace. Telegram trims message text itself, which would shift
 * every entity after it; trimming first keeps offsets honest.
 */
export function trimText(source: TelegramText): TelegramText {
	const start = source.text.length - source.text.trimStart().length;
	const end = source.text.trimEnd().length;
	if (start === 0 && end === source.text.length) return source;
	if (end <= start) return { text: '', entities: [] };
	return sliceText(source, start, end);
}

/** Joins texts with a separator, shifting each one's entities by where it lands. */
export function joinTexts(parts: readonly TelegramText[], separator: string): TelegramText {
	let text = '';
	const entities: MessageEntity[] = [];
	for (const part of parts) {
		if (part.text === '') continue;
		if (text !== '') text += separator;
		const shift = text.length;
		for (const entity of part.entities) entities.push({ ...entity, offset: entity.offset + shift });
		text += part.text;
	}
	return { text, entities };
}
