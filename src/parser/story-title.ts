import { plainText, type Span } from '../content/span.js';
import { stripCitationMarks } from './citations.js';

export interface LeadSplit {
	readonly title: string;
	/** The item without its title when the title was a lead-in ("**Title:** text"), else the whole item. */
	readonly body: Span[];
	readonly url?: string;
}

const maxTitleLength = 100;
const separator = /^\s*(?:[:：—–|-]\s*)/u;

/**
 * Finds the title of a list item or numbered paragraph: a leading link, a bold lead-in, or
 * failing both, its first sentence.
 */
export function splitLead(spans: readonly Span[]): LeadSplit {
	let first = spans.findIndex((span) => span.text.trim() !== '');
	// "💸 [Title](url) - text", "👀 **Title**": an emoji marking the item's kind stands before its lead, and stays with the title.
	const marker = isMarker(spans[first], spans[first + 1]) ? spans[first]!.text.trim() : undefined;
	if (marker !== undefined) first += 1;
	const lead = spans[first];
	if (lead && (lead.href || lead.bold)) {
		let end = first;
		while (end + 1 < spans.length && sameLead(lead, spans[end + 1]!)) end += 1;
		const leadTitle = cleanTitle(plainText(spans.slice(first, end + 1)));
		const title = marker !== undefined && leadTitle !== '' ? `${marker} ${leadTitle}` : leadTitle;
		const after = spans.slice(end + 1);
		const restText = plainText(after);
		const endsWithSeparator = /[:：]\s*$/.test(plainText(spans.slice(first, end + 1)));
		if (title !== '') {
			const url = lead.href || undefined;
			// A lead-in followed by a separator is a label: the body starts after it.
			if (endsWithSeparator || separator.test(restText) || restText.trim() === '') {
				const body = stripLeadingSeparator(after);
				return { title, body: body.length > 0 ? body : [...spans], ...(url ? { url } : {}) };
			}
			return { title, body: [...spans], ...(url ? { url } : {}) };
		}
	}
	return { title: firstSentence(plainText(spans)), body: [...spans] };
}

/** A few symbols with no letter or digit, before a link or bold text. */
function isMarker(span: Span | undefined, next: Span | undefined): boolean {
	if (!span || !next || span.href || span.bold || !(next.href || next.bold)) return false;
	const text = span.text.trim();
	return text.length <= 4 && !/[\p{L}\p{N}]/u.test(text);
}

function sameLead(lead: Span, next: Span): boolean {
	return lead.href ? next.href === lead.href : Boolean(next.bold) && !next.href;
}

function cleanTitle(value: string): string {
	return stripCitationMarks(value).replace(/\s+/g, ' ').replace(/[\s:：.—–-]+$/u, '').trim();
}

function stripLeadingSeparator(spans: readonly Span[]): Span[] {
	const out = [...spans];
	while (out.length > 0) {
		const stripped = out[0]!.text.replace(separator, '').replace(/^\s+/, '');
		if (stripped === '') {
			out.shift();
			continue;
		}
		out[0] = { ...out[0]!, text: stripped };
		break;
	}
	return out;
}

/** The first sentence of a text, cut on a word boundary when it is too long for a title. */
export function firstSentence(value: string): string {
	const flat = stripCitationMarks(value.replace(/\s+/g, ' ').trim());
	// A sentence needs a word: "7/14. Zig Meetup Lisbon." is titled by all of it, not "7/14".
	const sentence = /^(.*?\p{L}.*?[.!?。！？])(?:\s|$)/u.exec(flat)?.[1] ?? flat;
	if (sentence.length <= maxTitleLength) return sentence.replace(/[.。]$/u, '');
	const cut = sentence.slice(0, maxTitleLength);
	const space = cut.lastIndexOf(' ');
	return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
