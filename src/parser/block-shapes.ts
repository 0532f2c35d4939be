import { plainText, type Span } from '../content/span.js';
import type { ContentBlock, Source } from '../model/issue.js';
import type { MdBlock, MdItem, MdReference } from './markdown-blocks.js';
import { isCallToAction } from './shapes/call-to-action.js';

/*
 * How the parser recognises the parts of a digest: the patterns and small predicates the issue
 * builder asks of headings, paragraphs and list items.
 */

export const numberedHeading = /^\s*(\d{1,3})\s*[).、.:．]\s*(.+)$/su;
export const numberedParagraph = /^\s*(\d{1,3})\s*(?:[、．]|[.)](?=\s))\s*/u;
export const whyItMatters = /^\s*why it matters\b/i;
/** A section whose ordered list holds the top stories. */
export const topSection = /\btop\b|headlines|要闻|头条/iu;
export const sentenceEnd = /[.!?。！？]$/u;

export function mapBlockSpans(block: ContentBlock, map: (spans: Span[]) => Span[]): ContentBlock {
	if (block.type === 'paragraph') return { type: 'paragraph', spans: map(block.spans) };
	return { ...block, items: block.items.map((item) => map(item)) };
}

export function listOf(block: Extract<MdBlock, { kind: 'list' }>): ContentBlock {
	const items: Span[][] = [];
	for (const item of block.items) items.push(item.spans, ...item.children);
	const start = block.items[0]?.number;
	return { type: 'list', ordered: block.ordered, ...(start !== undefined && start !== 1 ? { start } : {}), items };
}

export function isLedItem(item: MdItem): boolean {
	const first = item.spans.find((span) => span.text.trim() !== '');
	return Boolean(first && (first.bold || first.href));
}

/** "**Headline:** text" or "**Headline.** text" as a paragraph of its own reads as a story. */
export function isLeadInParagraph(spans: readonly Span[]): boolean {
	const first = spans.find((span) => span.text.trim() !== '');
	if (!first?.bold || first.href) return false;
	if (spans.every((span) => span.bold || span.text.trim() === '')) return false;
	const afterIndex = spans.indexOf(first) + 1;
	return /[:.：]\s*$/u.test(first.text) || /^\s*[:：—–-]/u.test(spans[afterIndex]?.text ?? '');
}

/** A short paragraph set wholly in bold (or one link, not a call to action): a heading in all but syntax. */
export function isBoldLine(spans: readonly Span[]): boolean {
	const text = plainText(spans).trim();
	if (text === '' || text.split(/\s+/).length > 25 || whyItMatters.test(text) || isCallToAction(spans)) return false;
	const visible = spans.filter((span) => span.text.trim() !== '');
	return visible.every((span) => span.bold) || (visible.length === 1 && Boolean(visible[0]!.href));
}

export function stripNumber(spans: readonly Span[]): Span[] {
	const out = [...spans];
	const first = out.findIndex((span) => span.text.trim() !== '');
	if (first >= 0) out[first] = { ...out[first]!, text: out[first]!.text.replace(numberedParagraph, '') };
	return out.filter((span) => span.text !== '');
}

export function sourcesFromReferences(references: ReadonlyMap<string, MdReference>): Source[] {
	const sources: Source[] = [];
	for (const [label, reference] of references) {
		if (!/^\d{1,4}$/.test(label)) continue;
		sources.push({ number: Number(label), label: reference.title ?? reference.href, url: reference.href });
	}
	return sources.sort((a, b) => a.number - b.number);
}

export function titleFromFile(file: string | undefined): string | undefined {
	const base = file?.split(/[\\/]/).pop()?.replace(/\.(md|markdown|mdx|txt|html?|xhtml)$/i, '').replace(/[-_]+/g, ' ').trim();
	return base ? base : undefined;
}

export function normalise(value: string): string {
	return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function truncate(value: string): string {
	return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/** Below any heading: the section opened for stories that come before the first heading. */
export const implicitLevel = 99;
