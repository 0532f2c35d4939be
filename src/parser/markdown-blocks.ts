import MarkdownIt, { type Env, type Token } from 'markdown-it';
import type { Span } from '../content/span.js';

/** A list item: its own text, plus the items of a list nested directly under it. */
export interface MdItem {
	readonly spans: Span[];
	/** The item's number in an ordered list. */
	readonly number?: number;
	readonly children: Span[][];
}

/**
 * The block-level shape of a Markdown document, reduced to what a digest uses. Lines are
 * 1-based source lines, kept for warnings a publisher can act on.
 */
export type MdBlock =
	| { kind: 'heading'; level: number; spans: Span[]; line: number }
	| {
			kind: 'paragraph';
			spans: Span[];
			line: number;
			/**
			 * How many leading spans form a first line set wholly in bold or as a link, followed
			 * by more lines: "**Headline (3 minute read)**⏎Text…" is a titled item.
			 */
			leadSpans?: number;
	  }
	| {
			kind: 'list';
			ordered: boolean;
			items: MdItem[];
			line: number;
			/** Every item is a link to an `#anchor` of the issue itself: a table of contents. */
			tableOfContents?: boolean;
	  }
	| { kind: 'rule'; line: number };

/**
 * HTML is recognised (so that it can be dropped, never shown raw) and typographic
 * replacement is off so that the digest's own punctuation survives untouched.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

/** A reference-style link definition (`[3]: https://… "Title"`), keyed by its label. */
export interface MdReference {
	readonly href: string;
	readonly title?: string;
}

export interface MdDocument {
	readonly blocks: MdBlock[];
	/** Labels are upper-cased by markdown-it, as CommonMark matches them case-insensitively. */
	readonly references: ReadonlyMap<string, MdReference>;
}

/** Parses Markdown with markdown-it and reduces its token stream to {@link MdBlock}s. */
export function parseMarkdownBlocks(source: string): MdDocument {
	const env: Env = {};
	const tokens = markdown.parse(source, env);
	const references = new Map<string, MdReference>();
	for (const [label, reference] of Object.entries(env.references ?? {})) {
		const href = safeHref(reference.href);
		if (href) references.set(label, reference.title ? { href, title: reference.title } : { href });
	}
	return { blocks: new BlockReader(tokens).readAll(), references };
}

/** markdown-it's tokenizer alone, for measuring the parser against the library it builds on. */
export function tokenizeMarkdown(source: string): number {
	return markdown.parse(source, {}).length;
}

/** Walks markdown-it's flat token stream, which opens and closes containers explicitly. */
class BlockReader {
	private index = 0;

	public constructor(private readonly tokens: Token[]) {}

	public readAll(): MdBlock[] {
		const blocks: MdBlock[] = [];
		while (this.index < this.tokens.length) this.readBlock(blocks);
		return blocks;
	}

	private readBlock(out: MdBlock[]): void {
		const token = this.tokens[this.index]!;
		const line = (token.map?.[0] ?? 0) + 1;
		switch (token.type) {
			case 'heading_open': {
				const inline = this.tokens[this.index + 1]!;
				out.push({ kind: 'heading', level: Number(token.tag.slice(1)), spans: readInline(inline), line });
				this.index += 3;
				return;
			}
			case 'paragraph_open': {
				const inline = this.tokens[this.index + 1]!;
				const spans = readInline(inline);
				const leadSpans = leadLineLength(inline, spans);
				if (spans.some((span) => span.text.trim() !== '')) out.push({ kind: 'paragraph', spans, line, ...(leadSpans ? { leadSpans } : {}) });
				this.index += 3;
				return;
			}
			case 'bullet_list_open':
			case 'ordered_list_open': {
				out.push(this.readList(token, line));
				return;
			}
			case 'hr':
				out.push({ kind: 'rule', line });
				this.index += 1;
				return;
			case 'fence':
			case 'code_block': {
				const content = token.content.trimEnd();
				if (content !== '') out.push({ kind: 'paragraph', spans: [{ text: content, code: true }], line });
				this.index += 1;
				return;
			}
			case 'table_open': {
				this.readTable(out, line);
				return;
			}
			default:
				// Blockquote containers, HTML blocks and anything unknown: their inner paragraphs
				// are read as ordinary blocks, raw HTML is dropped.
				this.index += 1;
		}
	}

	private readList(open: Token, line: number): MdBlock {
		const ordered = open.type === 'ordered_list_open';
		const closeType = ordered ? 'ordered_list_close' : 'bullet_list_close';
		let nextNumber = Number(open.attrGet('start') ?? 1);
		const items: MdItem[] = [];
		const start = this.index;
		this.index += 1;
		while (this.index < this.tokens.length && this.tokens[this.index]!.type !== closeType) {
			if (this.tokens[this.index]!.type !== 'list_item_open') {
				this.index += 1;
				continue;
			}
			const item = this.readItem(ordered ? nextNumber : undefined);
			if (item) items.push(item);
			nextNumber += 1;
		}
		this.index += 1;
		const tableOfContents = items.length > 0 && isAnchorList(this.tokens.slice(start, this.index));
		return { kind: 'list', ordered, items, line, ...(tableOfContents ? { tableOfContents } : {}) };
	}

	/** Reads one list item; nested lists of any depth become its flat children. */
	private readItem(number: number | undefined): MdItem | undefined {
		const spans: Span[] = [];
		const children: Span[][] = [];
		let depth = 0;
		this.index += 1;
		for (; this.index < this.tokens.length; this.index += 1) {
			const token = this.tokens[this.index]!;
			if (token.type === 'list_item_open') depth += 1;
			else if (token.type === 'list_item_close') {
				if (depth === 0) break;
				depth -= 1;
			} else if (token.type === 'inline') {
				const inline = readInline(token);
				if (depth === 0) appendWithSpace(spans, inline);
				else children.push(inline);
			} else if (token.type === 'fence' || token.type === 'code_block') {
				const content = token.content.trimEnd();
				if (content !== '') (depth === 0 ? spans : (children[children.length - 1] ?? spans)).push({ text: ` ${content}`, code: true });
			}
		}
		this.index += 1;
		if (spans.length === 0 && children.length === 0) return undefined;
		return number === undefined ? { spans, children } : { spans, number, children };
	}

	/** A table becomes one paragraph per row, cells separated by " | ", so no word is lost. */
	private readTable(out: MdBlock[], line: number): void {
		let row: Span[] = [];
		for (this.index += 1; this.index < this.tokens.length; this.index += 1) {
			const token = this.tokens[this.index]!;
			if (token.type === 'table_close') break;
			if (token.type === 'inline') {
				if (row.length > 0) row.push({ text: ' | ' });
				row.push(...readInline(token));
			} else if (token.type === 'tr_close') {
				if (row.some((span) => span.text.trim() !== '')) out.push({ kind: 'paragraph', spans: row, line });
				row = [];
			}
		}
		this.index += 1;
	}
}

/** True when every item's text sits inside links to `#anchors` (safeHref drops those links, so ask the tokens). */
function isAnchorList(tokens: readonly Token[]): boolean {
	const inlines = tokens.filter((token) => token.type === 'inline');
	return inlines.length > 0 && inlines.every((inline) => {
		let depth = 0;
		let anchored = false;
		for (const child of inline.children ?? []) {
			if (child.type === 'link_open') {
				depth += 1;
				anchored = String(child.attrGet('href') ?? '').startsWith('#');
				if (!anchored) return false;
			} else if (child.type === 'link_close') depth -= 1;
			else if (depth === 0 && child.content.trim() !== '' && !/^[\s\d.)·•|–—-]*$/u.test(child.content)) return false;
		}
		return anchored;
	});
}

function appendWithSpace(target: Span[], spans: readonly Span[]): void {
	if (target.length > 0 && spans.length > 0) target.push({ text: ' ' });
	target.push(...spans);
}

/** See {@link MdBlock}'s `leadSpans`: the spans of the first line when it is all bold or a link. */
function leadLineLength(inline: Token, spans: readonly Span[]): number | undefined {
	const children = inline.children ?? [];
	const lineBreak = children.findIndex((child) => child.type === 'softbreak' || child.type === 'hardbreak');
	if (lineBreak <= 0 || lineBreak === children.length - 1) return undefined;
	const firstLine = readInlineChildren(children.slice(0, lineBreak));
	if (firstLine.length === 0 || !firstLine.every((span) => span.bold || span.href || span.text.trim() === '')) return undefined;
	const count = firstLine.length;
	return spans.slice(0, count).every((span, index) => span.text === firstLine[index]!.text) ? count : undefined;
}

/** Turns an inline token's children into flat runs, merging neighbours with equal marks. */
export function readInline(inline: Token): Span[] {
	return readInlineChildren(inline.children ?? []);
}

function readInlineChildren(children: readonly Token[]): Span[] {
	const spans: Span[] = [];
	let bold = 0;
	let italic = 0;
	const links: string[] = [];
	const linkStarts: number[] = [];
	const push = (value: string, extra?: Partial<Span>): void => {
		if (value === '') return;
		const span: Span = { text: value };
		if (bold > 0) span.bold = true;
		if (italic > 0) span.italic = true;
		const href = links[links.length - 1];
		if (href) span.href = href;
		Object.assign(span, extra);
		const last = spans[spans.length - 1];
		if (last && sameMarks(last, span)) last.text += span.text;
		else spans.push(span);
	};
	for (const child of children) {
		switch (child.type) {
			case 'text':
			case 'text_special':
				push(child.content);
				break;
			case 'softbreak':
				push(' ');
				break;
			case 'hardbreak':
				push('\n');
				break;
			case 'code_inline':
				push(child.content, { code: true });
				break;
			case 'image':
				push(child.content);
				break;
			case 'strong_open':
				bold += 1;
				break;
			case 'strong_close':
				bold -= 1;
				break;
			case 'em_open':
				italic += 1;
				break;
			case 'em_close':
				italic -= 1;
				break;
			case 'link_open':
				links.push(safeHref(String(child.attrGet('href') ?? '')));
				linkStarts.push(spans.length);
				break;
			case 'link_close': {
				links.pop();
				bracketNumericLink(spans, linkStarts.pop() ?? spans.length);
				break;
			}
			default:
				// html_inline and other raw fragments are dropped, never shown raw.
				break;
		}
	}
	return spans;
}

/**
 * A reference-style citation ("[3]" with a "[3]: https://…" definition) reaches us as a link
 * whose text is "3". Put its brackets back so it reads, and is recognised, as a citation mark.
 */
function bracketNumericLink(spans: Span[], start: number): void {
	const linked = spans.slice(start);
	if (linked.length !== 1 || !linked[0]!.href || !/^\d{1,4}$/.test(linked[0]!.text)) return;
	linked[0]!.text = `[${linked[0]!.text}]`;
}

function sameMarks(a: Span, b: Span): boolean {
	return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href && a.cite === b.cite;
}

/** Only absolute web links survive: a digest must never smuggle javascript: or tg: URLs. */
function safeHref(href: string | null): string {
	if (!href) return '';
	return /^https?:\/\//i.test(href) ? href : '';
}
