import { plainText, type Span } from '../content/span.js';
import type { Source } from '../model/issue.js';
import type { MdItem } from './markdown-blocks.js';

/** Headings under which a digest lists its sources. */
export const sourcesHeading = /^(sources|references|links|citations|footnotes|来源|参考|参考资料|quellen|fuentes|sources et références)\s*:?$/iu;

const socialPost = /\b(?:X|Twitter|tweet)\b[^@]*@([A-Za-z0-9_]{1,15})\b/i;
const numberedLine = /^\s*\[?(\d{1,4})[\].):]?\s+(.+)$/;

/** Reads one item of a Sources list. */
export function readSourceItem(item: MdItem, fallbackNumber: number): Source {
	return readSource(item.spans, item.number ?? fallbackNumber);
}

/**
 * Reads a Sources paragraph. Soft-wrapped lines arrive joined, so "[1] A https://a [2] B"
 * is split before each "[n] " mark.
 */
export function readSourceParagraph(spans: readonly Span[]): Source[] {
	const groups: Span[][] = [[]];
	for (const span of spans) {
		const pieces = span.href ? [span.text] : span.text.split(/\s+(?=\[\d{1,4}\]\s)/);
		pieces.forEach((piece, index) => {
			if (index > 0) groups.push([]);
			if (piece !== '') groups[groups.length - 1]!.push({ ...span, text: piece });
		});
	}
	return groups.map(readSourceLine).filter((source): source is Source => source !== undefined);
}

/** Reads a Sources line such as "[3] Title https://…" or "3. Title". */
export function readSourceLine(spans: readonly Span[]): Source | undefined {
	const match = numberedLine.exec(plainText(spans));
	if (!match) return undefined;
	const number = Number(match[1]);
	const source = readSource(spans, number);
	const label = match[2]!.trim();
	return { ...source, label: source.url ? label.replace(source.url, '').trim() || label : label };
}

function readSource(spans: readonly Span[], number: number): Source {
	const label = plainText(spans).replace(/\s+/g, ' ').trim();
	const url = spans.find((span) => span.href)?.href ?? socialUrl(label);
	if (!url) return { number, label };
	// "Title https://…" lists the URL as text too; the link carries it already.
	return { number, label: label.replace(url, '').trim() || label, url };
}

/** "X post by @handle" names a post without linking it: the handle's profile is the best link. */
function socialUrl(label: string): string | undefined {
	const handle = socialPost.exec(label)?.[1];
	return handle ? `https://x.com/${handle}` : undefined;
}
