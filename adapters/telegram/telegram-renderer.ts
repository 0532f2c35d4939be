import type { MessageEntity } from 'grammy/types';
import type { Action, Block, ListBlock, ParagraphBlock } from '../../src/content/block.js';
import type { Span } from '../../src/content/span.js';
import { splitOversizedText } from './text-splitter.js';
import { joinTexts, maxMessageLength, trimText, type TelegramText } from './telegram-text.js';

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
	private text = '';
	private readonly entities: MessageEntity[] = [];

	public append(value: string, marks: Omit<Span, 'text'> = {}): this {
		if (value === '') return this;
		const offset = this.text.length;
		this.text += value;
		const length = value.length;
		// Telegram drops or rejects entities that cover only whitespace; they carry no meaning anyway.
		if (value.trim() === '') return this;
		// `code` may not contain other entities, so it wins over every other mark.
		if (marks.code) {
			this.entities.push({ type: 'code', offset, length });
			return this;
		}
		const url = marks.href ? safeUrl(marks.href) : undefined;
		if (url) this.entities.push({ type: 'text_link', offset, length, url });
		if (marks.bold) this.entities.push({ type: 'bold', offset, length });
		if (marks.italic) this.entities.push({ type: 'italic', offset, length });
		return this;
	}

	public appendSpans(spans: readonly Span[]): this {
		for (const { text, ...marks } of spans) this.append(text, marks);
		return this;
	}

	public build(): TelegramText {
		return trimText({ text: this.text, entities: this.entities });
	}
}

/**
 * Telegram refuses a whole message over one bad link ("Wrong HTTP URL"), so only absolute
 * http(s) URLs become links; anything else stays plain text.
 */
function safeUrl(href: string): string | undefined {
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
			return joinTexts([title, ...block.body.map(renderBody), ...(footer ? [footer] : [])], blockSeparator);
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
 * Packs an answer into messages of at most `limit` UTF-16 units as its blocks arrive, rendering
 * each block once: a streamed answer re-rendered from the start at every block would cost time
 * quadratic in its length. Blocks are never split while they fit in a message; a single
 * oversized block is cut on paragraph, line or word boundaries, with each part carrying its own
 * copy of the formatting it overlaps.
 */
export class ReplyPacker {
	private readonly parts: TelegramText[] = [];
	private open: TelegramText | undefined;
	private readonly actionRows: Action[][] = [];
	private failureCode: string | undefined;

	public constructor(private readonly limit = maxMessageLength) {}

	/** Parts no later block can change: packing is greedy, so a part is final once the next exists. */
	public get finished(): readonly TelegramText[] {
		return this.parts;
	}

	/** The part later blocks may still join. */
	public get current(): TelegramText | undefined {
		return this.open;
	}

	public add(block: Block): void {
		if (block.type === 'actions') {
			if (block.actions.length > 0) this.actionRows.push([...block.actions]);
			return;
		}
		if (block.type === 'failure') this.failureCode ??= block.code;
		const rendered = renderBlock(block);
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

	public result(): RenderedReply {
		return {
			parts: [...this.parts, ...(this.open ? [this.open] : [])],
			actionRows: this.actionRows,
			...(this.failureCode ? { failureCode: this.failureCode } : {}),
		};
	}
}

/** Renders a whole answer at once (see {@link ReplyPacker}). */
export function renderReply(blocks: readonly Block[], limit = maxMessageLength): RenderedReply {
	const packer = new ReplyPacker(limit);
	for (const block of blocks) packer.add(block);
	return packer.result();
}
