import type { MessageEntity } from 'grammy/types';
import { cardTextBlocks } from '../../src/content/card-text.js';
import type { Action, Block, ListBlock, ParagraphBlock, ReplyPart } from '../../src/content/block.js';
import type { Span } from '../../src/content/span.js';
import { findCut, splitOversizedText } from './text-splitter.js';
import { joinTexts, maxMessageLength, sliceText, trimText, type TelegramText } from './telegram-text.js';

/** What one answer becomes on Telegram: message parts in order, and the buttons for the last. */
export interface RenderedReply {
	readonly parts: readonly TelegramText[];
	/** One row per actions block. */
	readonly actionRows: readonly (readonly Action[])[];
	/** The stable code of the first failure, if the answer is an expected failure. */
	readonly failureCode?: string;
}

/** Blocks are separated by a blank line, inside a message and across the split. */
const blockSeparator = '\n\n';

/** Accumulates spans into text and entities, counting offsets in UTF-16 code units. */
class TextBuilder {
	private text: string;
	private readonly entities: MessageEntity[];
	/** The marks of the last run and the entities it made, which a run with the same marks extends. */
	private lastRun: { key: string; indices: number[]; end: number } | undefined;

	/** Starts empty, or from a text to keep appending to (the rest of a growing paragraph after a cut). */
	public constructor(start?: TelegramText) {
		this.text = start?.text ?? '';
		this.entities = start ? [...start.entities] : [];
	}

	/** UTF-16 units so far, whitespace included. */
	public get length(): number {
		return this.text.length;
	}

	public append(value: string, marks: Omit<Span, 'text'> = {}): this {
		if (value === '') return this;
		const offset = this.text.length;
		this.text += value;
		const length = value.length;
		const wanted: MessageEntity[] = [];
		// `code` may not contain other entities, so it wins over every other mark.
		if (marks.code) wanted.push({ type: 'code', offset, length });
		else {
			const url = marks.href ? safeUrl(marks.href) : undefined;
			if (url) wanted.push({ type: 'text_link', offset, length, url });
			if (marks.bold) wanted.push({ type: 'bold', offset, length });
			if (marks.italic) wanted.push({ type: 'italic', offset, length });
		}
		const key = wanted.map((entity) => `${entity.type}${'url' in entity ? entity.url : ''}`).join(' ');
		const last = this.lastRun;
		// Streamed text arrives a word at a time with the same marks: growing the entities of the run
		// it continues keeps one entity per mark (Telegram caps their number) and every pair nested.
		if (last && last.key === key && last.end === offset && last.indices.length === wanted.length && wanted.length > 0) {
			for (const index of last.indices) this.entities[index] = { ...this.entities[index]!, length: this.entities[index]!.length + length };
			last.end += length;
			return this;
		}
		// Telegram drops or rejects entities that cover only whitespace; they carry no meaning anyway.
		if (value.trim() === '') {
			this.lastRun = { key, indices: [], end: offset + length };
			return this;
		}
		const indices = wanted.map((entity) => this.entities.push(entity) - 1);
		this.lastRun = { key, indices, end: offset + length };
		return this;
	}

	public appendSpans(spans: readonly Span[]): this {
		for (const { text, ...marks } of spans) this.append(text, marks);
		return this;
	}

	/** The text as built, untrimmed: a paragraph still growing keeps the space its next token may need. */
	public raw(): TelegramText {
		return { text: this.text, entities: [...this.entities] };
	}

	public build(): TelegramText {
		return trimText(this.raw());
	}
}

/**
 * Telegram refuses a whole message over one bad link ("Wrong HTTP URL"), so only absolute
 * http(s) URLs become links; anything else stays plain text.
 */
export function safeUrl(href: string): string | undefined {
	try {
		const url = new URL(href);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

function renderList(block: ListBlock): TelegramText {
	const builder = new TextBuilder();
	block.items.forEach((item, index) => {
		if (index > 0) builder.append('\n');
		builder.append(block.ordered ? `${(block.start ?? 1) + index}. ` : '• ');
		builder.appendSpans(item);
	});
	return builder.build();
}

function renderBody(block: ParagraphBlock | ListBlock): TelegramText {
	return block.type === 'list' ? renderList(block) : new TextBuilder().appendSpans(block.spans).build();
}

/**
 * Blocks are immutable and the archive hands out the same story objects while an issue stays
 * cached, so a block is rendered once however many readers ask for it (the popular stories of
 * the latest issue are asked for over and over).
 */
const renderedBlocks = new WeakMap<Block, TelegramText | undefined>();

/** One block as Telegram text; undefined for blocks that are not text (buttons). */
export function renderBlock(block: Block): TelegramText | undefined {
	if (renderedBlocks.has(block)) return renderedBlocks.get(block);
	const rendered = renderFresh(block);
	renderedBlocks.set(block, rendered);
	return rendered;
}

function renderFresh(block: Block): TelegramText | undefined {
	switch (block.type) {
		case 'heading':
			return new TextBuilder().append(spansText(block.spans), { bold: true }).build();
		case 'paragraph':
		case 'list':
			return renderBody(block);
		case 'card': {
			const title = new TextBuilder().append(block.title, { bold: true, ...(block.url ? { href: block.url } : {}) }).build();
			const footer = block.footer ? new TextBuilder().append(block.footer, { italic: true }).build() : undefined;
			return joinTexts([title, ...cardTextBlocks(block).map(renderBody), ...(footer ? [footer] : [])], blockSeparator);
		}
		case 'failure':
			// Expected failures read as a plain, friendly sentence; only command names keep `code`.
			return new TextBuilder().appendSpans(block.spans.map((span) => (span.code ? { text: span.text, code: true } : { text: span.text }))).build();
		case 'actions':
			return undefined;
	}
}

function spansText(spans: readonly Span[]): string {
	return spans.map((span) => span.text).join('');
}

/**
 * Packs an answer into messages of at most `limit` UTF-16 units as its parts arrive, rendering
 * each block once: a streamed answer re-rendered from the start at every block would cost time
 * quadratic in its length. Blocks are never split while they fit in a message; a single
 * oversized block is cut on paragraph, line or word boundaries, with each part carrying its own
 * copy of the formatting it overlaps.
 *
 * Text deltas grow the paragraph before them in place: only the new runs are rendered and
 * appended, so an answer written a token at a time costs time linear in its length. A growing
 * paragraph that no longer fits beside the blocks before it moves to a message of its own, as a
 * whole block would; one that outgrows a whole message is cut there, and the head is finished.
 */
export class ReplyPacker {
	private readonly parts: TelegramText[] = [];
	private open: TelegramText | undefined;
	/** A paragraph just added, rendered (and cached) as a block unless a delta follows it. */
	private pending: ParagraphBlock | undefined;
	/** The paragraph deltas are growing, untrimmed. */
	private growing: TextBuilder | undefined;
	private readonly actionRows: Action[][] = [];
	private failureCode: string | undefined;

	public constructor(private readonly limit = maxMessageLength) {}

	/** Parts no later part can change: packing is greedy, so a part is final once the next exists. */
	public get finished(): readonly TelegramText[] {
		return this.parts;
	}

	/** The message later parts may still join or grow, as it reads now. */
	public get current(): TelegramText | undefined {
		const tail = this.growing ? this.growing.build() : this.pending ? renderBlock(this.pending) : undefined;
		if (!tail || tail.text === '') return this.open;
		return this.open ? joinTexts([this.open, tail], blockSeparator) : tail;
	}

	public add(part: ReplyPart): void {
		if (part.type === 'delta') {
			this.grow(part.spans);
			return;
		}
		// The streamer cuts a live answer at its frames (see `splitViews`); none is content.
		if (part.type === 'frame') return;
		this.settle();
		if (part.type === 'paragraph') {
			this.pending = part;
			return;
		}
		if (part.type === 'actions') {
			if (part.actions.length > 0) this.actionRows.push([...part.actions]);
			return;
		}
		if (part.type === 'failure') this.failureCode ??= part.code;
		this.place(renderBlock(part));
	}

	public result(): RenderedReply {
		this.settle();
		return {
			parts: [...this.parts, ...(this.open ? [this.open] : [])],
			actionRows: this.actionRows,
			...(this.failureCode ? { failureCode: this.failureCode } : {}),
		};
	}

	/** Ends the open paragraph: it joins the message as a finished block. */
	private settle(): void {
		if (this.pending) this.place(renderBlock(this.pending));
		else if (this.growing) this.place(this.growing.build());
		this.pending = undefined;
		this.growing = undefined;
	}

	private place(rendered: TelegramText | undefined): void {
		if (!rendered || rendered.text === '') return;
		for (const piece of rendered.text.length > this.limit ? splitOversizedText(rendered, this.limit) : [rendered]) {
			if (this.open && this.open.text.length + blockSeparator.length + piece.text.length <= this.limit) {
				this.open = joinTexts([this.open, piece], blockSeparator);
			} else {
				if (this.open) this.parts.push(this.open);
				this.open = piece;
			}
		}
	}

	private grow(spans: readonly Span[]): void {
		if (!this.growing) {
			// A delta continues the paragraph just added; after anything else it starts a new one.
			this.growing = new TextBuilder();
			if (this.pending) this.growing.appendSpans(this.pending.spans);
			this.pending = undefined;
		}
		this.growing.appendSpans(spans);
		// The raw length bounds the trimmed one: most deltas are placed without looking at the text.
		if ((this.open ? this.open.text.length + blockSeparator.length : 0) + this.growing.length <= this.limit) return;
		const whole = this.growing.build();
		if (this.open && this.open.text.length + blockSeparator.length + whole.text.length <= this.limit) return;
		if (this.open) {
			this.parts.push(this.open);
			this.open = undefined;
		}
		let raw = this.growing.raw();
		let trimmed = whole;
		while (trimmed.text.length > this.limit) {
			const start = raw.text.length - raw.text.trimStart().length;
			const cut = start + findCut(raw.text.slice(start), this.limit);
			this.parts.push(trimText(sliceText(raw, 0, cut)));
			raw = sliceText(raw, cut, raw.text.length);
			trimmed = trimText(raw);
		}
		// The rest keeps its trailing space (the next token may need it) and grows on in a message of its own.
		this.growing = new TextBuilder(raw);
	}
}

/** Renders a whole answer at once (see {@link ReplyPacker}). */
export function renderReply(blocks: readonly ReplyPart[], limit = maxMessageLength): RenderedReply {
	const packer = new ReplyPacker(limit);
	for (const block of blocks) packer.add(block);
	return packer.result();
}
