/**
 * The checks the fake Bot API applies to outgoing text, modelled on what the real server
 * refuses: empty or over-long text, entities that are out of range, overlap partially, split
 * an emoji, or nest inside `code`; malformed HTML; bad buttons. Each returns Telegram's
 * error description, or undefined when the payload is acceptable.
 */

export interface EntityLike {
	readonly type: string;
	readonly offset: number;
	readonly length: number;
	readonly url?: string;
}

const entityTypes = new Set([
	'mention', 'hashtag', 'cashtag', 'bot_command', 'url', 'email', 'phone_number', 'bold', 'italic', 'underline',
	'strikethrough', 'spoiler', 'blockquote', 'expandable_blockquote', 'code', 'pre', 'text_link', 'text_mention', 'custom_emoji', 'date_time',
]);
const monospace = new Set(['code', 'pre']);
const quotes = new Set(['blockquote', 'expandable_blockquote']);

export const maxTextLength = 4096;

/** Validates a message body and returns its visible text (after HTML parsing), or the error. */
export function checkMessageText(text: unknown, parseMode: unknown, entities: unknown, options: { allowEmpty?: boolean } = {}): { error: string } | { text: string } {
	if (typeof text !== 'string' || (!options.allowEmpty && text.trim() === '')) return { error: 'Bad Request: message text is empty' };
	let visible = text;
	if (parseMode === 'HTML') {
		const parsed = parseHtml(text);
		if ('error' in parsed) return { error: `Bad Request: can't parse entities: ${parsed.error}` };
		visible = parsed.text;
		if (!options.allowEmpty && visible.trim() === '') return { error: 'Bad Request: message text is empty' };
	} else if (parseMode !== undefined) {
		return { error: `Bad Request: unsupported parse_mode in this fake: ${String(parseMode)}` };
	}
	if (visible.length > maxTextLength) return { error: 'Bad Request: message is too long' };
	if (entities !== undefined) {
		const problem = checkEntities(visible, entities);
		if (problem) return { error: `Bad Request: can't parse entities: ${problem}` };
	}
	return { text: visible };
}

/** Entity rules, in UTF-16 code units as Telegram counts them. */
export function checkEntities(text: string, entities: unknown): string | undefined {
	if (!Array.isArray(entities)) return 'entities must be an array';
	const list = entities as EntityLike[];
	for (const [index, entity] of list.entries()) {
		if (!entityTypes.has(entity.type)) return `unknown entity type "${String(entity.type)}" at index ${index}`;
		if (!Number.isInteger(entity.offset) || !Number.isInteger(entity.length) || entity.offset < 0 || entity.length < 1) return `bad offset or length at index ${index}`;
		const end = entity.offset + entity.length;
		if (end > text.length) return `entity ${index} ends at ${end}, after the end of the text (${text.length})`;
		if (isLowSurrogate(text.charCodeAt(entity.offset)) || isLowSurrogate(text.charCodeAt(end))) return `entity ${index} splits a surrogate pair`;
		if (entity.type === 'text_link' && !/^(https?|tg):\/\/\S+$/.test(entity.url ?? '')) return `entity ${index} has a wrong HTTP URL`;
	}
	for (let a = 0; a < list.length; a += 1) {
		for (let b = a + 1; b < list.length; b += 1) {
			const first = list[a]!;
			const second = list[b]!;
			const overlap = Math.min(first.offset + first.length, second.offset + second.length) - Math.max(first.offset, second.offset);
			if (overlap <= 0) continue;
			const nested = contains(first, second) || contains(second, first);
			if (!nested) return `entities ${a} and ${b} overlap partially`;
			const pair = [first.type, second.type];
			if (pair.some((type) => monospace.has(type)) && !pair.some((type) => quotes.has(type))) return `entity ${monospace.has(first.type) ? a : b} (code) cannot contain other entities`;
		}
	}
	return undefined;
}

function contains(outer: EntityLike, inner: EntityLike): boolean {
	return outer.offset <= inner.offset && outer.offset + outer.length >= inner.offset + inner.length;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

const htmlTags = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const htmlEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Telegram's HTML subset: known tags, properly closed, and only four named entities. */
export function parseHtml(html: string): { error: string } | { text: string } {
	let text = '';
	const open: string[] = [];
	let index = 0;
	while (index < html.length) {
		const char = html[index]!;
		if (char === '<') {
			const close = html.indexOf('>', index);
			if (close < 0) return { error: `Unclosed start tag at byte offset ${index}` };
			const tag = /^<(\/?)([a-zA-Z][\w-]*)(\s[^>]*)?>$/.exec(html.slice(index, close + 1));
			if (!tag) return { error: `Unsupported start tag at byte offset ${index}` };
			const name = tag[2]!.toLowerCase();
			if (!htmlTags.has(name)) return { error: `Unsupported start tag "${name}" at byte offset ${index}` };
			if (tag[1]) {
				if (open.pop() !== name) return { error: `Unmatched end tag at byte offset ${index}, expected "</${open.at(-1) ?? ''}>", found "</${name}>"` };
			} else {
				open.push(name);
			}
			index = close + 1;
		} else if (char === '&') {
			const entity = /^&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/.exec(html.slice(index, index + 12));
			if (!entity) return { error: `Unsupported HTML entity at byte offset ${index}` };
			const name = entity[1]!;
			if (name.startsWith('#')) text += String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
			else if (htmlEntities[name]) text += htmlEntities[name];
			else return { error: `Unsupported HTML entity "&${name};"` };
			index += entity[0].length;
		} else {
			text += char;
			index += 1;
		}
	}
	if (open.length > 0) return { error: `Can't find end tag corresponding to start tag "${open.at(-1)!}"` };
	return { text };
}

/** Inline keyboards: every button needs text and exactly one valid action. */
export function checkReplyMarkup(markup: unknown): string | undefined {
	if (markup === undefined) return undefined;
	const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
	if (!Array.isArray(rows)) return undefined;
	for (const row of rows as unknown[]) {
		if (!Array.isArray(row)) return 'Bad Request: inline keyboard rows must be arrays';
		if (row.length > 8) return 'Bad Request: too many buttons in a row';
		for (const button of row as { text?: unknown; callback_data?: unknown; url?: unknown }[]) {
			if (typeof button.text !== 'string' || button.text === '') return 'Bad Request: BUTTON_TEXT_INVALID';
			if (button.callback_data !== undefined) {
				if (typeof button.callback_data !== 'string' || button.callback_data === '' || Buffer.byteLength(button.callback_data) > 64) return 'Bad Request: BUTTON_DATA_INVALID';
			} else if (button.url !== undefined) {
				if (typeof button.url !== 'string' || !/^(https?|tg):\/\/\S+$/.test(button.url)) return 'Bad Request: BUTTON_URL_INVALID';
			} else {
				return 'Bad Request: can\'t find a button action';
			}
		}
	}
	return undefined;
}

/** `setMyCommands` the way Telegram checks it; the error description, or undefined. */
export function checkCommands(commands: unknown): string | undefined {
	if (!Array.isArray(commands) || commands.length > 100) return 'Bad Request: commands must be an array of at most 100';
	for (const command of commands as { command?: unknown; description?: unknown }[]) {
		if (typeof command.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) return 'Bad Request: BOT_COMMAND_INVALID';
		if (typeof command.description !== 'string' || command.description.length < 1 || command.description.length > 256) return 'Bad Request: command description must be 1-256 characters';
	}
	return undefined;
}
