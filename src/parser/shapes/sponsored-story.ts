import { plainText, type Span } from '../../content/span.js';

/*
 * Sponsored items ("Sponsor", "Sponsored by", "💸", "(Sponsor)" after a title, a "Partner
 * spotlight" section) are stories of their own kind: kept and labelled, never among the top.
 */

const sponsorMark = /\bsponsor(?:ed|s|ship)?\b|\bpartner (?:content|post|spotlight)\b|\bpaid (?:post|partnership|promotion)\b|\badvertis(?:ement|ing)\b|\bpromoted\b|\bbrought to you by\b|\bin partnership with\b|\bpresented by\b/i;
/** Substrings every mark contains: most titles have none, and `includes` is far cheaper than the pattern. */
const markWords = ['sponsor', 'partner', 'paid', 'advertis', 'promoted', 'brought to you', 'presented by'];

function hasSponsorMark(text: string): boolean {
	if (text.includes('💸')) return true;
	const lower = text.toLowerCase();
	return markWords.some((word) => lower.includes(word)) && sponsorMark.test(text);
}

/** True when the story's title, its section or subsection, or the start of its text marks it sponsored. */
export function isSponsored(title: string, section: string, subsection: string | undefined, firstParagraph: readonly Span[] | undefined): boolean {
	if (hasSponsorMark(title) || hasSponsorMark(section) || (subsection !== undefined && hasSponsorMark(subsection))) return true;
	const opening = firstParagraph?.[0] ? plainText(firstParagraph.slice(0, 3)).trimStart().slice(0, 40) : '';
	return /^\(?(?:sponsored|sponsor|advertisement|ad|paid)\b\)?\s*[:—–-]/iu.test(opening);
}
