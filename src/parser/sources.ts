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

/** Reads a Sources paragraph line such as "[3] Title https://…" or "3. Title". */
export function readSourceLine(spans: readonly Span[]): Source | undefined {
	const match = numberedLine.exec(plainText(spans));
	if (!match) return undefined;
	const number = Number(match[1]);
	const source = readSource(spans, number);
	return { ...source, label: match[2]!.trim() };
}

function readSource(spans: readonly Span[], number: number): Source {
	const label = plainText(spans).replace(/\s+/g, ' ').trim();
	const url = spans.find((span) => span.href)?.href ?? socialUrl(label);
	return url ? { number, label, url } : { number, label };
}

/** "X post by @handle" names a post without linking it: the handle's profile is the best link. */
function socialUrl(label: string): string | undefined {
	const handle = socialPost.exec(label)?.[1];
	return handle ? `https://x.com/${handle}` : undefined;
}
