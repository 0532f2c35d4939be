import type { FailureCode } from './failure-codes.js';
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

/** A source a card cites: the number its citation marks (`Span.cite`) point to, and where it lives. */
export interface SourceNote {
	readonly number: number;
	readonly label: string;
	/** Absolute http(s) URL, when the issue gave one. */
	readonly href?: string;
}

/**
 * The sources of a card, with their headings in the reader's language: a platform that shows
 * sources apart (Discord fields, Telegram footnotes) needs to know which part of a card they
 * are, not find them by matching a translated word.
 */
export interface CardSources {
	/** "Sources", in the card's language. */
	readonly heading: string;
	/** "Sources (continued)", for a platform that must spread a long list over several fields. */
	readonly continuedHeading: string;
	readonly items: readonly SourceNote[];
}

/** Which story a card shows, so that a renderer can offer "Read story N" beside it and fold the less prominent ones. */
export interface CardStory {
	readonly number: number;
	readonly issueId: string;
	/** One of the issue's top stories: shown open where a platform can fold the others. */
	readonly top: boolean;
}

/**
 * A titled unit such as one story. Discord renders it as an embed; text platforms render it
 * as a bold title followed by its body. Its parts say what they are — why it matters, the text,
 * the sources — so each platform can set them apart its own way.
 */
export interface CardBlock {
	readonly type: 'card';
	readonly title: string;
	readonly url?: string;
	/** Why the story matters: shown first, set apart where the platform can (a quote). */
	readonly highlight?: readonly Span[];
	readonly body: readonly (ParagraphBlock | ListBlock)[];
	readonly sources?: CardSources;
	readonly footer?: string;
	readonly story?: CardStory;
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
	/** Which expected failure this is: a reader's answer, a metric's label and the catalogue key all follow from it. */
	readonly code: FailureCode;
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
