import { plainText, type Span } from '../../content/span.js';

/*
 * Sponsored items ("Sponsor", "Sponsored by", "💸", "(Sponsor)" after a title, a "Partner
 * spotlight" section) are stories of their own kind: kept and labelled, never among the top.
 */

const sponsorMark = /\bsponsor(?:ed|s|ship)?\b|\bpartner (?:content|post|spotlight)\b|\bpaid (?:post|partnership|promotion)\b|\badvertis(?:ement|ing)\b|\bpromoted\b|💸|\bbrought to you by\b|\bin partnership with\b|\bpresented by\b/iu;

/** True when the story's title, its section or subsection, or the start of its text marks it sponsored. */
export function isSponsored(title: string, section: string, subsection: string | undefined, firstParagraph: readonly Span[] | undefined): boolean {
	if (sponsorMark.test(title) || sponsorMark.test(section) || (subsection !== undefined && sponsorMark.test(subsection))) return true;
	const opening = firstParagraph ? plainText(firstParagraph).trimStart().slice(0, 40) : '';
	return /^\(?(?:sponsored|sponsor|advertisement|ad|paid)\b\)?\s*[:—–-]/iu.test(opening);
}
