import { sliceText, trimText, type TelegramText } from './telegram-text.js';

/**
 * Boundaries to cut an oversized text at, best first. A cut is only taken if it keeps at
 * least a quarter of the limit in the part, so that one early blank line does not produce a
 * tiny message followed by the rest.
 */
const boundaries = ['\n\n', '\n', '. ', ' '];

/**
 * Cuts a text longer than `limit` into parts of at most `limit` UTF-16 units. Entities that
 * straddle a cut are clipped into both parts, so bold stays bold and a link stays a link on
 * either side; a cut never falls inside a surrogate pair (an emoji).
 */
export function splitOversizedText(source: TelegramText, limit: number): TelegramText[] {
	const parts: TelegramText[] = [];
	let rest = trimText(source);
	while (rest.text.length > limit) {
		const cut = findCut(rest.text, limit);
		const head = trimText(sliceText(rest, 0, cut));
		if (head.text !== '') parts.push(head);
		rest = trimText(sliceText(rest, cut, rest.text.length));
	}
	if (rest.text !== '') parts.push(rest);
	return parts;
}

/** Where to end a head of at most `limit` units: the best boundary in reach, else a hard cut that keeps emoji whole. */
export function findCut(text: string, limit: number): number {
	const window = text.slice(0, limit + 1);
	for (const boundary of boundaries) {
		const at = window.lastIndexOf(boundary);
		// Keep the boundary's visible part (". " keeps its full stop) in the head.
		const cut = boundary === '. ' ? at + 1 : at;
		if (at > 0 && cut >= limit / 4 && cut <= limit) return cut;
	}
	// No boundary at all (a 10,000-character word): hard cut, but never between a surrogate pair.
	const code = text.charCodeAt(limit - 1);
	return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
