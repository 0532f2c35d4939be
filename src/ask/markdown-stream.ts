import MarkdownIt from 'markdown-it';
import type { Span } from '../content/span.js';
import { readInline } from '../parser/markdown-blocks.js';

/**
 * Turns a model's citation (the text between `[` and `]`, e.g. "2" or "2026-03-03 · 3") into the
 * spans a reader sees, or `undefined` when it is not a citation at all (left as written). An
 * empty array removes it: a citation of a passage the model was never given.
 */
export type CitationResolver = (inner: string) => Span[] | undefined;

/** Inline Markdown only: a streamed answer grows inside one paragraph, so blocks are read as lines. */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });

const citationPattern = /(\s*)\[([^[\]\n]{1,40})\]/g;

/**
 * Converts a model's Markdown to spans as it streams, so that every prefix shown is valid
 * formatting: text is released only up to a point where no `**`, `_`, `*`, backtick, `[` or
 * link is open and the next character is a space, and that prefix is rendered by markdown-it.
 * Because a cut never falls inside a mark or a word, the rendering of a longer prefix extends
 * the rendering of a shorter one, and each release is just the new tail.
 */
export class MarkdownSpanStream {
	private raw = '';
	private released = 0;
	private releasedSource = 0;

	public constructor(private readonly resolveCitation: CitationResolver) {}

	/** The model's text so far, as written. */
	public get source(): string {
		return this.raw;
	}

	/** Characters of rendered text released so far. */
	public get length(): number {
		return this.released;
	}

	/** Adds model text; returns the spans that became safe to show (often none). */
	public push(text: string): Span[] {
		this.raw += text;
		const cut = stableLength(this.raw);
		if (cut <= this.releasedSource) return [];
		this.releasedSource = cut;
		return this.release(this.raw.slice(0, cut));
	}

	/** The stream ended (or was cut off): whatever is held back is released as it stands. */
	public end(): Span[] {
		this.releasedSource = this.raw.length;
		return this.release(this.raw);
	}

	private release(source: string): Span[] {
		const spans = renderAnswerMarkdown(source, this.resolveCitation);
		const tail = sliceSpans(spans, this.released);
		this.released = Math.max(this.released, spanLength(spans));
		return tail;
	}
}

/** Renders a whole answer (or a stable prefix of one) to spans. */
export function renderAnswerMarkdown(source: string, resolveCitation: CitationResolver): Span[] {
	const text = stripThinking(source)
		.replace(/^\s+/, '')
		.split('\n')
		.map((line) => line.replace(/^(\s*)[-*+]\s+/, '$1• ').replace(/^\s{0,3}#{1,6}\s+/, ''))
		.join('\n');
	const [inline] = markdown.parseInline(text, {});
	if (!inline) return [];
	// Model answers keep their line breaks: a soft break is a new line, not a space.
	for (const child of inline.children ?? []) if (child.type === 'softbreak') child.type = 'hardbreak';
	return readInline(inline).flatMap((span) => withCitations(span, resolveCitation));
}

function withCitations(span: Span, resolveCitation: CitationResolver): Span[] {
	if (span.code || span.href) return [span];
	const out: Span[] = [];
	let at = 0;
	for (const match of span.text.matchAll(citationPattern)) {
		const resolved = resolveCitation(match[2]!);
		if (resolved === undefined) continue;
		if (match.index > at) out.push({ ...span, text: span.text.slice(at, match.index) });
		if (resolved.length > 0 && match[1]) out.push({ ...span, text: match[1] });
		for (const citation of resolved) out.push({ ...citation, ...(span.bold ? { bold: true } : {}), ...(span.italic ? { italic: true } : {}) });
		at = match.index + match[0].length;
	}
	if (at < span.text.length) out.push(at === 0 ? span : { ...span, text: span.text.slice(at) });
	return out;
}

/** Thinking models (Qwen 3 through some servers) write their reasoning in <think> tags first: never the answer. */
function stripThinking(source: string): string {
	const start = source.search(/\S/);
	if (start < 0 || !source.startsWith('<think>', start)) return source;
	const end = source.indexOf('</think>', start);
	return end < 0 ? '' : source.slice(end + '</think>'.length);
}

/**
 * How much of the model's text is safe to render: up to the last space that follows a
 * non-space with every mark closed. Written as a scan of delimiters, not a Markdown parser: it
 * only decides where to cut, and markdown-it renders what is cut.
 */
export function stableLength(raw: string): number {
	const thinkingStart = raw.search(/\S/);
	if (thinkingStart >= 0 && raw.startsWith('<think>', thinkingStart) && !raw.includes('</think>')) return 0;
	let safe = 0;
	let code = 0; // length of the backtick run that opened inline code, 0 outside code
	let strong = false;
	let emphasis: '' | '*' | '_' = '';
	let brackets = 0;
	let inUrl = false;
	let lineStart = 0;
	for (let i = 0; i < raw.length; i += 1) {
		const char = raw[i]!;
		if (/\s/.test(char)) {
			if (char === '\n') lineStart = i + 1;
			const lineSoFar = raw.slice(lineStart, i);
			const closed = code === 0 && !strong && emphasis === '' && brackets === 0 && !inUrl;
			if (closed && i > 0 && !/\s/.test(raw[i - 1]!) && !/^\s*([-*+]|#{1,6}|\d+[.)])$/.test(lineSoFar)) safe = i;
			continue;
		}
		if (char === '\\') {
			i += 1;
			continue;
		}
		if (char === '`') {
			let run = 1;
			while (raw[i + run] === '`') run += 1;
			if (code === 0) code = run;
			else if (code === run) code = 0;
			i += run - 1;
			continue;
		}
		if (code > 0) continue;
		if (inUrl) {
			if (char === ')') inUrl = false;
			continue;
		}
		if (char === '[') {
			brackets += 1;
			continue;
		}
		if (char === ']') {
			if (brackets > 0) brackets -= 1;
			if (brackets === 0 && raw[i + 1] === '(') {
				inUrl = true;
				i += 1;
			}
			continue;
		}
		if (char === '*' || char === '_') {
			let run = 1;
			while (raw[i + run] === char) run += 1;
			const before = raw[i - 1] ?? ' ';
			const after = raw[i + run] ?? '';
			const canOpen = after !== '' && !/\s/.test(after) && (char === '*' || !/[\p{L}\p{N}]/u.test(before));
			const canClose = !/\s/.test(before) && (char === '*' || after === '' || !/[\p{L}\p{N}]/u.test(after));
			let left = run;
			if (left >= 2 && (strong ? canClose : canOpen)) {
				strong = !strong;
				left -= 2;
			}
			if (left >= 1 && (emphasis === char ? canClose : emphasis === '' && canOpen)) emphasis = emphasis === char ? '' : char;
			i += run - 1;
		}
	}
	return safe;
}

function spanLength(spans: readonly Span[]): number {
	let length = 0;
	for (const span of spans) length += span.text.length;
	return length;
}

/** The runs after the first `from` characters, splitting the run that straddles it. */
export function sliceSpans(spans: readonly Span[], from: number): Span[] {
	const out: Span[] = [];
	let at = 0;
	for (const span of spans) {
		const end = at + span.text.length;
		if (end > from) out.push(at >= from ? span : { ...span, text: span.text.slice(from - at) });
		at = end;
	}
	return out;
}
