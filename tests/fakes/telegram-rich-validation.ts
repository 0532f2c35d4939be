/**
 * The checks the fake Bot API applies to an `InputRichMessage` (Bot API 10.1), written from the
 * rules in `@grammyjs/types/rich.d.ts` (https://core.telegram.org/bots/api#inputrichmessage), not
 * from the bot's renderer, so that a renderer mistake fails here:
 * - exactly one of `blocks`, `html`, `markdown`; the fake reads `blocks` only;
 * - only the documented block and rich text types, with their required fields;
 * - at most 32,768 characters of text (Unicode code points of every text leaf, custom emoji
 *   alternative text and formula source), 500 blocks (nested blocks, list items and table rows
 *   count), 16 levels of nested blocks and formatting, 50 media, 20 table columns;
 * - every reference link names a reference of the same message, every anchor link an anchor;
 * - buttons: 1–8 in a row, exactly one action each, callback data of 1–64 bytes;
 * - a "thinking" block only in a draft.
 * Each check returns Telegram's error description, or undefined when the payload is acceptable.
 */

export const richLimits = { characters: 32_768, blocks: 500, depth: 16, media: 50, tableColumns: 20 } as const;

/** Where the rich message is going: drafts may hold a thinking block and no media upload. */
export interface RichCheckOptions {
	readonly draft?: boolean;
}

type Json = Record<string, unknown>;

const textBlockTypes = new Set(['paragraph', 'heading', 'pre', 'footer']);
const mediaBlockTypes = new Set(['animation', 'audio', 'document', 'photo', 'video', 'voice_note']);
const blockTypes = new Set([
	...textBlockTypes, 'divider', 'mathematical_expression', 'anchor', 'list', 'blockquote', 'expandable_blockquote', 'pullquote',
	'collage', 'slideshow', 'table', 'details', 'map', ...mediaBlockTypes, 'buttons', 'thinking',
]);
/** Rich text objects whose `text` is more rich text, with the field each must also carry. */
const wrapperTypes: Record<string, string | undefined> = {
	bold: undefined, italic: undefined, underline: undefined, strikethrough: undefined, spoiler: undefined, subscript: undefined,
	superscript: undefined, marked: undefined, code: undefined, date_time: 'unix_time', text_mention: 'user', url: 'url', email_address: 'email_address',
	phone_number: 'phone_number', bank_card_number: 'bank_card_number', mention: 'username', hashtag: 'hashtag', cashtag: 'cashtag', bot_command: 'bot_command',
	anchor_link: 'anchor_name', reference: 'name', reference_link: 'reference_name',
};
const buttonActions = ['url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat', 'switch_inline_query_chosen_chat', 'copy_text', 'disabled'];

class RichRefusal extends Error {}

/** What one walk of a message found: its totals and the names it defines and links to. */
class RichCensus {
	public characters = 0;
	public blocks = 0;
	public media = 0;
	public deepest = 0;
	public readonly references = new Set<string>();
	public readonly referenceLinks: string[] = [];
	public readonly anchors = new Set<string>();
	public readonly anchorLinks: string[] = [];

	public constructor(private readonly options: RichCheckOptions) {}

	public refuse(reason: string): never {
		throw new RichRefusal(`Bad Request: can't parse rich message: ${reason}`);
	}

	public level(depth: number): void {
		this.deepest = Math.max(this.deepest, depth);
		if (depth > richLimits.depth) this.refuse(`too deeply nested (more than ${richLimits.depth} levels)`);
	}

	public countText(value: string): void {
		// "UTF-8 characters": code points, not UTF-16 units and not bytes.
		for (const _ of value) this.characters += 1;
	}

	public block(value: unknown, depth: number, where: string): void {
		if (!isObject(value) || typeof value.type !== 'string') this.refuse(`${where} is not a block`);
		const type = value.type;
		if (!blockTypes.has(type)) this.refuse(`unknown block type "${type}" at ${where}`);
		this.blocks += 1;
		this.level(depth);
		if (mediaBlockTypes.has(type)) {
			this.media += 1;
			if (this.options.draft) this.refuse('media can not be uploaded in a draft');
			if (!isObject(value[type])) this.refuse(`${where}.${type} is required`);
		}
		if ('caption' in value && value.caption !== undefined) this.caption(value.caption, depth + 1, `${where}.caption`);
		switch (type) {
			case 'paragraph':
			case 'pre':
			case 'footer':
				this.requiredText(value.text, depth + 1, `${where}.text`);
				return;
			case 'heading':
				if (![1, 2, 3, 4, 5, 6].includes(value.size as number)) this.refuse(`${where}.size must be 1-6`);
				this.requiredText(value.text, depth + 1, `${where}.text`);
				return;
			case 'divider':
				return;
			case 'mathematical_expression':
				if (typeof value.expression !== 'string' || value.expression === '') this.refuse(`${where}.expression is empty`);
				this.countText(value.expression);
				return;
			case 'anchor':
				this.anchor(value.name, `${where}.name`);
				return;
			case 'list':
				if (!Array.isArray(value.items) || value.items.length === 0) this.refuse(`${where}.items must be a non-empty array`);
				value.items.forEach((item: unknown, index) => this.listItem(item, depth + 1, `${where}.items[${index}]`));
				return;
			case 'blockquote':
			case 'collage':
			case 'slideshow':
				this.children(value.blocks, depth + 1, `${where}.blocks`);
				if (value.credit !== undefined) this.text(value.credit, depth + 1, `${where}.credit`);
				return;
			case 'expandable_blockquote':
			case 'pullquote':
				this.requiredText(value.text, depth + 1, `${where}.text`);
				if (value.credit !== undefined) this.text(value.credit, depth + 1, `${where}.credit`);
				return;
			case 'details':
				this.requiredText(value.summary, depth + 1, `${where}.summary`);
				this.children(value.blocks, depth + 1, `${where}.blocks`);
				return;
			case 'table':
				this.table(value, depth, where);
				return;
			case 'map':
				if (!isObject(value.location) || typeof value.location.latitude !== 'number' || typeof value.location.longitude !== 'number') this.refuse(`${where}.location is required`);
				return;
			case 'buttons':
				this.buttons(value, depth, where);
				return;
			case 'thinking':
				if (!this.options.draft) this.refuse('a thinking block can be used only in sendRichMessageDraft');
				this.requiredText(value.text, depth + 1, `${where}.text`);
				return;
		}
	}

	private children(value: unknown, depth: number, where: string): void {
		if (!Array.isArray(value) || value.length === 0) this.refuse(`${where} must be a non-empty array of blocks`);
		value.forEach((child: unknown, index) => this.block(child, depth, `${where}[${index}]`));
	}

	private listItem(item: unknown, depth: number, where: string): void {
		if (!isObject(item)) this.refuse(`${where} is not a list item`);
		this.blocks += 1;
		this.level(depth);
		if (item.type !== undefined && !['a', 'A', 'i', 'I', '1'].includes(item.type as string)) this.refuse(`${where}.type is invalid`);
		this.children(item.blocks, depth + 1, `${where}.blocks`);
	}

	private table(value: Json, depth: number, where: string): void {
		if (!Array.isArray(value.cells) || value.cells.length === 0) this.refuse(`${where}.cells must be a non-empty array`);
		if (value.caption !== undefined) this.text(value.caption, depth + 1, `${where}.caption`);
		value.cells.forEach((row: unknown, rowIndex) => {
			if (!Array.isArray(row)) this.refuse(`${where}.cells[${rowIndex}] is not a row`);
			this.blocks += 1;
			let columns = 0;
			row.forEach((cell: unknown, cellIndex) => {
				const at = `${where}.cells[${rowIndex}][${cellIndex}]`;
				if (!isObject(cell)) this.refuse(`${at} is not a cell`);
				if (!['left', 'center', 'right'].includes(cell.align as string)) this.refuse(`${at}.align is invalid`);
				if (!['top', 'middle', 'bottom'].includes(cell.valign as string)) this.refuse(`${at}.valign is invalid`);
				columns += typeof cell.colspan === 'number' && cell.colspan > 1 ? cell.colspan : 1;
				if (cell.text !== undefined) this.text(cell.text, depth + 2, `${at}.text`);
			});
			if (columns > richLimits.tableColumns) this.refuse(`too many table columns (${columns} > ${richLimits.tableColumns})`);
		});
	}

	private buttons(value: Json, depth: number, where: string): void {
		if (!Array.isArray(value.buttons) || value.buttons.length < 1 || value.buttons.length > 8) this.refuse(`${where}.buttons must hold 1-8 buttons`);
		if (value.align !== undefined && !['left', 'center', 'right'].includes(value.align as string)) this.refuse(`${where}.align is invalid`);
		value.buttons.forEach((button: unknown, index) => this.button(button, depth + 1, `${where}.buttons[${index}]`));
	}

	private button(button: unknown, depth: number, where: string): void {
		if (!isObject(button)) this.refuse(`${where} is not a button`);
		this.requiredText(button.text, depth + 1, `${where}.text`);
		const actions = buttonActions.filter((action) => button[action] !== undefined);
		if (actions.length !== 1) this.refuse(`${where} must have exactly one action, has ${actions.length}`);
		if (button.style !== undefined && !['danger', 'success', 'primary', 'link'].includes(button.style as string)) this.refuse(`${where}.style is invalid`);
		if (button.style === 'link' && actions[0] !== 'callback_data') this.refuse(`${where}: style "link" is allowed only for callback buttons`);
		if (actions[0] === 'callback_data') {
			const data = button.callback_data;
			if (typeof data !== 'string' || data === '' || Buffer.byteLength(data) > 64) throw new RichRefusal('Bad Request: BUTTON_DATA_INVALID');
		}
		if (actions[0] === 'url' && (typeof button.url !== 'string' || !/^(https?|tg):\/\/\S+$/.test(button.url))) throw new RichRefusal('Bad Request: BUTTON_URL_INVALID');
	}

	private caption(value: unknown, depth: number, where: string): void {
		if (!isObject(value)) this.refuse(`${where} is not a caption`);
		this.text(value.text, depth, `${where}.text`);
		if (value.credit !== undefined) this.text(value.credit, depth, `${where}.credit`);
	}

	private anchor(name: unknown, where: string): void {
		if (typeof name !== 'string' || name === '') this.refuse(`${where} must be a non-empty string`);
		if (this.anchors.has(name)) this.refuse(`duplicate anchor "${name}"`);
		this.anchors.add(name);
	}

	/** Rich text that must show something: an empty paragraph is refused as "text is empty". */
	private requiredText(value: unknown, depth: number, where: string): void {
		const before = this.characters;
		this.text(value, depth, where);
		if (this.characters === before && !hasObject(value)) this.refuse(`${where} is empty`);
	}

	/** Walks rich text: a string, an array (no level of its own), or a typed object (one level). */
	public text(value: unknown, depth: number, where: string): void {
		if (typeof value === 'string') {
			this.countText(value);
			return;
		}
		if (Array.isArray(value)) {
			value.forEach((part: unknown, index) => this.text(part, depth, `${where}[${index}]`));
			return;
		}
		if (!isObject(value) || typeof value.type !== 'string') this.refuse(`${where} is not rich text`);
		this.level(depth);
		const type = value.type;
		switch (type) {
			case 'custom_emoji':
				if (typeof value.custom_emoji_id !== 'string' || typeof value.alternative_text !== 'string') this.refuse(`${where} needs custom_emoji_id and alternative_text`);
				this.countText(value.alternative_text);
				return;
			case 'mathematical_expression':
				if (typeof value.expression !== 'string') this.refuse(`${where}.expression is required`);
				this.countText(value.expression);
				return;
			case 'anchor':
				this.anchor(value.name, `${where}.name`);
				return;
			case 'button':
				this.button(value.button, depth + 1, `${where}.button`);
				return;
		}
		if (!(type in wrapperTypes)) this.refuse(`unknown rich text type "${type}" at ${where}`);
		const field = wrapperTypes[type];
		if (field !== undefined && value[field] === undefined) this.refuse(`${where}.${field} is required`);
		if (type === 'url' && (typeof value.url !== 'string' || !/^(https?|tg|mailto):\S+$/.test(value.url))) this.refuse(`${where} has a wrong HTTP URL`);
		if (type === 'reference') {
			if (typeof value.name !== 'string' || value.name === '') this.refuse(`${where}.name must be a non-empty string`);
			if (this.references.has(value.name)) this.refuse(`duplicate reference "${value.name}"`);
			this.references.add(value.name);
		}
		if (type === 'reference_link') this.referenceLinks.push(String(value.reference_name));
		if (type === 'anchor_link') this.anchorLinks.push(String(value.anchor_name));
		this.text(value.text, depth + 1, `${where}.text`);
	}
}

/** A census of a message that passed: what the fake stores and tests can assert on. */
export interface RichCensusResult {
	readonly characters: number;
	readonly blocks: number;
	readonly media: number;
	readonly depth: number;
	readonly references: readonly string[];
	readonly referenceLinks: readonly string[];
}

/** Validates an `InputRichMessage`; the census when Telegram would accept it, else the error description. */
export function checkRichMessage(message: unknown, options: RichCheckOptions = {}): { error: string } | { census: RichCensusResult } {
	const census: RichCensus = new RichCensus(options);
	try {
		if (!isObject(message)) census.refuse('rich_message must be an object');
		const forms = ['blocks', 'html', 'markdown'].filter((field) => message[field] !== undefined);
		if (forms.length !== 1) census.refuse(`exactly one of blocks, html or markdown must be used, got ${forms.length}`);
		if (forms[0] !== 'blocks') census.refuse('this fake reads only the blocks form');
		if (!Array.isArray(message.blocks) || message.blocks.length === 0) throw new RichRefusal('Bad Request: message text is empty');
		message.blocks.forEach((block: unknown, index) => census.block(block, 1, `blocks[${index}]`));
		if (census.characters > richLimits.characters) census.refuse(`message is too long (${census.characters} characters > ${richLimits.characters})`);
		if (census.blocks > richLimits.blocks) census.refuse(`too many blocks (${census.blocks} > ${richLimits.blocks})`);
		if (census.media > richLimits.media) census.refuse(`too many media (${census.media} > ${richLimits.media})`);
		const dangling = census.referenceLinks.find((name) => !census.references.has(name));
		if (dangling !== undefined) census.refuse(`reference "${dangling}" is not found`);
		const lost = census.anchorLinks.find((name) => name !== '' && !census.anchors.has(name));
		if (lost !== undefined) census.refuse(`anchor "${lost}" is not found`);
	} catch (error) {
		if (error instanceof RichRefusal) return { error: error.message };
		throw error;
	}
	return {
		census: {
			characters: census.characters,
			blocks: census.blocks,
			media: census.media,
			depth: census.deepest,
			references: [...census.references],
			referenceLinks: census.referenceLinks,
		},
	};
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasObject(value: unknown): boolean {
	if (Array.isArray(value)) return value.some(hasObject);
	return isObject(value);
}
