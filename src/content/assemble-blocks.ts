import type { Block, ParagraphBlock, Reply, ReplyPart } from './block.js';
import type { Span } from './span.js';

/**
 * Folds text deltas into the paragraphs they grow, for consumers that show whole blocks (a
 * delivery, a button press that edits one message, a test). Blocks stay immutable: a delta
 * replaces the open paragraph with a longer copy rather than changing the one handed out.
 */
export class BlockAssembler {
	private readonly done: Block[] = [];
	private open: ParagraphBlock | undefined;

	/** Complete blocks: every block but a paragraph that a later delta may still grow. */
	public get finished(): readonly Block[] {
		return this.done;
	}

	/** Every block so far, the growing paragraph included. */
	public get blocks(): readonly Block[] {
		return this.open ? [...this.done, this.open] : this.done;
	}

	public add(part: ReplyPart): void {
		// A live answer's next view replaces what came before: whole-block consumers keep the latest.
		if (part.type === 'frame') {
			this.done.length = 0;
			this.open = undefined;
			return;
		}
		if (part.type === 'delta') {
			this.open = { type: 'paragraph', spans: joinSpans(this.open?.spans ?? [], part.spans) };
			return;
		}
		this.flush();
		if (part.type === 'paragraph') this.open = part;
		else this.done.push(part);
	}

	/** Ends the growing paragraph, if any: nothing more will be appended to it. */
	public flush(): void {
		if (this.open) this.done.push(this.open);
		this.open = undefined;
	}
}

/** Appends runs, merging the seam when both sides carry the same marks (tokens arrive a word at a time). */
export function joinSpans(before: readonly Span[], after: readonly Span[]): Span[] {
	const out = [...before];
	appendSpans(out, after);
	return out;
}

/**
 * {@link joinSpans} in place, for a paragraph that grows a token at a time: copying it for every
 * token would cost time quadratic in the answer's length. Returns the characters appended.
 */
export function appendSpans(growing: Span[], spans: readonly Span[]): number {
	let added = 0;
	for (const span of spans) {
		if (span.text === '') continue;
		const last = growing.at(-1);
		if (last && sameMarks(last, span)) growing[growing.length - 1] = { ...last, text: last.text + span.text };
		else growing.push(span);
		added += span.text.length;
	}
	return added;
}

/** Whether two runs carry the same marks, so that one may continue the other. */
export function sameMarks(a: Span, b: Span): boolean {
	return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href && a.cite === b.cite && a.command === b.command && a.chat?.platform === b.chat?.platform && a.chat?.chatId === b.chat?.chatId;
}

/** Yields each block once it is complete, deltas folded in: a paragraph when the next part is not a delta. */
export async function* completeBlocks(reply: Reply): AsyncIterable<Block> {
	const assembler = new BlockAssembler();
	let emitted = 0;
	for await (const part of reply) {
		assembler.add(part);
		while (emitted < assembler.finished.length) yield assembler.finished[emitted++]!;
	}
	assembler.flush();
	while (emitted < assembler.finished.length) yield assembler.finished[emitted++]!;
}

/** The whole answer as blocks, deltas folded in. */
export async function collectBlocks(reply: Reply): Promise<Block[]> {
	const blocks: Block[] = [];
	for await (const block of completeBlocks(reply)) blocks.push(block);
	return blocks;
}

/** Whether a reply part is a block (not a delta), for consumers that treat blocks alone. */
export function isBlock(part: ReplyPart): part is Block {
	return part.type !== 'delta';
}
