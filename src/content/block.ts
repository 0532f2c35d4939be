import type { Span } from './span.js';

/**
 * A button the user can press: an abstract action that re-enters the command router.
 * Adapters encode `command` and `args` into the platform's payload (Telegram callback data
 * is limited to 64 bytes, Discord custom ids to 100 characters), so keep args short.
 */
export interface Action {
	readonly label: string;
	readonly command: string;
	readonly args: readonly string[];
}

/** A heading line. Level 1 is the most prominent. */
export interface HeadingBlock {
	readonly type: 'heading';
	readonly level: 1 | 2 | 3;
	readonly spans: readonly Span[];
}

export interface ParagraphBlock {
	readonly type: 'paragraph';
	readonly spans: readonly Span[];
}

export interface ListBlock {
	readonly type: 'list';
	readonly ordered: boolean;
	/** Number of the first item of an ordered list. */
	readonly start?: number;
	readonly items: readonly (readonly Span[])[];
}

/**
 * A titled unit such as one story. Discord renders it as an embed; text platforms render it
 * as a bold title followed by its body.
 */
export interface CardBlock {
	readonly type: 'card';
	readonly title: string;
	readonly url?: string;
	readonly body: readonly (ParagraphBlock | ListBlock)[];
	readonly footer?: string;
}

/** Buttons shown under the answer. */
export interface ActionsBlock {
	readonly type: 'actions';
	readonly actions: readonly Action[];
}

/**
 * An expected failure (bad argument, unknown story …). `code` is stable so adapters can
 * treat failures specially (Discord answers them ephemerally) and tests can match on it.
 */
export interface FailureBlock {
	readonly type: 'failure';
	readonly code: string;
	/** What the text was built from, so that it can be worded again in the reader's language. */
	readonly params?: Readonly<Record<string, unknown>>;
	readonly spans: readonly Span[];
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | CardBlock | ActionsBlock | FailureBlock;

/**
 * More text for the paragraph yielded just before it: how an answer that is being written (an
 * LLM's tokens) grows inside one block instead of arriving as many. Spans are whole: a producer
 * holds back a mark until it closes, so every prefix of a paragraph renders as valid formatting.
 * A delta that follows anything but a paragraph starts a new paragraph.
 */
export interface TextDelta {
	readonly type: 'delta';
	readonly spans: readonly Span[];
}

/**
 * Ends one view of a live answer (`/status` while a broadcast is sending): the parts since the
 * previous `frame` are the whole answer as of now, and the parts after it replace them, not add
 * to them. Adapters show the first view as any answer and then edit that message in place with
 * each later view, paced to the platform's edit limits; the parts after the last `frame` are what
 * stays on screen. A live view should fit in one message: only the first message is edited.
 */
export interface FrameEnd {
	readonly type: 'frame';
}

/** One step of an answer: a block, more text for the paragraph before it, or the end of a live view. */
export type ReplyPart = Block | TextDelta | FrameEnd;

/** What every command produces: blocks yielded as soon as each is ready, and text deltas inside them. */
export type Reply = AsyncIterable<ReplyPart>;
