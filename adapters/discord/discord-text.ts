import type { Span } from '../../src/content/span.js';
import { isDiscordChat, renderSpan, renderSpans } from './discord-markdown.js';
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
export function largestFittingCut(span: Span, room: number): number {
	if (room <= 0) return 0;
	// A mention cut in two would render whole on both sides: it moves on in one piece.
	if (isDiscordChat(span)) return renderSpan(span).length <= room ? span.text.length : 0;
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

/**
 * Splits runs into a head whose Markdown fits `room` characters and the rest, cutting on a
 * paragraph break where one falls in the second three quarters of the head, else at a space.
 * Both sides are runs again, each rendered closed: a growing paragraph continues in the next
 * message with its marks intact.
 */
export function takeFitting(spans: readonly Span[], room: number): { head: Span[]; rest: Span[] } {
	let head: Span[] = [];
	let rest: Span[] = [];
	let used = 0;
	for (const [index, span] of spans.entries()) {
		const size = renderSpan(span).length;
		if (used + size <= room) {
			head.push(span);
			used += size;
			continue;
		}
		const cut = largestFittingCut(span, room - used);
		if (cut > 0) head.push({ ...span, text: span.text.slice(0, cut) });
		rest = [{ ...span, text: span.text.slice(cut) }, ...spans.slice(index + 1)];
		break;
	}
	const plain = head.map((span) => span.text).join('');
	const at = plain.lastIndexOf('\n\n');
	if (rest.length > 0 && at >= plain.length / 4) {
		const [before, after] = splitAt(head, at);
		head = before;
		rest = [...after, ...rest];
	}
	return { head: trimRuns(head, 'end'), rest: trimRuns(rest, 'start') };
}

/** The runs before and after a plain-text offset. */
function splitAt(spans: readonly Span[], offset: number): [Span[], Span[]] {
	const before: Span[] = [];
	const after: Span[] = [];
	let at = 0;
	for (const span of spans) {
		const end = at + span.text.length;
		if (end <= offset) before.push(span);
		else if (at >= offset) after.push(span);
		else {
			before.push({ ...span, text: span.text.slice(0, offset - at) });
			after.push({ ...span, text: span.text.slice(offset - at) });
		}
		at = end;
	}
	return [before, after];
}

/** Drops whitespace at one end of a list of runs (the seam of a cut), and runs left empty. */
export function trimRuns(spans: readonly Span[], side: 'start' | 'end'): Span[] {
	const out = spans.filter((span) => span.text !== '');
	const index = side === 'start' ? 0 : out.length - 1;
	const edge = out[index];
	if (edge) out[index] = { ...edge, text: side === 'start' ? edge.text.trimStart() : edge.text.trimEnd() };
	return out.filter((span) => span.text !== '');
}
