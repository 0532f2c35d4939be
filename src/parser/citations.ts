import type { Span } from '../content/span.js';
import type { Source } from '../model/issue.js';

/** "[7]", "[7, 8]", "[39, 40, 41]"; ranges such as "[3–5]" are expanded. */
const citationMark = /\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]/g;

/**
 * Splits citation marks out of plain runs so that each number becomes its own run carrying
 * `cite`, which renderers can link to the source. Returns the numbers in order of mention.
 */
export function markCitations(spans: readonly Span[], cited: number[]): Span[] {
	const out: Span[] = [];
	for (const span of spans) {
		const linkedMark = span.href ? /^\[(\d{1,4})\]$/.exec(span.text) : null;
		if (linkedMark) {
			const number = Number(linkedMark[1]);
			out.push(unlinked(span, '['), { ...span, text: linkedMark[1]!, cite: number }, unlinked(span, ']'));
			if (!cited.includes(number)) cited.push(number);
			continue;
		}
		if (span.href || span.code) {
			out.push(span);
			continue;
		}
		let last = 0;
		for (const match of span.text.matchAll(citationMark)) {
			const start = match.index;
			if (start > last) out.push({ ...span, text: span.text.slice(last, start) });
			out.push({ ...span, text: '[' });
			const parts = match[1]!.split(/(\s*[,–-]\s*)/);
			for (const part of parts) {
				if (/^\d+$/.test(part)) {
					const number = Number(part);
					out.push({ ...span, text: part, cite: number });
					if (!cited.includes(number)) cited.push(number);
				} else {
					out.push({ ...span, text: part });
				}
			}
			out.push({ ...span, text: ']' });
			last = start + match[0].length;
		}
		if (last === 0) out.push(span);
		else if (last < span.text.length) out.push({ ...span, text: span.text.slice(last) });
	}
	return out;
}

/** Points each citation run at its source's URL, once the Sources list has been read. */
export function linkCitations(spans: Span[], sources: ReadonlyMap<number, Source>): void {
	for (const span of spans) {
		if (span.cite === undefined) continue;
		const url = sources.get(span.cite)?.url;
		if (url) span.href = url;
	}
}

/** Titles read better without citation marks: "Big news [3]" → "Big news". */
export function stripCitationMarks(title: string): string {
	return title.replace(/\s*\[\d{1,4}(?:\s*[,–-]\s*\d{1,4})*\]/g, '').trim();
}

function unlinked(span: Span, text: string): Span {
	const { href: _link, ...marks } = span;
	return { ...marks, text };
}
