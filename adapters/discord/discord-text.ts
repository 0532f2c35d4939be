import type { Span } from '../../src/content/span.js';
import { renderSpan, renderSpans } from './discord-markdown.js';
import { isHighSurrogate } from './discord-limits.js';

/** One line of Markdown: a fixed prefix ("## ", "- ", "3. ") and the runs that follow it. */
export interface TextLine {
	readonly prefix: string;
	readonly spans: readonly Span[];
}

/**
 * Packs lines into chunks of at most `limit` characters, breaking between lines where it can
 * and between (or inside) runs where a single line is too long. Because runs are flat and each
 * is rendered closed, no chunk ends with a mark left open.
 */
export function packLines(lines: readonly TextLine[], limit: number): string[] {
	const chunks: string[] = [];
	let current = '';
	for (const line of lines) {
		const rendered = line.prefix + renderSpans(line.spans);
		if (rendered.length > limit) {
			if (current !== '') chunks.push(current);
			current = '';
			chunks.push(...splitSpans(line.prefix, line.spans, limit));
			continue;
		}
		if (current === '') current = rendered;
		else if (current.length + 1 + rendered.length <= limit) current += `\n${rendered}`;
		else {
			chunks.push(current);
			current = rendered;
		}
	}
	if (current !== '') chunks.push(current);
	return chunks;
}

/** Splits one over-long line into rendered chunks, cutting inside a run at a space if possible. */
export function splitSpans(prefix: string, spans: readonly Span[], limit: number): string[] {
	const chunks: string[] = [];
	let current = prefix;
	const queue = [...spans];
	while (queue.length > 0) {
		const span = queue.shift() as Span;
		const whole = renderSpan(span);
		if (current.length + whole.length <= limit) {
			current += whole;
			continue;
		}
		if (whole.length <= limit && current.trim() !== '') {
			chunks.push(current);
			current = '';
			queue.unshift(span);
			continue;
		}
		const cut = largestFittingCut(span, limit - current.length);
		if (cut === 0) {
			// Not even one character fits after what is already there: start a fresh chunk.
			if (current !== '') chunks.push(current);
			current = '';
			if (largestFittingCut(span, limit) === 0) break; // A single character over the limit: give up on the run.
			queue.unshift(span);
			continue;
		}
		current += renderSpan({ ...span, text: span.text.slice(0, cut) });
		chunks.push(current);
		current = '';
		queue.unshift({ ...span, text: span.text.slice(cut).replace(/^\s+/, '') });
	}
	if (current.trim() !== '') chunks.push(current);
	return chunks;
}

/** The longest prefix of the run, preferably ending at whitespace, whose rendering fits `room`. */
function largestFittingCut(span: Span, room: number): number {
	if (room <= 0) return 0;
	const fits = (end: number): boolean => renderSpan({ ...span, text: span.text.slice(0, end) }).length <= room;
	let low = 0;
	let high = span.text.length;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (fits(middle)) low = middle;
		else high = middle - 1;
	}
	let cut = low;
	const space = span.text.lastIndexOf(' ', cut);
	if (cut < span.text.length && space > cut / 2) cut = space;
	if (cut > 0 && isHighSurrogate(span.text.charCodeAt(cut - 1))) cut -= 1;
	return cut;
}
