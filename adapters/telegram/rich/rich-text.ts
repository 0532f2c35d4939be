import type { RichText } from 'grammy/types';
import type { Span } from '../../../src/content/span.js';
import type { Measured } from './rich-limits.js';
import { safeUrl } from '../telegram-renderer.js';

/** The footnote a citation mark points to, by source number; undefined where the card lists no such source. */
export type FootnoteNames = (sourceNumber: number) => string | undefined;

/**
 * One run as rich text, with the levels of formatting it nests. `code` wins over the other marks,
 * as in the entity renderer; a citation mark whose source is a footnote of the card becomes a
 * reference link to it (the footnote carries the URL), any other link a URL.
 */
function richSpan(span: Span, footnotes: FootnoteNames | undefined): { text: RichText; depth: number } {
	if (span.code) return { text: { type: 'code', text: span.text }, depth: 1 };
	// Formatting that covers only whitespace carries no meaning; Telegram drops it anyway.
	if (span.text.trim() === '') return { text: span.text, depth: 0 };
	let text: RichText = span.text;
	let depth = 0;
	const wrap = (outer: (inner: RichText) => RichText): void => {
		text = outer(text);
		depth += 1;
	};
	if (span.italic) wrap((inner) => ({ type: 'italic', text: inner }));
	if (span.bold) wrap((inner) => ({ type: 'bold', text: inner }));
	const footnote = span.cite !== undefined ? footnotes?.(span.cite) : undefined;
	const url = footnote === undefined && span.href ? safeUrl(span.href) : undefined;
	if (footnote !== undefined) wrap((inner) => ({ type: 'reference_link', text: inner, reference_name: footnote }));
	else if (url) wrap((inner) => ({ type: 'url', text: inner, url }));
	return { text, depth };
}

/** Runs as rich text, measured: UTF-16 units of their text and the deepest formatting. */
export function richSpans(spans: readonly Span[], footnotes?: FootnoteNames): Measured<RichText> {
	const parts: RichText[] = [];
	let characters = 0;
	let depth = 0;
	for (const span of spans) {
		if (span.text === '') continue;
		const rendered = richSpan(span, footnotes);
		// Plain runs side by side ("[", "7", ", ") read as one string: fewer, shorter objects to send.
		const last = parts.length - 1;
		if (typeof rendered.text === 'string' && typeof parts[last] === 'string') parts[last] += rendered.text;
		else parts.push(rendered.text);
		characters += span.text.length;
		depth = Math.max(depth, rendered.depth);
	}
	return { value: parts.length === 1 ? parts[0]! : parts, cost: { blocks: 0, characters, depth } };
}

/** Plain text, measured. */
export function richPlain(text: string): Measured<RichText> {
	return { value: text, cost: { blocks: 0, characters: text.length, depth: 0 } };
}
